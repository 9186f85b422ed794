"""Find every distinct error in a long log (`tfexplain scan`)."""

from __future__ import annotations

import itertools
import re

from . import kb as kbmod
from .diagnosis import Diagnosis, diagnose
from .match import normalise
from .parse import clean, parse_text

_START = re.compile(r"Traceback \(most recent call last\)")
_CHAINED = re.compile(r"During handling of the above exception|The above exception was the direct cause")


def split_log(text: str) -> list[str]:
    """Cut a log before each traceback that does not continue a chained one."""
    lines = clean(text).split("\n")
    cuts = [0]
    for i, line in enumerate(lines):
        if _START.search(line) and i > 0:
            before = "\n".join(lines[max(0, i - 3) : i])
            if not _CHAINED.search(before):
                cuts.append(i)
    cuts.append(len(lines))
    return ["\n".join(lines[a:b]) for a, b in itertools.pairwise(cuts) if b > a]


def scan_text(text: str, kb_paths: tuple[str, ...] = ()) -> list[Diagnosis]:
    knowledge = kbmod.load(kb_paths)
    seen: set[str] = set()
    out: list[Diagnosis] = []
    reports = [r for r in map(parse_text, split_log(text)) if r is not None]
    # Blocks of bare warnings only count when the log has no real exception.
    if any(r.type for r in reports):
        reports = [r for r in reports if r.type]
    for report in reports:
        key = report.type + ":" + normalise(report.headline, 200)
        if key in seen:
            continue
        seen.add(key)
        out.append(diagnose(report, knowledge))
    return out

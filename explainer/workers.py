"""Separate the interleaved output of several workers before it is split into errors.

Distributed jobs print one stream in which each line carries a prefix naming
its worker: Ray's `(pid=123)` or `(RayTrainWorker pid=123)`, `[worker 3]`,
`rank 0:`, torchrun's `[rank0]:` / `[default0]:`, mpirun's `[1,0]<stderr>:`,
docker compose's `worker-1  | `, `kubectl logs --prefix`'s `[pod/name/c] `.
Timestamps in front are dropped too. `split_prefix` returns the worker key
("" for unprefixed lines) and the line as the worker printed it.
"""

from __future__ import annotations

import re

from . import rx

_TIMESTAMP = rx.compile(
    r"^\[?(?:\d{4}-\d\d-\d\d[ T])?\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?(?:\s*[|:]\s|\s+(?:-\s+)?)"
)
_WORKERS = [
    rx.compile(r"^\((?:[\w.:-]+ )?(?P<key>pid=\d+)(?:, ip=[\w.:-]+)?\) ?"),
    rx.compile(r"^\[(?P<key>(?:worker|rank|process|proc|task|node|gpu|replica)[ _-]?\d+)\]:? ?", re.I),
    rx.compile(r"^\[(?P<key>(?:rank|default)\d+)\]: ?"),
    rx.compile(r"^\[(?P<key>\d+,\d+)\]<(?:stdout|stderr)>:"),
    rx.compile(r"^(?P<key>(?:worker|rank|process|proc|task|replica)[ _-]?\d+)\s*[:|] ?", re.I),
    rx.compile(r"^\[(?P<key>pod/[\w.-]+(?:/[\w.-]+)?)\] ?"),
    rx.compile(r"^(?P<key>[a-z][\w.-]*[-_]\d+)\s+\| ?"),
]


def split_prefix(line: str) -> tuple[str, str]:
    """(worker key, the line without its prefixes)."""
    if not line or line[0] in " \t":
        return "", line
    m = _TIMESTAMP.match(line)
    if m:
        line = line[m.end() :]
    for pat in _WORKERS:
        w = pat.match(line)
        if w:
            rest = line[w.end() :]
            t = _TIMESTAMP.match(rest)
            if t:
                rest = rest[t.end() :]
            return " ".join(w.group("key").lower().replace("_", " ").split()), rest
    return "", line


def split_workers(lines: list[str], min_workers: int = 2) -> dict[str, list[str]] | None:
    """Each worker's own lines, when the text interleaves two or more prefixed workers.

    Unprefixed lines (a traceback's indented frames keep no prefix in some
    launchers) go to the worker whose line came last. The dict is ordered by
    where each worker's output ends, last-ending worker last. None when fewer
    than `min_workers` distinct prefixes appear: then the text is one stream.
    """
    streams: dict[str, list[str]] = {}
    ends: dict[str, int] = {}
    current = ""
    for i, line in enumerate(lines):
        key, rest = split_prefix(line)
        if key:
            current = key
        streams.setdefault(current, []).append(rest)
        if rest.strip():
            ends[current] = i
    if len([k for k in streams if k]) < min_workers:
        return None
    return {k: streams[k] for k in sorted(streams, key=lambda k: ends.get(k, -1))}

"""When two errors are the same error: equal once numbers, paths and addresses are masked.

A training loop that fails on every batch prints one traceback thousands of
times with a different step, shape or temporary path each time; they are one
error with a count, not thousands.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"0x[0-9a-fA-F]+")
_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][\w.@+~-]+){2,}[\\/]?|(?<![\w.])[\w.-]+\.(?:py|h5|keras|ckpt|pb|json|csv)\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[+-]?\d+)?")
_QUOTED_ID = re.compile(r"'(?:[\w./-]*_\d+|[0-9a-f]{8,})'")
_SPACE = re.compile(r"\s+")

#: Only this much of a block's tail takes part in its quick key.
QUICK_CHARS = 4096


def mask(text: str) -> str:
    """The text with what varies between runs replaced by placeholders."""
    text = _HEX.sub("0x_", text)
    text = _PATH.sub("<path>", text)
    text = _QUOTED_ID.sub("'<id>'", text)
    text = _NUMBER.sub("0", text)
    return _SPACE.sub(" ", text).strip()


def quick_key(lines: list[str]) -> int:
    """A hash of a block's masked last exception: equal keys are surely one group (parse skipped)."""
    start = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line[:1] not in ("", " ", "\t") and ("Error" in line or "Exception" in line) and ":" in line:
            start = i
            break
    return hash(mask("\n".join(lines[start:])[:QUICK_CHARS]))


def signature(error_type: str, headline: str) -> str:
    """The group of a parsed error: its type and its masked first message line."""
    return f"{error_type}: {mask(headline)[:300]}"

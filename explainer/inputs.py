"""Read what the user gave us, in bounded time and memory.

Tracebacks sit at the end of logs, so `read_tail` keeps only the last few
megabytes of an arbitrarily large stream; `decode` refuses binary data with a
reason a person can act on.
"""

from __future__ import annotations

from collections import deque
from typing import BinaryIO

#: How much of the end of the input is kept for explaining.
TAIL_BYTES = 4 * 1024 * 1024
CHUNK = 1024 * 1024


class InputError(Exception):
    """Input that cannot hold an error message; the text is the one-line reason."""


def read_tail(stream: BinaryIO, limit: int = TAIL_BYTES) -> tuple[bytes, int]:
    """The last `limit` bytes of `stream` and the total size read."""
    chunks: deque[bytes] = deque()
    kept = total = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        chunks.append(chunk)
        kept += len(chunk)
        while kept - len(chunks[0]) >= limit:
            kept -= len(chunks.popleft())
    data = b"".join(chunks)
    return data[-limit:], total


def decode(data: bytes, total: int | None = None) -> str:
    """Bytes -> text, or InputError for empty or binary input.

    Invalid UTF-8 inside otherwise readable text (a log with a stray Latin-1
    byte) is replaced, not refused: the traceback around it is still good.
    """
    total = len(data) if total is None else total
    if not data.strip():
        raise InputError("the input is empty" if total == 0 else "the input holds only white space")
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError("the input looks binary (it contains NUL bytes), not like error text")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > 64 and bad > len(text) // 10:
        raise InputError(
            "the input is not UTF-8 text (over 10% of it is undecodable); save the log as UTF-8 and try again"
        )
    # A stream that starts mid-way through a multi-byte character is normal for a tail.
    return text

"""Read what the user gave us, in bounded time and memory, whatever it is.

tfexplain reads logs of any size, from files and from pipes that may never end
(`/dev/zero`, `/dev/urandom`, `tail -f`). The reader streams the input once in
chunks and keeps two bounded pieces of it:

* the *tail*, the last `TAIL_BYTES`, because a traceback usually ends a log;
* a *window* around the last place an error starts (a `Traceback (most recent
  call last)` line, an `...Error: ` header), from a little before it to at most
  `WINDOW_BYTES` after it, because a log often goes on after its error
  (shutdown noise, a retry, a second job) for longer than any tail.

Explaining reads window and tail together, so a huge log is explained at its
last error rather than at a blind cut, and `Input.note` says that only part
was looked at. Reading stops, with a note or a one-line `InputError`, on a
byte cap, a time cap (for pipes; `TFEXPLAIN_READ_SECONDS`), a long run of NUL
bytes and data that turns binary.

Decoding accepts UTF-8 (invalid bytes replaced), UTF-16 and UTF-32 with or
without a byte-order mark (recognised by the mark or by the NUL pattern of
ASCII text), and NUL padding (a log cut short by a crash often ends, or starts,
in blocks of NULs); it refuses binary data with a reason a person can act on.
"""

from __future__ import annotations

import codecs
import os
import stat
import time
from collections import deque
from dataclasses import dataclass
from typing import BinaryIO

#: How much of the end of the input is kept for explaining.
TAIL_BYTES = 4 * 1024 * 1024
#: How much is kept from (a little before) the last error-looking line onwards.
WINDOW_BYTES = 4 * 1024 * 1024
#: Context kept before that line (the start of a chained traceback).
PRE_CONTEXT = 256 * 1024
#: Reading stops after this many bytes (an endless stream of text).
MAX_BYTES = 1024 * 1024 * 1024
#: Reading stops after this many consecutive NUL bytes (`/dev/zero`).
MAX_NUL_RUN = 16 * 1024 * 1024
#: Reading a pipe or terminal stops after this many seconds (env TFEXPLAIN_READ_SECONDS; 0 = no limit).
READ_SECONDS = 120.0
CHUNK = 1024 * 1024
#: Bytes checked for binary content at the start and in every later chunk.
SAMPLE = 65536

#: Byte-order marks, longest first (UTF-32-LE's starts with UTF-16-LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Where an error starts in a log: the needles are searched in raw chunks (fast, C-level find).
_TRACEBACK = b"Traceback (most recent call last)"
_ANCHORS = (_TRACEBACK, b"Error: ", b"Exception: ", b"Graph execution error")
#: Control bytes that real logs contain (tab, newlines, form feed, ESC of colour codes, backspace of
#: old progress bars); the other C0 bytes mark binary data.
_TEXT_CONTROLS = b"\t\n\r\x0b\x0c\x1b\x08"
_BINARY_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_KEEP_TEXT = bytes(b for b in range(256) if b not in _BINARY_BYTES)


class InputError(Exception):
    """Input that cannot hold an error message; the text is the one-line reason."""


@dataclass
class Input:
    """The decoded text to explain, and what the reader has to say about it."""

    text: str
    total: int
    #: Set when only part of the input was looked at (said on stderr), else None.
    note: str | None = None
    encoding: str = "utf-8"


# --- encodings --------------------------------------------------------------


def sniff_encoding(sample: bytes) -> tuple[str, int]:
    """(codec, BOM length) for the start of the input.

    Without a BOM, ASCII text in UTF-16/32 shows a fixed pattern of NUL bytes
    (`T\\0r\\0` is UTF-16-LE): most bytes at the NUL positions are NUL and
    almost none elsewhere. Anything else is UTF-8.
    """
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return codec, len(bom)
    lead = len(sample) - len(sample.lstrip(b"\x00"))  # NUL padding, kept 4-aligned
    probe = sample[lead - lead % 4 :][:4096]
    n = len(probe) // 4 * 4
    if n < 8:
        return "utf-8", 0
    # nul[k]: the share of NUL bytes at offsets k, k+4, k+8, ...
    nul = [probe[k:n:4].count(0) / (n // 4) for k in range(4)]
    if nul[0] < 0.1 and min(nul[1:]) > 0.9:
        return "utf-32-le", 0
    if nul[3] < 0.1 and min(nul[:3]) > 0.9:
        return "utf-32-be", 0
    even, odd = (nul[0] + nul[2]) / 2, (nul[1] + nul[3]) / 2
    if even < 0.1 and odd > 0.6:
        return "utf-16-le", 0
    if odd < 0.1 and even > 0.6:
        return "utf-16-be", 0
    return "utf-8", 0


def _binary_reason(sample: bytes) -> str | None:
    """Why NUL-free bytes are not error text, or None when they look like text."""
    if not sample:
        return None
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    if controls > max(8, len(sample) // 20):
        return "the input looks binary (it is full of control bytes), not like error text"
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > 64 and bad > len(text) // 10:
        return "the input is not UTF-8 text (over 10% of it is undecodable); save the log as UTF-8 and try again"
    return None


def decode(data: bytes, total: int | None = None) -> str:
    """A whole buffer -> text, or InputError for empty or binary input.

    Invalid UTF-8 inside otherwise readable text (a log with a stray Latin-1
    byte) is replaced, not refused: the traceback around it is still good. A
    buffer that starts mid-way through a multi-byte character is normal for a tail.
    """
    codec, skip = sniff_encoding(data[:SAMPLE])
    if codec != "utf-8":
        data = data[skip:].decode(codec, errors="replace").encode("utf-8", errors="replace")
    elif skip:
        data = data[skip:]
    return _finish(data.replace(b"\x00", b""), len(data) if total is None else total, nul_only=b"\x00" in data)


def _finish(data: bytes, total: int, nul_only: bool = False) -> str:
    if not data.strip():
        if total == 0:
            raise InputError("the input is empty")
        if nul_only and not data:
            raise InputError("the input holds only NUL bytes, no text")
        raise InputError("the input holds only white space")
    reason = _binary_reason(data[:SAMPLE])
    if reason:
        raise InputError(reason)
    return data.decode("utf-8", errors="replace")


# --- streaming ----------------------------------------------------------------


def _read_seconds() -> float:
    raw = os.environ.get("TFEXPLAIN_READ_SECONDS", "")
    try:
        value = float(raw) if raw.strip() else READ_SECONDS
    except ValueError:
        value = READ_SECONDS
    return value if value > 0 else float("inf")


class _Chunks:
    """Raw chunks of a stream; for pipes and terminals, with a deadline."""

    def __init__(self, stream: BinaryIO, seconds: float):
        self.stream = stream
        self.seconds = seconds
        self.fd: int | None = None
        self.deadline = time.monotonic() + seconds
        self.timed_out = False
        try:
            fd = stream.fileno()
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                self.fd = fd
        except (AttributeError, OSError, ValueError):
            self.fd = None

    def read(self) -> bytes:
        if self.fd is None:
            return self.stream.read(CHUNK)
        import select

        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            self.timed_out = True
            return b""
        try:
            ready, _, _ = select.select([self.fd], [], [], min(remaining, 3600.0))
        except (OSError, ValueError):  # no select on this kind of file: read blocking
            ready = [self.fd]
        if not ready:
            self.timed_out = True
            return b""
        return os.read(self.fd, CHUNK)


class _Reader:
    """The streaming state: tail ring, window around the last error start, caps."""

    def __init__(self, tail_bytes: int, window_bytes: int):
        self.tail_bytes = tail_bytes
        self.window_bytes = window_bytes
        self.ring: deque[bytes] = deque()
        self.ring_size = 0
        self.total = 0  # text bytes seen (after decoding and NUL removal)
        self.window: bytearray | None = None
        self.window_start = 0
        self.window_open = False
        self.window_starts = 0
        #: Once a window holds a traceback, only a later traceback opens a new one: a log's
        #: noise after its error ("... Error: ..." warnings at shutdown) must not push it out.
        self.has_traceback = False

    def _pre_context(self, upto: bytes) -> bytes:
        """Up to PRE_CONTEXT bytes before a new window: the ring's end plus `upto`."""
        need = PRE_CONTEXT - len(upto)
        parts = [upto]
        for chunk in reversed(self.ring):
            if need <= 0:
                break
            parts.append(chunk[-need:])
            need -= len(chunk)
        return b"".join(reversed(parts))[-PRE_CONTEXT:]

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        base = self.total
        pos = 0
        while pos < len(chunk):
            if self.window_open:
                room = self.window_bytes - len(self.window)
                take = chunk[pos : pos + room]
                self.window += take
                self.has_traceback = self.has_traceback or _TRACEBACK in take
                pos += len(take)
                if len(self.window) >= self.window_bytes:
                    self.window_open = False
                continue
            anchors = (_TRACEBACK,) if self.has_traceback else _ANCHORS
            hits = [i for i in (chunk.find(a, pos) for a in anchors) if i >= 0]
            if not hits:
                break
            at = min(hits)
            # the start of the line holding the anchor
            line_start = chunk.rfind(b"\n", pos, at) + 1 or pos
            pre = self._pre_context(chunk[:line_start])
            self.window = bytearray(pre)
            self.window_start = base + line_start - len(pre)
            self.window_open = True
            self.window_starts += 1
            pos = line_start
        self.total += len(chunk)
        self.ring.append(chunk)
        self.ring_size += len(chunk)
        while self.ring and self.ring_size - len(self.ring[0]) >= self.tail_bytes:
            self.ring_size -= len(self.ring.popleft())

    def result(self) -> tuple[bytes, bool]:
        """(bytes to explain, whether that is only part of the input)."""
        tail = b"".join(self.ring)[-self.tail_bytes :]
        if self.total <= self.tail_bytes:
            return tail, False
        tail_start = self.total - len(tail)
        if self.window is None:
            return tail, True
        window_end = self.window_start + len(self.window)
        if window_end >= tail_start:
            if self.window_start >= tail_start:
                return tail, True
            joined = bytes(self.window) + tail[window_end - tail_start :]
            return joined, len(joined) < self.total  # the two may cover it all
        # The tail holds no error start: a little of it is context enough (and parsing costs).
        return bytes(self.window) + b"\n" + tail[-PRE_CONTEXT:], True


def read_input(
    stream: BinaryIO,
    *,
    tail_bytes: int = TAIL_BYTES,
    window_bytes: int = WINDOW_BYTES,
    max_bytes: int = MAX_BYTES,
    seconds: float | None = None,
) -> Input:
    """Stream `stream` once and return the part worth explaining, decoded.

    Raises InputError (a one-line reason) when the input holds no text at all.
    """
    chunks = _Chunks(stream, _read_seconds() if seconds is None else seconds)
    reader = _Reader(tail_bytes, window_bytes)
    first = b""
    while len(first) < SAMPLE:  # enough to recognise the encoding and binary data
        chunk = chunks.read()
        if not chunk:
            break
        first += chunk
    codec, skip = sniff_encoding(first)
    decoder = codecs.getincrementaldecoder(codec)(errors="replace") if codec != "utf-8" else None
    raw_total = len(first)
    nul_run = 0
    stop: str | None = None
    chunk, started = first[skip:], False

    while True:
        if decoder is not None:
            chunk = decoder.decode(chunk).encode("utf-8", errors="replace")
        if chunk:
            stripped = chunk.replace(b"\x00", b"")
            if not stripped:
                nul_run += len(chunk)
            else:
                nul_run = 0
                if not started:
                    started = True
                    reason = _binary_reason(stripped.lstrip()[:SAMPLE])
                    if reason:
                        raise InputError(reason)
                elif _binary_reason(stripped[:SAMPLE]):
                    stop = f"the input turned binary after {_mib(raw_total - len(chunk))}; explained the text before it"
                    break
                reader.feed(stripped)
            if nul_run >= MAX_NUL_RUN:
                stop = f"stopped reading after {_mib(nul_run)} of NUL bytes"
                break
            if raw_total >= max_bytes:
                stop = f"stopped reading after {_mib(raw_total)} (the limit for one input)"
                break
        chunk = chunks.read()
        if not chunk:
            if chunks.timed_out:
                stop = (
                    f"stopped reading after {chunks.seconds:g} s "
                    "(set TFEXPLAIN_READ_SECONDS to wait longer, or give a FILE)"
                )
            break
        raw_total += len(chunk)

    if not started:
        if raw_total == 0 and chunks.timed_out:
            raise InputError(f"nothing arrived within {chunks.seconds:g} s (TFEXPLAIN_READ_SECONDS sets the limit)")
        if raw_total == 0:
            raise InputError("the input is empty")
        if nul_run:
            raise InputError(f"the input holds only NUL bytes ({_mib(nul_run)} read), no text")
    data, partial = reader.result()
    text = _finish(data, raw_total)
    notes = [stop] if stop else []
    if partial:
        notes.append(
            f"the input is {_mib(raw_total)}: looked at {_mib(len(data))} of it "
            "(around its last error-looking line, and its end), not the whole input"
        )
    return Input(text, raw_total, "; ".join(notes) or None, codec)


def _mib(n: int) -> str:
    return f"{n / 1048576:.1f} MiB" if n >= 1048576 else f"{n / 1024:.0f} KiB" if n >= 1024 else f"{n} bytes"


def read_tail(stream: BinaryIO, limit: int = TAIL_BYTES) -> tuple[bytes, int]:
    """The last `limit` bytes of `stream` and the total size read (for callers that want raw bytes)."""
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
    return b"".join(chunks)[-limit:], total

"""The streaming scan: lines (or a byte stream) in, distinct errors with counts out.

Memory does not grow with the input: the splitter keeps only open blocks, at
most `max_errors` groups are kept (with a bounded list of repeat lines each),
and the errors past that bound are only counted. Every distinct error is
parsed once and diagnosed once; a repeat whose masked text was already seen is
counted without parsing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from .. import kb as kbmod
from ..diagnosis import diagnose
from ..parse import clean, parse_text
from .records import ScanRecord, ScanSummary
from .signature import quick_key, signature
from .splitter import Block, Splitter, may_start

DEFAULT_MAX_ERRORS = 100
#: Bounds on the caches that make repeats cheap; past them the scan is slower, never bigger.
MAX_QUICK_KEYS = 100_000
MAX_UNLISTED_KEYS = 100_000
CHUNK = 4 * 1024 * 1024
MAX_LINE = 16_384
#: The byte-stream fast path looks for these; a lone `...Exception: msg` line (no traceback) is
#: found by `scan_lines` but not by `feed_stream`, which saves a full pass over the input.
_NEEDLES_B = (b"Traceback (most recent call last)", b"Error: ")


def _fill(stream: BinaryIO, buf: bytearray) -> int:
    """Read into `buf` until it is full or the stream ends; the number of bytes read."""
    view, filled = memoryview(buf), 0
    readinto = getattr(stream, "readinto", None)
    while filled < len(buf):
        if readinto is not None:
            got = readinto(view[filled:])
        else:  # a reader with read() only: the UTF-16 transcoder, whose output is at most 1.5x its input
            room = len(buf) - filled
            if room < 16:
                break
            data = stream.read(room // 2)
            got = len(data)
            view[filled : filled + got] = data
        if not got:
            break
        filled += got
    view.release()
    return filled


def _chunks(stream: BinaryIO, size: int = CHUNK) -> Iterator[tuple[bytearray, int]]:
    """The stream in filled buffers of `size` bytes: (buffer, bytes in it), the last one short.

    A reader thread fills the next buffer while the caller scans the current one:
    reading (the kernel's copy out of the page cache or a pipe) releases the GIL and
    costs about as much as the scan, so the two overlap on two cores. Two buffers
    circulate, so memory stays at 2 x `size` whatever the input; a buffer goes back
    to the reader only when the caller asks for the next one.
    """
    import queue
    import threading

    free: queue.SimpleQueue = queue.SimpleQueue()
    full: queue.SimpleQueue = queue.SimpleQueue()
    for _ in range(2):
        free.put(bytearray(size))

    def read() -> None:
        try:
            while (buf := free.get()) is not None:
                n = _fill(stream, buf)
                full.put((buf, n))
                if not n:
                    return
        except BaseException as exc:  # handed to the caller, raised there
            full.put(exc)

    reader = threading.Thread(target=read, name="tfexplain-scan-reader", daemon=True)
    reader.start()
    try:
        while True:
            item = full.get()
            if isinstance(item, BaseException):
                raise item
            buf, n = item
            if not n:
                return
            yield buf, n
            free.put(buf)
    finally:
        free.put(None)  # the caller stopped early (an error, a bound): let the reader end


class Scanner:
    """Collects the distinct errors of one input (one file, one pipe, one job's log)."""

    def __init__(self, source: str = "<stdin>", kb: tuple[str, ...] = (), max_errors: int = DEFAULT_MAX_ERRORS):
        self.source = source
        self.max_errors = max_errors
        self.summary = ScanSummary(source)
        self._kb_paths = kb
        self._knowledge = None
        self._splitter = Splitter()
        self._groups: dict[str, ScanRecord] = {}
        self._quick: dict[int, str | None] = {}
        self._unlisted: set[str] = set()

    # --- input ------------------------------------------------------------

    def feed(self, lineno: int, line: str) -> None:
        """One line of the input (without its newline), numbered from 1."""
        self.summary.lines = max(self.summary.lines, lineno)
        if self._splitter.idle and not may_start(line):
            return
        for part in clean(line).split("\n"):
            for block in self._splitter.feed(lineno, part):
                self._add(block)

    def feed_lines(self, lines: Iterable[str | bytes]) -> None:
        for lineno, line in enumerate(lines, 1):
            if isinstance(line, bytes):
                line = line.decode("utf-8", "replace")
            self.feed(lineno, line.rstrip("\r\n"))

    def feed_stream(self, stream: BinaryIO, progress: Callable[[int], None] | None = None) -> None:
        """A binary stream, read in large chunks: lines that cannot start an error are never decoded.

        Between errors the scan only looks for `NEEDLES` with bytes.find, the
        way grep does, and counts newlines with bytes.count; lines are handled
        one by one only inside an error block. A line longer than MAX_LINE
        keeps its start; the rest is dropped unread, so one 100 MB line costs
        no more memory than a short one.
        """
        lineno = 0  # complete lines handed on so far
        carry = b""  # the start of a line that continues in the next chunk (at most MAX_LINE)
        for buf, n in _chunks(stream):
            self.summary.bytes += n
            if progress is not None:
                progress(n)
            first = buf.find(b"\n", 0, n)
            if first < 0:
                if len(carry) < MAX_LINE:
                    carry += buf[: min(n, MAX_LINE - len(carry))]
                continue
            if carry:
                lineno += 1
                self._feed_bytes(lineno, bytes(carry + buf[: min(first, MAX_LINE)]))
            else:
                lineno = self._scan_buffer(buf, 0, first + 1, lineno)
            cut = buf.rfind(b"\n", 0, n) + 1
            lineno = self._scan_buffer(buf, first + 1, cut, lineno)
            carry = bytes(buf[cut : min(n, cut + MAX_LINE)])
        if carry:
            lineno += 1
            self._feed_bytes(lineno, carry)
        self.summary.lines = max(self.summary.lines, lineno)

    def _feed_bytes(self, lineno: int, line: bytes) -> None:
        if self._splitter.idle and not any(n in line for n in _NEEDLES_B):
            self.summary.lines = max(self.summary.lines, lineno)
            return
        self.feed(lineno, line[:MAX_LINE].decode("utf-8", "replace").rstrip("\r"))

    def _scan_buffer(self, buf: bytes | bytearray, pos: int, end: int, lineno: int) -> int:
        """Scan the whole lines buf[pos:end]; returns the line count after them."""
        nxt = [buf.find(n, pos, end) for n in _NEEDLES_B]
        while pos < end:
            if self._splitter.idle:
                for i, n in enumerate(_NEEDLES_B):
                    if 0 <= nxt[i] < pos:
                        nxt[i] = buf.find(n, pos, end)
                hits = [p for p in nxt if p >= 0]
                if not hits:
                    return lineno + buf.count(b"\n", pos, end)
                start = buf.rfind(b"\n", pos, min(hits)) + 1
                if start > pos:
                    lineno += buf.count(b"\n", pos, start)
                    pos = start
            nl = buf.find(b"\n", pos, end)
            lineno += 1
            self.feed(lineno, buf[pos : min(nl, pos + MAX_LINE)].decode("utf-8", "replace").rstrip("\r"))
            pos = nl + 1
        return lineno

    # --- grouping ---------------------------------------------------------

    def _add(self, block: Block) -> None:
        summary = self.summary
        qkey = quick_key(block.lines)
        sig = self._quick.get(qkey, "")
        if sig == "":
            report = parse_text(block.text)
            sig = signature(report.type, report.headline) if report is not None and report.type else None
            if len(self._quick) < MAX_QUICK_KEYS:
                self._quick[qkey] = sig
            if sig is not None and sig not in self._groups and len(self._groups) < self.max_errors:
                self._groups[sig] = self._new_record(block, sig, report)
                summary.occurrences += 1
                summary.distinct += 1
                return
        if sig is None:
            return  # a traceback cut before its exception: nothing to report
        summary.occurrences += 1
        record = self._groups.get(sig)
        if record is not None:
            record.add(block.line, block.worker)
            return
        summary.unlisted_occurrences += 1
        if sig not in self._unlisted and len(self._unlisted) < MAX_UNLISTED_KEYS:
            self._unlisted.add(sig)
            summary.unlisted_distinct += 1
            summary.distinct += 1

    def _new_record(self, block: Block, sig: str, report) -> ScanRecord:
        if self._knowledge is None:
            self._knowledge = kbmod.load(self._kb_paths)
        record = ScanRecord(self.source, block.line, sig, diagnose(report, self._knowledge))
        record.lines.append(block.line)
        if block.worker:
            record.workers.append(block.worker)
        return record

    # --- output -----------------------------------------------------------

    def finish(self) -> list[ScanRecord]:
        """Close the blocks still open; the records in the order their errors first appeared."""
        for block in self._splitter.flush():
            self._add(block)
        records = sorted(self._groups.values(), key=lambda r: r.line)
        self.summary.by_cause.clear()
        for r in records:
            self.summary.by_cause[r.cause] += r.count
        return records


def scan_lines(
    lines: Iterable[str | bytes],
    source: str = "<lines>",
    kb: tuple[str, ...] = (),
    max_errors: int = DEFAULT_MAX_ERRORS,
) -> Iterator[ScanRecord]:
    """Every distinct error in `lines` (any iterable: a file object, a generator, a list).

    A pure streaming function: it reads the lines once, keeps memory bounded
    whatever their number, and yields one `ScanRecord` per distinct error once
    the input ends (a count needs the whole input), in order of first appearance.
    """
    scanner = Scanner(source, kb, max_errors)
    scanner.feed_lines(lines)
    yield from scanner.finish()

"""`tfexplain scan`: open the input, stream it through a Scanner, print the report."""

from __future__ import annotations

import codecs
import os
import sys
from typing import BinaryIO

import click

from .records import ScanSummary
from .report import json_lines, markdown_report, text_report
from .scanner import Scanner

#: A progress bar appears on a terminal for inputs of at least this size.
PROGRESS_MIN_BYTES = 64 * 1024 * 1024


class _Utf16Reader:
    """A UTF-16 stream (with its BOM) read as UTF-8 bytes, chunk by chunk."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder("utf-16")("replace")

    def read(self, n: int) -> bytes:
        while True:
            data = self.raw.read(n)
            text = self.decoder.decode(data, final=not data)
            if text or not data:
                return text.encode("utf-8")

    def close(self) -> None:
        self.raw.close()


def _open(file: str | None) -> tuple[BinaryIO, str, int | None]:
    if file in (None, "-"):
        if sys.stdin is None or (file is None and sys.stdin.isatty()):
            raise click.UsageError("give a log on stdin (tfexplain scan < train.log) or as a FILE argument")
        stream, source = sys.stdin.buffer, "<stdin>"
    else:
        try:
            stream, source = open(file, "rb"), file  # noqa: SIM115 - closed by the caller
        except OSError as exc:
            raise click.UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    size = None
    try:
        st = os.fstat(stream.fileno())
        import stat

        if stat.S_ISREG(st.st_mode):
            size = st.st_size
    except (OSError, ValueError, AttributeError):
        pass
    peek = getattr(stream, "peek", None)
    head = peek(2)[:2] if peek is not None else b""
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        stream = _Utf16Reader(stream)  # type: ignore[assignment]
    return stream, source, size


def scan_command(file: str | None, fmt: str, kb: tuple[str, ...], max_errors: int, progress: bool | None) -> int:
    """Run the scan; the exit status (documented in `tfexplain scan --help`)."""
    try:
        stream, source, size = _open(file)
    except click.UsageError as exc:
        click.echo(f"tfexplain: {exc.message}", err=True)
        return 2
    scanner = Scanner(source, kb, max_errors)
    if progress is None:
        progress = bool(size and size >= PROGRESS_MIN_BYTES and sys.stderr is not None and sys.stderr.isatty())
    try:
        if progress and size:
            with click.progressbar(length=size, label="scanning", file=sys.stderr, show_pos=False) as bar:
                scanner.feed_stream(stream, progress=bar.update)
        else:
            scanner.feed_stream(stream)
    except OSError as exc:
        click.echo(f"tfexplain: cannot read {source}: {exc.strerror or exc}", err=True)
        return 2
    finally:
        if stream is not getattr(sys.stdin, "buffer", None) and hasattr(stream, "close"):
            stream.close()
    records = scanner.finish()
    summary: ScanSummary = scanner.summary
    if fmt == "json":
        for line in json_lines(records):
            click.echo(line)
    elif records or summary.unlisted_occurrences:
        click.echo(markdown_report(records, summary) if fmt == "markdown" else text_report(records, summary), nl=False)
    if not summary.occurrences:
        click.echo(f"tfexplain: no error found in {summary.lines:,} lines of {source}", err=True)
    return summary.exit_code

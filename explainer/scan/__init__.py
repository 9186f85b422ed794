"""`tfexplain scan` and `explainer.scan_lines`: every distinct error in a log of any size.

demux      worker prefixes and timestamps off each line
splitter   lines -> error blocks, per worker, bounded
signature  masked text: which blocks are one error
scanner    blocks -> grouped, diagnosed records (and the byte-stream fast path)
records    ScanRecord / ScanSummary, the JSON Lines shape
report     text and Markdown reports
"""

from __future__ import annotations

from .records import ScanRecord, ScanSummary
from .scanner import DEFAULT_MAX_ERRORS, Scanner, scan_lines

__all__ = ["DEFAULT_MAX_ERRORS", "ScanRecord", "ScanSummary", "Scanner", "scan_lines"]

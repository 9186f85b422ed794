"""What a scan reports: one record per distinct error, and a summary of the whole input."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..diagnosis import Diagnosis

#: Repeats whose line numbers a record keeps (the count goes on).
MAX_REPEAT_LINES = 100
MAX_WORKERS = 20


@dataclass
class ScanRecord:
    """One distinct error: where it first starts, how often it recurs, and its diagnosis."""

    source: str
    line: int
    signature: str
    diagnosis: Diagnosis
    count: int = 1
    lines: list[int] = field(default_factory=list)  # every occurrence's first line, up to MAX_REPEAT_LINES
    workers: list[str] = field(default_factory=list)

    def add(self, line: int, worker: str) -> None:
        self.count += 1
        if len(self.lines) < MAX_REPEAT_LINES:
            self.lines.append(line)
        if worker and worker not in self.workers and len(self.workers) < MAX_WORKERS:
            self.workers.append(worker)

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def cause(self) -> str | None:
        d = self.diagnosis
        return d.best.entry.cause if d.confident and d.best else None

    def to_dict(self) -> dict:
        """The explain JSON contract plus where (`file`, `line`) and how often (`count`, `lines`)."""
        return {
            **self.diagnosis.to_dict(),
            "file": self.source,
            "line": self.line,
            "count": self.count,
            "lines": self.lines,
            "lines_truncated": self.count > len(self.lines),
            "workers": self.workers,
        }


@dataclass
class ScanSummary:
    """Totals over the whole input, listed errors or not."""

    source: str
    lines: int = 0
    bytes: int = 0
    occurrences: int = 0
    distinct: int = 0
    #: Errors past the bound on distinct errors: counted, not listed or diagnosed.
    unlisted_occurrences: int = 0
    unlisted_distinct: int = 0
    by_cause: Counter = field(default_factory=Counter)

    @property
    def exit_code(self) -> int:
        """0 no error; 1 every error diagnosed; 3 some error not diagnosed (2 is left to usage errors)."""
        if not self.occurrences:
            return 0
        if self.unlisted_occurrences or self.by_cause.get(None):
            return 3
        return 1

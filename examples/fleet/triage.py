"""What every engine runs on a partition of job logs: `explainer.scan_lines` per log.

Kept in its own module so that engines ship it to workers by reference: the
knowledge base is then loaded once per worker process (`knowledge()` below)
and reused for every log that process scans.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache

NO_ERROR = "no error"
NOT_DIAGNOSED = "not diagnosed"


@cache
def knowledge():
    """The knowledge base of this worker process, loaded on its first log only."""
    from explainer import kb

    return kb.load()


def triage(paths: Iterable[str]) -> Iterator[dict]:
    """One row per distinct error of each log (one `no error` row for a clean log)."""
    from explainer import scan_lines

    loaded_before = knowledge.cache_info().hits + knowledge.cache_info().misses > 0
    knowledge()
    pid = os.getpid()
    for i, path in enumerate(paths):
        first = i == 0 and not loaded_before
        with open(path, encoding="utf-8", errors="replace") as fh:
            rows = [
                {
                    "file": path,
                    "line": rec.line,
                    "count": rec.count,
                    "cause": rec.cause or NOT_DIAGNOSED,
                    "entry": rec.diagnosis.best.entry.id if rec.cause else None,
                    "pid": pid,
                    "kb_loaded_here": first and j == 0,
                }
                for j, rec in enumerate(scan_lines(fh, source=path))
            ]
        clean = {"file": path, "line": None, "count": 0, "cause": NO_ERROR, "entry": None}
        yield from rows or [{**clean, "pid": pid, "kb_loaded_here": first}]


def triage_partition(paths: Iterable[str]) -> list[dict]:
    """`triage` as a list, the shape dask.bag's map_partitions and Spark's mapPartitions can ship back."""
    return list(triage(paths))

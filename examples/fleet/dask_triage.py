"""Count failed jobs by cause over a folder of logs with dask.bag (local process scheduler).

    python examples/fleet/make_logs.py /tmp/job-logs --jobs 1000
    python examples/fleet/dask_triage.py /tmp/job-logs --workers 2

Each partition of paths runs `triage.triage_partition` (explainer.scan_lines per log) in a
worker process; the knowledge base is loaded once per process.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # triage.py, shipped to workers by reference

import dask
import dask.bag as db
from triage import triage_partition


def run(folder: Path, workers: int, partitions: int | None = None) -> tuple[list[dict], float]:
    paths = sorted(str(p) for p in folder.glob("*.log"))
    bag = db.from_sequence(paths, npartitions=partitions or max(1, workers * 4)).map_partitions(triage_partition)
    start = time.perf_counter()
    with dask.config.set(scheduler="processes", num_workers=workers):
        rows = bag.compute()
    return rows, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rows, seconds = run(args.folder, args.workers)
    jobs = len({r["file"] for r in rows})
    by_cause: dict[str, int] = {}
    for r in rows:
        by_cause[r["cause"]] = by_cause.get(r["cause"], 0) + 1
    print(f"{jobs} job logs, {args.workers} worker(s), {seconds:.1f} s ({jobs / seconds:.0f} logs/s)")
    print("jobs by cause:")
    for cause, n in sorted(by_cause.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {cause:<28} {n}")
    pids = {r["pid"] for r in rows}
    loads = sum(r["kb_loaded_here"] for r in rows)
    print(f"knowledge base loaded {loads} time(s) in {len(pids)} worker process(es)")


if __name__ == "__main__":
    main()

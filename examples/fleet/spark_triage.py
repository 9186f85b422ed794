"""Count failed jobs by cause over a folder of logs with PySpark (local mode, mapPartitions).

    pip install pyspark            # needs Java 17
    python examples/fleet/make_logs.py /tmp/job-logs --jobs 1000
    python examples/fleet/spark_triage.py /tmp/job-logs --workers 2

The same `triage.triage_partition` as the Dask example runs on each partition
of paths; Spark's Python workers are reused (spark.python.worker.reuse), so the
knowledge base is loaded once per worker process.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def run(folder: Path, workers: int, partitions: int | None = None) -> tuple[list[dict], float]:
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{workers}]")
        .appName("tfexplain-triage")
        .config("spark.python.worker.reuse", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.addPyFile(str(HERE / "triage.py"))
    from triage import triage_partition

    paths = sorted(str(p) for p in folder.glob("*.log"))
    try:
        start = time.perf_counter()
        rdd = spark.sparkContext.parallelize(paths, partitions or workers * 4)
        rows = rdd.mapPartitions(triage_partition).collect()
        return rows, time.perf_counter() - start
    finally:
        spark.stop()


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

"""Fleet triage throughput: job logs per second with Dask on 1 and 2 worker processes.

    python3 benchmarks/fleet.py [--jobs 1000]

The same 1,000 generated job logs (examples/fleet/make_logs.py) are scanned by
examples/fleet/dask_triage.py's `run()` with the local process scheduler;
each run starts its own worker processes, so the figures include loading the
knowledge base once per worker.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

FLEET = Path(__file__).resolve().parent.parent / "examples" / "fleet"
sys.path.insert(0, str(FLEET))

from dask_triage import run  # noqa: E402
from make_logs import make_logs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tfexplain-fleet-"))
    try:
        made = make_logs(folder, args.jobs, seed=0)
        size = sum(p.stat().st_size for p, _ in made)
        print(
            f"{len(made)} job logs, {size / 1e6:.0f} MB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
        print("| workers | wall | logs/s |")
        print("| --- | --- | --- |")
        for workers in (1, 2):
            rows, seconds = run(folder, workers)
            assert len({r["file"] for r in rows}) == len(made)
            print(f"| {workers} | {seconds:.1f} s | {len(made) / seconds:.0f} |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Latency and memory of `tfexplain < example` against the floor its libraries set.

    python benchmarks/latency.py [--runs N] [EXAMPLE]

Both commands run in fresh processes in the same session, so the ratio holds
on any machine: `python -c "import click, jinja2, rapidfuzz"` is the least a
Python CLI built on these libraries can cost; tfexplain's own work is the rest.
Also prints peak memory (max RSS of the child) for both, and checks that
explaining never imports TensorFlow.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 3.0  # tfexplain may cost at most 3x the bare import of its libraries


def _tfexplain() -> list[str]:
    exe = Path(sys.executable).with_name("tfexplain")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "explainer.cli"]


def timed(cmd: list[str], stdin: bytes | None) -> tuple[float, int]:
    """Wall time of one run, and the child's max RSS in KiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before)


def measure(cmd: list[str], stdin: bytes | None, runs: int) -> tuple[float, float, int]:
    timed(cmd, stdin)  # warm the file cache
    times, peak = [], 0
    for _ in range(runs):
        t, rss = timed(cmd, stdin)
        times.append(t)
        peak = max(peak, rss)
    return statistics.median(times), min(times), peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("example", nargs="?", type=Path, default=ROOT / "examples" / "matmul.txt")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    data = args.example.read_bytes()
    floor_cmd = [sys.executable, "-c", "import click, jinja2, rapidfuzz"]
    tool_cmd = _tfexplain()
    f_med, f_min, f_rss = measure(floor_cmd, None, args.runs)
    t_med, t_min, t_rss = measure(tool_cmd, data, args.runs)
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys, explainer; from explainer.diagnosis import explain_text;"
         f"explain_text(open({str(args.example)!r}).read());"
         "print('tensorflow' in sys.modules)"],
        capture_output=True, text=True, env=dict(os.environ), check=False,
    )
    ratio = t_med / f_med
    print(f"example: {args.example.name} ({len(data)} bytes), {args.runs} runs each, median (min)")
    print("| command | wall time | peak RSS |")
    print("| --- | --- | --- |")
    print(f"| python -c 'import click, jinja2, rapidfuzz' | {f_med*1000:.0f} ms ({f_min*1000:.0f}) | {f_rss/1024:.0f} MiB |")
    print(f"| tfexplain < {args.example.name} | {t_med*1000:.0f} ms ({t_min*1000:.0f}) | {t_rss/1024:.0f} MiB |")
    print(f"ratio tfexplain / floor: {ratio:.2f}x (goal <= {GOAL_RATIO:.1f}x: {'met' if ratio <= GOAL_RATIO else 'NOT met'})")
    print(f"TensorFlow imported while explaining: {probe.stdout.strip() or probe.stderr.strip()[-200:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

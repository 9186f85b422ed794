"""Latency and memory of `tfexplain < example` against the floor its libraries set.

    python benchmarks/latency.py [--runs N] [EXAMPLE]

Both commands run in fresh processes in the same session, alternately (so a
machine that slows down mid-run slows both), and the ratio holds on any
machine: `python -c "import click, jinja2, rapidfuzz"` is the least a Python
CLI built on these libraries can cost; tfexplain's own work is the rest. The
package's bytecode is compiled first, as `pip install` does (with
PYTHONDONTWRITEBYTECODE set, an edited checkout would otherwise recompile its
modules from source at every run). Also prints peak memory (max RSS of the
child) for both, and checks that explaining never imports TensorFlow.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.3  # tfexplain may cost at most 1.3x the bare import of its libraries


def _tfexplain() -> list[str]:
    exe = Path(sys.executable).with_name("tfexplain")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "explainer.cli"]


def timed(cmd: list[str], stdin: bytes | None) -> tuple[float, int]:
    """Wall time of one run, and that child's own max RSS in KiB."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    child.stdin.write(stdin or b"")
    child.stdin.close()
    _, _, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = 0  # reaped by wait4
    return elapsed, usage.ru_maxrss


def measure(commands: list[tuple[list[str], bytes | None]], runs: int) -> list[tuple[float, float, int]]:
    """Median and min wall time and peak RSS of each command, the commands run in turn."""
    for cmd, stdin in commands:
        timed(cmd, stdin)  # warm the file cache and tfexplain's own cache
    times: list[list[float]] = [[] for _ in commands]
    peaks = [0] * len(commands)
    for _ in range(runs):
        for i, (cmd, stdin) in enumerate(commands):
            t, rss = timed(cmd, stdin)
            times[i].append(t)
            peaks[i] = max(peaks[i], rss)
    return [(statistics.median(t), min(t), peak) for t, peak in zip(times, peaks, strict=True)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("example", nargs="?", type=Path, default=ROOT / "examples" / "matmul.txt")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    data = args.example.read_bytes()
    floor_cmd = [sys.executable, "-c", "import click, jinja2, rapidfuzz"]
    tool_cmd = _tfexplain()
    import explainer

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(explainer.__file__).parent)], check=False)
    (f_med, f_min, f_rss), (t_med, t_min, t_rss) = measure([(floor_cmd, None), (tool_cmd, data)], args.runs)
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
    verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
    print(f"ratio tfexplain / floor: {ratio:.2f}x median, {t_min / f_min:.2f}x min (goal <= {GOAL_RATIO:.1f}x: {verdict})")
    print(f"TensorFlow imported while explaining: {probe.stdout.strip() or probe.stderr.strip()[-200:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`tfexplain scan` throughput beside `grep -c` on the same file, and its peak memory on 100 MB vs 1 GB.

    python3 benchmarks/scan.py [--dir DIR] [--sizes 100,1000]

Both commands read the same generated training log from the page cache (it is
read once before timing); each is run `--repeat` times and the fastest run
is kept. Figures: wall time, CPU time (user+sys, from wait4) and MB/s on wall
time; peak RSS of the scanner from wait4. Goals: within 5x grep's time, and
peak memory on 1 GB within 20 % of that on 100 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def make_log(path: Path, size: int) -> int:
    """A Keras training log of `size` bytes with a few real tracebacks; the number of tracebacks."""
    matmul = (ROOT / "examples" / "matmul.txt").read_text()
    labels = (ROOT / "examples" / "labels.txt").read_text()
    bar = "━" * 20
    lines = []
    for i in range(20_000):
        if i % 500 == 0:
            lines.append(f"Epoch {i // 500 + 1}/40")
        lines.append(
            f"{i % 500:>4}/500 {bar} 3s 7ms/step - accuracy: 0.{i * 37 % 9000 + 1000} - loss: 0.{i * 53 % 9000}"
        )
    block = ("\n".join(lines) + "\n").encode()
    errors = 0
    with path.open("wb") as f:
        written = i = 0
        while written < size:
            f.write(block)
            written += len(block)
            if i % 20 == 3:
                tb = (matmul if i % 40 == 3 else labels).replace("[3,2]", f"[{i % 97 + 3},2]").encode()
                f.write(tb)
                written += len(tb)
                errors += 1
            i += 1
    return errors


def measure(cmd: list[str], repeat: int) -> dict:
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        run = {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mib": usage.ru_maxrss / 1024,
            "status": os.waitstatus_to_exitcode(status),
            "out": out,
        }
        if best is None or run["wall"] < best["wall"]:
            best = run
    return best


def tfexplain() -> list[str]:
    exe = Path(sys.executable).with_name("tfexplain")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "explainer"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, help="where to write the logs (default: a temporary folder)")
    parser.add_argument("--sizes", default="100,1000", help="log sizes in MB (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="tfexplain-scan-"))
    folder.mkdir(parents=True, exist_ok=True)
    grep = shutil.which("grep")
    rows = []
    tiny = folder / "one-error.log"
    tiny.write_text((ROOT / "examples" / "matmul.txt").read_text())
    start_up = measure([*tfexplain(), "scan", "--format", "json", str(tiny)], args.repeat)
    try:
        for size_mb in (int(s) for s in args.sizes.split(",")):
            log = folder / f"train-{size_mb}MB.log"
            errors = make_log(log, size_mb * MB)
            size = log.stat().st_size
            with log.open("rb") as fh:  # into the page cache, for both commands alike
                while fh.read(16 * MB):
                    pass
            g = measure([grep, "-c", "Traceback (most recent call last)", str(log)], args.repeat)
            t = measure([*tfexplain(), "scan", "--format", "json", "--no-progress", str(log)], args.repeat)
            found = sum(int(__import__("json").loads(line)["count"]) for line in t["out"].splitlines())
            assert int(g["out"]) == errors == found, (g["out"], errors, found)
            rows.append((size, g, t))
    finally:
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(
        "| input | grep -c: wall / CPU / MB/s | tfexplain scan: wall / CPU / MB/s | ratio (wall, CPU) | scan peak RSS |"
    )
    print("| --- | --- | --- | --- | --- |")
    for size, g, t in rows:
        print(
            f"| {size / MB:,.0f} MB | {g['wall']:.2f} s / {g['cpu']:.2f} s / {size / MB / g['wall']:,.0f} "
            f"| {t['wall']:.2f} s / {t['cpu']:.2f} s / {size / MB / t['wall']:,.0f} "
            f"| {t['wall'] / g['wall']:.1f}x, {t['cpu'] / max(g['cpu'], 1e-3):.1f}x | {t['rss_mib']:.0f} MiB |"
        )
    print(
        f"fixed cost (start-up, knowledge base, one diagnosis; scan of a 20-line log): "
        f"{start_up['wall']:.2f} s wall, {start_up['cpu']:.2f} s CPU, {start_up['rss_mib']:.0f} MiB"
    )
    big = rows[-1]
    per_gb = (big[2]["cpu"] - start_up["cpu"]) / (big[0] / 1e9)
    print(
        f"scanning alone: {per_gb:.2f} s CPU per GB ({1 / per_gb:,.2f} GB/s), grep -c {big[1]['cpu'] / (big[0] / 1e9):.2f} s"
    )
    if len(rows) >= 2:
        small, big = rows[0][2]["rss_mib"], rows[-1][2]["rss_mib"]
        print(
            f"peak RSS {rows[-1][0] / MB:,.0f} MB vs {rows[0][0] / MB:,.0f} MB: {big:.0f} vs {small:.0f} MiB "
            f"({(big / small - 1) * 100:+.1f} %)"
        )


if __name__ == "__main__":
    main()

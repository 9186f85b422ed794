"""How long hostile inputs take, against an ordinary traceback in the same run.

Three figures, each for the slowest input of its kind:

* one pattern (parser or knowledge base) on one 16 KB adversarial string;
* explaining a message built around one 16 KB run (word, digits, base64, ...), in-process;
* `tfexplain` as a command on the 4 MB paste of 250 frame lines padded with 16 KB of spaces
  (173 s before the patterns were made linear), next to `tfexplain examples/matmul.txt`.

    python3 benchmarks/adversarial.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_adversarial import (  # noqa: E402
    _runs,
    adversarial_strings,
    big_paste,
    kb_patterns,
    parser_patterns,
)

import explainer  # noqa: E402

EXAMPLE = ROOT / "examples" / "matmul.txt"


def _time(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _slowest_pattern(patterns, strings, run) -> tuple[float, str, str]:
    worst = (0.0, "", "")
    for pname, pat in patterns:
        for sname, s in strings.items():
            took = _time(lambda p=pat, s=s: run(p, s))
            if took > worst[0]:
                worst = (took, pname, sname)
    return worst


def _tfexplain_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("tfexplain")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from explainer.cli import main; main()"]


def _command_seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*_tfexplain_cmd(), str(path)], capture_output=True, check=False, timeout=600)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    strings = adversarial_strings()
    explainer.explain(EXAMPLE.read_text())  # warm the KB and templates

    def finditer_all(p, s):
        for _ in p.finditer(s):
            pass

    parser = _slowest_pattern(parser_patterns(), strings, finditer_all)
    kb = _slowest_pattern(kb_patterns(), strings, lambda p, s: p.search(s))
    baseline = _time(lambda: explainer.explain(EXAMPLE.read_text()), repeat=5)
    messages = {
        name: _time(lambda r=run: explainer.explain(f"ValueError: Incompatible shapes: {r} vs. [2, 3]\n"))
        for name, run in _runs().items()
    }
    worst_message = max(messages, key=messages.get)

    with tempfile.TemporaryDirectory() as tmp:
        paste = Path(tmp) / "paste.txt"
        paste.write_text(big_paste())
        size = paste.stat().st_size
        normal = _command_seconds(EXAMPLE, 3)
        hostile = _command_seconds(paste, 3)

    print(
        f"{len(parser_patterns())} parser patterns, {len(kb_patterns())} KB patterns, {len(strings)} strings of 16 KB"
    )
    print("| input | time | baseline (examples/matmul.txt) |")
    print("| --- | --- | --- |")
    print(f"| slowest parser pattern ({parser[1]} on {parser[2]}) | {parser[0] * 1000:.1f} ms | |")
    print(f"| slowest KB pattern ({kb[1]} on {kb[2]}) | {kb[0] * 1000:.1f} ms | |")
    print(
        f"| explain() of a message with a 16 KB run (worst: {worst_message}) | "
        f"{messages[worst_message] * 1000:.0f} ms | {baseline * 1000:.0f} ms |"
    )
    print(
        f"| `tfexplain` on the {size / 1e6:.1f} MB padded-frame paste (median of 3) | {hostile:.2f} s | {normal:.2f} s |"
    )
    print(f"worst adversarial input: {hostile:.2f} s for the command, {hostile / normal:.1f}x the ordinary traceback")


if __name__ == "__main__":
    main()

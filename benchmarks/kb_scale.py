"""Explain latency with a knowledge base ten times the size: does it stay flat?

    python benchmarks/kb_scale.py [--factor 10] [--runs 9] [EXAMPLE]

Builds a synthetic team knowledge base beside the built-in one: for every real
entry, `factor - 1` variants with the same structure (as many patterns,
message templates, phrases, examples, boosts and as long texts) whose words
are scrambled, so they are realistic in size and shape but describe other
errors. Then times `tfexplain --kb SYNTH < EXAMPLE` against `tfexplain <
EXAMPLE` in the same run, both after a warm-up run (which builds the cached
index). Goal: at most 20 % slower.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.20
# Words of 4+ letters that are not group names, escapes or slot kinds.
_WORD = re.compile(r"(?<![\\<\w:])[A-Za-z]{4,}(?![\w>])")
_SYLLABLES = ("ka", "ro", "mi", "tu", "ve", "no", "shi", "pla", "dor", "quen", "bri", "zu")


def _fake_word(rng: random.Random, length: int) -> str:
    out = ""
    while len(out) < length:
        out += rng.choice(_SYLLABLES)
    return out[:length]


_PROTECTED = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{\w+(?::\w+)?\}|https?://\S+")
_KEY = re.compile(r"^(\s*[A-Za-z_][\w.]*\s*=\s*)(.*)$")
_KEEP_KEYS = {
    "id", "cause", "shared_with", "raises", "isolate", "timeout", "tensorflow", "keras", "when", "score", "message_only",
}


def scramble(text: str, rng: random.Random) -> str:
    """Replace plain words by made-up ones of the same length, keeping Jinja tags, slots and URLs."""
    out, pos = [], 0
    for m in _PROTECTED.finditer(text):
        out.append(_WORD.sub(lambda w: _fake_word(rng, len(w.group())), text[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_WORD.sub(lambda w: _fake_word(rng, len(w.group())), text[pos:]))
    return "".join(out)


def _scramble_toml(raw: str, rng: random.Random) -> str:
    out = []
    for line in raw.split("\n"):
        m = _KEY.match(line)
        if line.lstrip().startswith(("[", "#")):
            out.append(line)
        elif m:
            key = m.group(1).split("=")[0].strip()
            out.append(line if key in _KEEP_KEYS else m.group(1) + scramble(m.group(2), rng))
        else:
            out.append(scramble(line, rng))
    return "\n".join(out)


def build_synthetic(dest: Path, factor: int) -> int:
    rng = random.Random(42)
    count = 0
    for toml in sorted((ROOT / "kb").glob("*/*/entry.toml")):
        raw = toml.read_text(encoding="utf-8")
        for k in range(1, factor):
            new_id = f"{toml.parent.name}-synthetic-{k}"
            folder = dest / toml.parent.parent.name / new_id
            folder.mkdir(parents=True)
            body = _scramble_toml(raw, rng).replace(f'id = "{toml.parent.name}"', f'id = "{new_id}"', 1)
            (folder / "entry.toml").write_text(body, encoding="utf-8")
            for name in ("broken.py", "fixed.py"):
                src = toml.parent / name
                if src.exists():
                    shutil.copy(src, folder / name)
            count += 1
    return count


def tfexplain() -> list[str]:
    exe = Path(sys.executable).with_name("tfexplain")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "explainer.cli"]


def median_time(cmd: list[str], data: bytes, runs: int) -> float:
    subprocess.run(cmd, input=data, capture_output=True, check=False)  # builds the index cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, input=data, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("example", nargs="?", type=Path, default=ROOT / "examples" / "matmul.txt")
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--check", action="store_true", help="also run kb check on the synthetic entries (slow)")
    args = ap.parse_args()
    data = args.example.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        synth = Path(tmp) / "synthetic-kb"
        n = build_synthetic(synth, args.factor)
        check = None
        if args.check:  # a deep check compiles every template of every entry: minutes for 800
            check = subprocess.run([*tfexplain(), "kb", "check", "--kb", str(synth)], capture_output=True, text=True)
        base = median_time(tfexplain(), data, args.runs)
        big = median_time([*tfexplain(), "--kb", str(synth)], data, args.runs)
        same = subprocess.run([*tfexplain(), "--kb", str(synth), "-f", "json"], input=data, capture_output=True)
    growth = big / base - 1
    print(f"example: {args.example.name}; built-in KB + {n} synthetic entries ({args.factor}x); {args.runs} runs, median")
    print("| knowledge base | explain latency |")
    print("| --- | --- |")
    real = len(list((ROOT / "kb").glob("*/*/entry.toml")))
    print(f"| built-in ({real} entries) | {base * 1000:.0f} ms |")
    print(f"| {args.factor}x ({real + n} entries) | {big * 1000:.0f} ms |")
    print(f"growth: {growth:+.1%} (goal <= +{GOAL:.0%}: {'met' if growth <= GOAL else 'NOT met'})")
    skipped = same.stderr.count(b"skipped a knowledge-base entry")
    print(f"synthetic entries skipped as faulty: {skipped}; diagnosis unchanged: {b'matmul-inner-dim' in same.stdout[:4000]}")
    if check is not None:
        print(f"kb check: exit {check.returncode}", check.stderr[-2000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Accuracy of tfexplain on a labelled corpus of real errors.

    python benchmarks/accuracy.py [CORPUS_DIR] [--cause ID] [--show-misses] [--split dev|check]
                                  [--per-cause] [--confusions]

Scores by cause id, as the held-out evaluation does: top-1 and top-3 cause
accuracy on in-registry cases, abstention (`confident: false`) on `other`
cases, and the share of in-registry cases diagnosed confidently with a wrong
cause. Defaults to ../shared/corpus when present, else tests/fixtures/corpus.

`--split` scores half of the corpus, chosen by a hash of each case's id: write
rules while looking at `dev` only, then score `check`; a gap between the two
is overfitting (the held-out set behaves like `check`, not like `dev`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer import kb as kbmod  # noqa: E402
from explainer.diagnosis import diagnose  # noqa: E402
from explainer.parse import parse_text  # noqa: E402

TARGETS = {"top1": 0.90, "top3": 0.97, "abstain": 0.80, "confident_wrong": 0.02}


def default_corpus() -> Path:
    shared = ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else ROOT / "tests" / "fixtures" / "corpus"


def split_of(case_id: str) -> str:
    """A stable half of the corpus: `dev` or `check`."""
    return "dev" if hashlib.sha1(case_id.encode()).digest()[0] % 2 == 0 else "check"


def evaluate(corpus: Path, only: str | None = None, split: str | None = None) -> dict:
    knowledge = kbmod.load()
    rows = []
    for path in sorted(corpus.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if only and case["cause"] != only:
            continue
        if split and split_of(case.get("id", path.stem)) != split:
            continue
        d = diagnose(parse_text(case["text"], knowledge.recognises), knowledge)
        causes = []
        for m in d.matches:
            if m.entry.cause not in causes:
                causes.append(m.entry.cause)
        rows.append(
            {
                "id": case.get("id", path.stem),
                "file": path.name,
                "cause": case["cause"],
                "top": causes[:3],
                "confident": d.confident,
                "score": d.best.score if d.best else 0.0,
                "entry": d.best.entry.id if d.best else None,
            }
        )
    inreg = [r for r in rows if r["cause"] != "other"]
    other = [r for r in rows if r["cause"] == "other"]

    def share(items, pred) -> float:
        return sum(1 for r in items if pred(r)) / len(items) if items else float("nan")

    return {
        "rows": rows,
        "n_in_registry": len(inreg),
        "n_other": len(other),
        "top1": share(inreg, lambda r: r["top"][:1] == [r["cause"]]),
        "top3": share(inreg, lambda r: r["cause"] in r["top"]),
        "confident_top1": share(inreg, lambda r: r["confident"] and r["top"][:1] == [r["cause"]]),
        "confident_wrong": share(inreg, lambda r: r["confident"] and r["top"][:1] != [r["cause"]]),
        "abstain": share(other, lambda r: not r["confident"]),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=default_corpus())
    ap.add_argument("--cause", help="only cases labelled with this cause")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--split", choices=("dev", "check"), help="score only this half of the corpus")
    ap.add_argument("--per-cause", action="store_true", help="a row per cause")
    ap.add_argument("--confusions", action="store_true", help="true cause -> predicted cause, count")
    args = ap.parse_args()
    start = time.perf_counter()
    res = evaluate(args.corpus, args.cause, args.split)
    elapsed = time.perf_counter() - start
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "rows"}, indent=2))
        return 0
    if args.show_misses or args.cause:
        for r in res["rows"]:
            ok = (r["top"][:1] == [r["cause"]] and r["confident"]) if r["cause"] != "other" else not r["confident"]
            if args.cause or not ok:
                mark = "ok  " if ok else "MISS"
                print(f"{mark} {r['file']:<52} want {r['cause']:<30} got {r['top'][:3]} "
                      f"conf={r['confident']} score={r['score']:.2f} ({r['entry']})")
    print(f"\ncorpus: {args.corpus} ({res['n_in_registry']} in-registry, {res['n_other']} other) in {elapsed:.2f}s")
    print("| metric | value | target |")
    print("| --- | --- | --- |")
    for key, label, cmp in (
        ("top1", "top-1 cause accuracy (in-registry)", ">="),
        ("top3", "top-3 cause accuracy (in-registry)", ">="),
        ("confident_top1", "confident and right (in-registry)", ""),
        ("abstain", "abstention on `other`", ">="),
        ("confident_wrong", "confident but wrong cause (in-registry)", "<="),
    ):
        target = TARGETS.get(key)
        met = ""
        if target is not None:
            ok = res[key] >= target if cmp == ">=" else res[key] <= target
            met = f"{cmp} {target:.0%} {'met' if ok else 'NOT met'}"
        print(f"| {label} | {res[key]:.1%} | {met} |")
    if args.per_cause:
        print_per_cause(res["rows"])
    if args.confusions:
        print_confusions(res["rows"])
    return 0


def print_per_cause(rows: list[dict]) -> None:
    print("\n| cause | n | top-1 | top-3 | confident-wrong (or abstained, for other) |")
    print("| --- | --- | --- | --- | --- |")
    for cause in sorted({r["cause"] for r in rows}):
        mine = [r for r in rows if r["cause"] == cause]
        n = len(mine)
        if cause == "other":
            abst = sum(1 for r in mine if not r["confident"])
            print(f"| other | {n} | | | abstained {abst}/{n} |")
            continue
        t1 = sum(1 for r in mine if r["top"][:1] == [cause])
        t3 = sum(1 for r in mine if cause in r["top"])
        cw = sum(1 for r in mine if r["confident"] and r["top"][:1] != [cause])
        print(f"| {cause} | {n} | {t1}/{n} | {t3}/{n} | {cw} |")


def print_confusions(rows: list[dict]) -> None:
    pairs = Counter(
        (r["cause"], r["top"][0] if r["top"] else "(none)", r["confident"])
        for r in rows
        if (r["top"][:1] != [r["cause"]]) and not (r["cause"] == "other" and not r["confident"])
    )
    print("\n| true cause | predicted | confident | count |")
    print("| --- | --- | --- | --- |")
    for (true, pred, conf), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {true} | {pred} | {'yes' if conf else 'no'} | {n} |")


if __name__ == "__main__":
    sys.exit(main())

"""Accuracy of tfexplain on a labelled corpus of real errors.

    python benchmarks/accuracy.py [CORPUS_DIR] [--cause ID] [--show-misses]

Scores by cause id, as the held-out evaluation does: top-1 and top-3 cause
accuracy on in-registry cases, abstention (`confident: false`) on `other`
cases, and the share of in-registry cases diagnosed confidently with a wrong
cause. Defaults to ../shared/corpus when present, else tests/fixtures/corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer import kb as kbmod  # noqa: E402
from explainer.diagnosis import diagnose  # noqa: E402
from explainer.parse import parse_text  # noqa: E402

TARGETS = {"top1": 0.90, "top3": 0.97, "abstain": 0.80, "confident_wrong": 0.03}


def default_corpus() -> Path:
    shared = ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else ROOT / "tests" / "fixtures" / "corpus"


def evaluate(corpus: Path, only: str | None = None) -> dict:
    knowledge = kbmod.load()
    rows = []
    for path in sorted(corpus.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if only and case["cause"] != only:
            continue
        d = diagnose(parse_text(case["text"]), knowledge)
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
    args = ap.parse_args()
    start = time.perf_counter()
    res = evaluate(args.corpus, args.cause)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())

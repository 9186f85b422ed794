"""Accuracy floors on the labelled corpus (the figures the README reports)."""

from __future__ import annotations

import sys

from conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from accuracy import TARGETS, evaluate


def test_corpus_accuracy_meets_the_targets():
    res = evaluate(CORPUS)
    misses = [r for r in res["rows"] if r["cause"] != "other" and r["top"][:1] != [r["cause"]]]
    detail = "\n".join(f"{r['file']}: want {r['cause']}, got {r['top']}" for r in misses)
    assert res["top1"] >= TARGETS["top1"], detail
    assert res["top3"] >= TARGETS["top3"], detail
    assert res["abstain"] >= TARGETS["abstain"]
    assert res["confident_wrong"] <= TARGETS["confident_wrong"], detail


def test_no_other_case_is_diagnosed_as_an_out_of_registry_installation_problem():
    res = evaluate(CORPUS)
    for row in res["rows"]:
        if row["file"].startswith("c-neg-"):
            assert not row["confident"], row

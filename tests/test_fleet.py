"""The fleet examples, run for real on generated job logs: Dask (and PySpark where it is installed)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from conftest import ROOT

FLEET = ROOT / "examples" / "fleet"
sys.path.insert(0, str(FLEET))

from make_logs import CAUSES, make_logs  # noqa: E402


def expected(made) -> Counter:
    return Counter(CAUSES[kind] for _, kind in made)


def printed_causes(out: str) -> Counter:
    table = out.split("jobs by cause:\n", 1)[1].split("knowledge base loaded", 1)[0]
    return Counter({m.group(1).strip(): int(m.group(2)) for m in re.finditer(r"^  (.+?)\s+(\d+)$", table, re.M)})


def check_run(out: str, made, workers: int) -> None:
    assert out.startswith(f"{len(made)} job logs, {workers} worker(s)")
    assert printed_causes(out) == expected(made)
    loads, procs = map(int, re.search(r"knowledge base loaded (\d+) time\(s\) in (\d+) worker process", out).groups())
    assert 1 <= procs <= workers and loads == procs  # once per worker process, not once per log


def test_dask_example_counts_jobs_by_cause_with_the_kb_loaded_once_per_worker(tmp_path):
    pytest.importorskip("dask.bag", reason="pip install -e '.[fleet]'")
    made = make_logs(tmp_path / "logs", jobs=150, seed=7, lines=200)
    assert {kind for _, kind in made} == set(CAUSES)  # every kind of failure, and clean jobs
    res = subprocess.run(
        [sys.executable, str(FLEET / "dask_triage.py"), str(tmp_path / "logs"), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    check_run(res.stdout, made, 2)


def test_triage_rows_carry_position_and_count(tmp_path):
    from triage import NO_ERROR, triage_partition

    made = make_logs(tmp_path, jobs=12, seed=3, lines=50)
    rows = triage_partition([str(p) for p, _ in made])
    by_file = {r["file"]: r for r in rows}
    for path, kind in made:
        row = by_file[str(path)]
        assert row["cause"] == CAUSES[kind]
        if kind is None:
            assert row["line"] is None and row["cause"] == NO_ERROR
        else:
            lines = path.read_text().split("\n")
            assert "Traceback (most recent call last)" in lines[row["line"] - 1] and row["count"] == 1


@pytest.mark.skipif(
    importlib.util.find_spec("pyspark") is None or shutil.which("java") is None,
    reason="PySpark example: pip install pyspark (needs Java 17)",
)
def test_spark_example_counts_jobs_by_cause(tmp_path):
    made = make_logs(tmp_path / "logs", jobs=60, seed=11, lines=200)
    res = subprocess.run(
        [sys.executable, str(FLEET / "spark_triage.py"), str(tmp_path / "logs"), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    check_run(res.stdout, made, 2)

"""Team knowledge-base folders cannot hang, exhaust or break tfexplain.

Each case is a fault seen when trying tfexplain as an attacker would (issue 7):
a wrongly typed field, a pattern that backtracks on Python's engine, a runaway
template or boost, a FIFO or device where a file should be, a huge snippet.
A faulty entry is skipped (explain still works with the rest and says on
stderr which entry it skipped) and `kb check` names file and field, exit 2.
"""

from __future__ import annotations

import os
import time

import pytest
from conftest import ROOT

from explainer import kb as kbmod
from explainer.templating import evaluate, fill

EXAMPLE = ROOT / "examples" / "matmul.txt"

ENTRY = """\
id = "{id}"
cause = "dtype-mismatch"
title = "Our feature store returns float64 columns"
summary = {summary}
explanation = "The feature store serialises doubles."
fix = "Call `fs.read(..., dtype='float32')`."
references = ["https://www.tensorflow.org/api_docs/python/tf/cast"]

[match]
exceptions = ["FeatureStoreError"]
patterns = [{pattern}]
examples = ["FeatureStoreError: feature store column age has dtype float64"]
{extra}
[verify]
raises = "FeatureStoreError"
{verify}
"""


def team_kb(tmp_path, entry_id="team-x", *, pattern="'feature store column (?P<column>\\\\w+) has dtype float64'",
            summary='"Column {{ column }} arrived as float64."', extra="", verify="", fixed="pass\n"):
    folder = tmp_path / "team-kb" / "dtype" / entry_id
    folder.mkdir(parents=True)
    body = ENTRY.format(id=entry_id, pattern=pattern, summary=summary, extra=extra, verify=verify)
    (folder / "entry.toml").write_text(body)
    (folder / "broken.py").write_text("raise SystemExit('not run')\n")
    (folder / "fixed.py").write_text(fixed)
    return tmp_path / "team-kb", folder


@pytest.mark.parametrize(
    ("verify", "field"),
    [('timeout = "soon"', "`timeout` must be a int or float"), ("isolate = \"yes\"", "`isolate` must be a bool")],
)
def test_a_wrongly_typed_field_skips_only_that_entry(cli, tmp_path, verify, field):
    kb, _ = team_kb(tmp_path, verify=verify)
    res = cli("--kb", str(kb), str(EXAMPLE))
    assert res.returncode == 0  # the built-in diagnosis still works
    err = res.stderr.decode()
    assert "skipped a knowledge-base entry" in err and "team-x/entry.toml: [verify]" in err and field in err
    check = cli("kb", "check", "--kb", str(kb))
    assert check.returncode == 2
    assert field in check.stderr.decode()


def test_verify_that_is_not_a_table_is_named(tmp_path):
    kb, folder = team_kb(tmp_path)
    toml = folder / "entry.toml"
    body = toml.read_text().replace('[verify]\nraises = "FeatureStoreError"\n', "")
    toml.write_text(body.replace("[match]", 'verify = "yes"\n\n[match]'))
    problems = kbmod.check([str(kb)])
    assert any("team-x/entry.toml: [verify] must be a table" in p for p in problems)


@pytest.mark.parametrize("pattern", ["((a+))+$", "(a+b?)+$", "(a|a)+$", "(.*a){25}$"])
def test_patterns_that_backtrack_in_python_run_in_linear_time(cli, tmp_path, pattern):
    kb, _ = team_kb(tmp_path, pattern=repr(pattern))
    assert kbmod.check([str(kb)]) == []  # RE2 runs them: no reason to refuse
    hostile = "FeatureStoreError: " + "a" * 30_000 + "!\n"
    start = time.perf_counter()
    res = cli("--kb", str(kb), stdin=hostile)
    assert res.returncode in (0, 1)
    assert time.perf_counter() - start < 20  # Python's re: hours


def test_runaway_templates_and_boosts_are_bounded():
    start = time.perf_counter()
    assert len(fill("{{ 'x' * 300000000 }}", {})) < 100_000
    nested = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    assert len(fill(nested, {})) < 100_000
    assert evaluate("x ** 99999999 > 1", {"x": 7}) is False
    assert evaluate("(s ~ s ~ s) | length > 0", {"s": "ab"}) is True  # ordinary use still works
    assert time.perf_counter() - start < 5


def test_runaway_template_in_a_team_entry_does_not_stop_the_diagnosis(cli, tmp_path):
    kb, _ = team_kb(tmp_path, summary="\"{{ 'x' * 300000000 }}{% for i in range(99999) %}{% for j in range(99999) %}.{% endfor %}{% endfor %}\"",
                    extra='[[match.boost]]\nwhen = "column and 9 ** 99999999 > 1"\nscore = 0.2\nreason = "power"\n')
    start = time.perf_counter()
    res = cli("-f", "json", "--kb", str(kb), stdin="FeatureStoreError: feature store column age has dtype float64\n")
    assert time.perf_counter() - start < 30
    assert res.returncode in (0, 1)
    assert len(res.stdout) < 1_000_000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_device_is_never_read(cli, tmp_path):
    kb, folder = team_kb(tmp_path)
    (folder / "entry.toml").unlink()
    os.mkfifo(folder / "entry.toml")
    kb2, folder2 = team_kb(tmp_path / "two", "team-y")
    (folder2 / "entry.toml").unlink()
    (folder2 / "entry.toml").symlink_to("/dev/zero")
    for path in (kb, kb2):
        res = cli("kb", "check", "--kb", str(path), timeout=30)
        assert res.returncode == 2
        assert "not a regular file" in res.stderr.decode()
        assert cli("--kb", str(path), str(EXAMPLE), timeout=30).returncode == 0


def test_a_huge_snippet_is_refused_not_read(cli, tmp_path):
    kb, folder = team_kb(tmp_path)
    with open(folder / "fixed.py", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing them
    res = cli("kb", "check", "--kb", str(kb))
    assert res.returncode == 2
    assert "fixed.py: 209715200 bytes, over the limit" in res.stderr.decode()


def test_unknown_fields_are_named(tmp_path):
    kb, _folder = team_kb(tmp_path, extra="pattern = ['typo for patterns']\n")
    problems = kbmod.check([str(kb)])
    assert any("[match]: unknown key(s) pattern" in p for p in problems)

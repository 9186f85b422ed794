"""Every knowledge-base claim checked on the installed TensorFlow.

This is the slow part of the suite (about a minute on two cores): one run of
`tfexplain verify` over the whole knowledge base, shared by the tests below.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

from explainer import kb as kbmod

if not os.environ.get("CI"):
    pytest.importorskip("tensorflow", reason="verification needs TensorFlow (pip install -e '.[test]')")

pytestmark = pytest.mark.tensorflow


@pytest.fixture(scope="module")
def verify_run():
    res = run_cli("verify", "--no-report", "-j", "2", timeout=900)
    return res.returncode, res.stdout.decode(), res.stderr.decode()


def test_every_entry_verifies_on_real_tensorflow(verify_run):
    code, out, err = verify_run
    failures = [line for line in out.splitlines() if line.startswith("FAIL") or line.startswith("       ")]
    assert code == 0, "\n".join(failures) or err
    summary = out.strip().splitlines()[-1]
    assert re.match(r"\d+ passed, 0 failed", summary), summary


def test_every_entry_was_run(verify_run):
    _, out, _ = verify_run
    ran = {line.split()[1] for line in out.splitlines() if line.startswith(("ok ", "FAIL"))}
    assert ran == {e.id for e in kbmod.load().entries}


def test_the_shipped_verification_report_is_complete_and_green():
    data = json.loads((kbmod.builtin_kb_dir() / "verification.json").read_text())
    assert data["tensorflow"] and data["keras"]
    for entry in kbmod.load().entries:
        result = data["entries"].get(entry.id)
        assert result is not None, f"{entry.id} missing from kb/verification.json (run tfexplain verify)"
        assert result["ok"], f"{entry.id}: {result['problems']}"
        if not entry.message_only:
            assert result["raised"] and result["traceback"]


def test_a_team_kb_is_verified_too(tmp_path):
    folder = tmp_path / "kb" / "shape" / "team-reshape-batch"
    folder.mkdir(parents=True)
    (folder / "entry.toml").write_text(
        'id = "team-reshape-batch"\ncause = "reshape-size"\ntitle = "Our reshape"\n'
        'summary = "s"\nexplanation = "e"\nfix = "f"\n'
        'references = ["https://www.tensorflow.org/api_docs/python/tf/reshape"]\n'
        '[match]\nexceptions = ["InvalidArgumentError"]\n'
        "patterns = ['Input to reshape is a tensor with (?P<have>\\d+) values, but the requested shape has (?P<want>\\d+)']\n"
        "code = ['TEAM_MARKER']\nexamples = [\"Input to reshape is a tensor with 6 values, but the requested shape has 8\"]\n"
        '[[match.boost]]\nwhen = "true"\nscore = 0.5\nreason = "team rule"\n'
        '[verify]\nraises = "InvalidArgumentError"\n'
    )
    (folder / "broken.py").write_text("import tensorflow as tf\nTEAM_MARKER = 1\ntf.reshape(tf.zeros(6), (2, 4))\n")
    (folder / "fixed.py").write_text("import tensorflow as tf\ntf.reshape(tf.zeros(6), (2, 3))\n")
    res = run_cli("verify", "--kb", str(tmp_path / "kb"), "-j", "1", timeout=300)
    out = res.stdout.decode()
    assert res.returncode == 0, out + res.stderr.decode()
    assert "ok   team-reshape-batch" in out
    assert (tmp_path / "kb" / "verification.json").exists()
    # a team entry whose fixed.py still fails is reported, naming the problem
    (folder / "fixed.py").write_text("import tensorflow as tf\ntf.reshape(tf.zeros(6), (2, 5))\n")
    res = run_cli("verify", "--kb", str(tmp_path / "kb"), "-j", "1", "--no-report", timeout=300)
    assert res.returncode == 1
    assert "fixed.py failed: InvalidArgumentError" in res.stdout.decode()


def test_an_installed_tfexplain_verifies_without_writing_into_site_packages(tmp_path):
    """A non-editable install: the report goes to the user cache, and `show` reads it from there."""
    pytest.importorskip("tensorflow", reason="verification needs TensorFlow")
    import venv

    from conftest import ROOT

    env_dir = tmp_path / "venv"
    # the system TensorFlow is visible (no 600 MB download); tfexplain itself is installed as a wheel
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [
            str(py),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    where = subprocess.run(
        [str(py), "-c", "from explainer import kb; print(kb.builtin_kb_dir())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    installed_kb = Path(where)
    assert str(env_dir) in where and "site-packages" in where
    shipped = installed_kb / "verification.json"
    before = shipped.read_bytes()
    cache = tmp_path / "cache"
    env = dict(os.environ, TFEXPLAIN_CACHE_DIR=str(cache), NO_COLOR="1")
    exe = str(env_dir / "bin" / "tfexplain")
    res = subprocess.run(
        [exe, "verify", "matmul-inner-dim"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert shipped.read_bytes() == before, "verify wrote into site-packages"
    written = [p for p in cache.rglob("verification.json")]
    assert len(written) == 1 and f"report: {written[0]}" in res.stdout
    assert json.loads(written[0].read_text())["entries"]["matmul-inner-dim"]["ok"] is True
    assert not list(installed_kb.parent.rglob("*.tmp*")) and not (installed_kb / "reports.json").exists()
    # show (and the JSON output, the site) read the report from where verify wrote it
    found = subprocess.run(
        [
            str(py),
            "-c",
            "from explainer.kb import builtin_kb_dir; from explainer.verify.report import report_path;"
            " print(report_path(builtin_kb_dir()))",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert found == str(written[0])
    show = subprocess.run([exe, "show", "matmul-inner-dim"], capture_output=True, text=True, env=env, check=False)
    assert show.returncode == 0 and "it raises:" in show.stdout
    # --report PATH puts it exactly there
    res = subprocess.run(
        [exe, "verify", "matmul-inner-dim", "--report", str(tmp_path / "mine.json")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    assert res.returncode == 0 and (tmp_path / "mine.json").exists() and shipped.read_bytes() == before

"""The verification matrix: where entries apply, the stacks' environments, where reports live,
the captured tracebacks of every stack, and (marked `matrix`) the whole matrix run for real.

Explaining must not need TensorFlow: the captured tracebacks are parsed and matched here, in
the test interpreter, exactly as a user's paste would be.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import FIXTURES, ROOT, run_cli

from explainer import kb as kbmod
from explainer.diagnosis import diagnose, verified_info
from explainer.parse import parse_text
from explainer.verify import matrix, report

TRACEBACKS = FIXTURES / "tracebacks"
STACKS_JSON = TRACEBACKS / "stacks.json"


# -- where an entry applies -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constraints", "versions", "expected"),
    [
        ({}, {"tensorflow": "2.21.0", "keras": "3.15.1"}, True),
        ({"keras": "<3"}, {"tensorflow": "2.15.1", "keras": "2.15.0"}, True),
        ({"keras": "<3"}, {"tensorflow": "2.21.0", "keras": "3.15.1"}, False),
        ({"keras": ">=3.4"}, {"keras": "3.3.3"}, False),
        ({"tensorflow": "<2.16"}, {"tensorflow": "2.16.2"}, False),
        ({"tensorflow": ">=2.16,<2.22"}, {"tensorflow": "2.21.0"}, True),
        # a library only some stacks have: absent means the entry does not apply there
        ({"tensorflow_hub": ">=0.16"}, {"tensorflow": "2.21.0", "keras": "3.15.1"}, False),
        ({"transformers": ">=4,<5"}, {"transformers": "4.57.6"}, True),
        ({"keras": ">=3"}, {"keras": "not-a-version"}, False),
    ],
)
def test_applies_compares_pep440_specifiers_with_what_the_stack_reports(constraints, versions, expected):
    assert matrix.applies(constraints, versions) is expected


def test_bad_applicability_fields_are_named(tmp_path):
    folder = tmp_path / "kb" / "shape" / "team-reshape"
    folder.mkdir(parents=True)
    (folder / "entry.toml").write_text(
        'id = "team-reshape"\ncause = "reshape-size"\ntitle = "t"\nsummary = "s"\nexplanation = "e"\nfix = "f"\n'
        'references = ["https://www.tensorflow.org/api_docs/python/tf/reshape"]\n'
        "[match]\npatterns = ['Input to reshape is a tensor with']\n"
        'examples = ["Input to reshape is a tensor with 6 values"]\n'
        '[verify]\nraises = "InvalidArgumentError"\nkeras = "three"\ntensorflow = 2\n'
    )
    (folder / "broken.py").write_text("raise ValueError\n")
    (folder / "fixed.py").write_text("pass\n")
    problems = kbmod.check([str(tmp_path / "kb")])
    assert any("`keras = 'three'` is not a version specifier" in p for p in problems), problems
    assert any("`tensorflow` must be a version specifier string" in p for p in problems), problems


def test_every_shipped_applicability_field_is_valid_and_every_stack_has_entries():
    knowledge = kbmod.load(strict=True)
    for entry in knowledge.entries:
        assert not matrix.check_specifiers(entry.applies), entry.id
    assert matrix.STACKS[0].name == "current"
    assert len({s.name for s in matrix.STACKS}) == len(matrix.STACKS)
    # the four stacks the issue names, pinned
    pins = {s.name: s.requirements for s in matrix.STACKS}
    assert "tensorflow-cpu==2.15.1" in pins["tf2.15-keras2"]
    assert "tensorflow-cpu==2.16.2" in pins["tf2.16-keras3"]
    assert {"tensorflow-cpu==2.21.0", "tf-keras==2.21.0"} <= set(pins["tf2.21-tfkeras2"])
    assert matrix.get_stack("tf2.21-tfkeras2").env["TF_USE_LEGACY_KERAS"] == "1"


# -- stack environments ---------------------------------------------------------------------------


def test_a_stack_environment_is_built_once_and_rebuilt_when_its_pins_change(tmp_path, monkeypatch):
    monkeypatch.setenv(matrix.STACKS_ENV, str(tmp_path / "stacks"))
    stack = matrix.Stack("tiny", ("pip",))  # already in every new venv: no download
    python, spent = matrix.ensure(stack)
    assert python.exists() and spent > 0 and matrix.is_ready(stack)
    marker = matrix.env_dir(stack) / matrix.MARKER
    assert json.loads(marker.read_text())["requirements"] == ["pip"]
    before = marker.stat().st_mtime_ns
    python2, spent2 = matrix.ensure(stack)
    assert (python2, spent2) == (python, 0.0) and marker.stat().st_mtime_ns == before  # reused untouched
    changed = matrix.Stack("tiny", ("pip", "setuptools"))
    assert not matrix.is_ready(changed)
    _, spent3 = matrix.ensure(changed)
    assert spent3 > 0 and json.loads(marker.read_text())["requirements"] == ["pip", "setuptools"]
    marker.unlink()  # an interrupted build (no marker) is never taken for a finished one
    assert not matrix.is_ready(changed)


def test_a_stack_that_cannot_be_installed_fails_with_pips_reason(tmp_path, monkeypatch):
    monkeypatch.setenv(matrix.STACKS_ENV, str(tmp_path / "stacks"))
    bad = matrix.Stack("bad", ("./no-such-project-here",))
    with pytest.raises(RuntimeError, match="pip install for stack bad failed"):
        matrix.ensure(bad)
    assert not matrix.is_ready(bad)


# -- where the report lives ---------------------------------------------------------------------


def test_report_goes_next_to_a_writable_working_copy(tmp_path, monkeypatch):
    monkeypatch.setenv(report.CACHE_ENV, str(tmp_path / "cache"))
    kb_dir = tmp_path / "team-kb"
    kb_dir.mkdir()
    assert report.default_report_path(kb_dir) == kb_dir / report.VERIFICATION_FILE
    written = report.save_report(kb_dir, {"entries": {"x": {"ok": True}}})
    assert written == kb_dir / report.VERIFICATION_FILE
    assert report.load_report(kb_dir)["entries"]["x"]["ok"] is True


def test_report_of_an_installed_or_read_only_kb_goes_to_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(report.CACHE_ENV, str(tmp_path / "cache"))
    installed = tmp_path / "lib" / "site-packages" / "explainer" / "_kb"
    installed.mkdir(parents=True)
    target = report.default_report_path(installed)
    assert target.is_relative_to(tmp_path / "cache") and "site-packages" not in target.parts[-3:]
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o500)
    try:
        if os.access(readonly, os.W_OK):  # root ignores permissions
            pytest.skip("running as root: a read-only folder is still writable")
        assert report.default_report_path(readonly).is_relative_to(tmp_path / "cache")
    finally:
        readonly.chmod(0o700)


def test_report_is_read_from_wherever_it_was_last_written(tmp_path, monkeypatch):
    monkeypatch.setenv(report.CACHE_ENV, str(tmp_path / "cache"))
    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    (kb_dir / report.VERIFICATION_FILE).write_text(json.dumps({"date": "shipped"}))
    os.utime(kb_dir / report.VERIFICATION_FILE, (1, 1))  # an old checkout
    elsewhere = tmp_path / "out" / "r.json"
    report.save_report(kb_dir, {"date": "mine"}, elsewhere)
    assert report.report_path(kb_dir) == elsewhere
    assert report.load_report(kb_dir)["date"] == "mine"
    # a newer shipped file (a fresh checkout or upgrade) wins over an old run elsewhere
    time.sleep(0.01)
    (kb_dir / report.VERIFICATION_FILE).write_text(json.dumps({"date": "upgraded"}))
    assert report.load_report(kb_dir)["date"] == "upgraded"
    elsewhere.unlink()
    assert report.load_report(kb_dir)["date"] == "upgraded"


def test_merging_keeps_the_matrix_and_the_plain_run_apart():
    data = report.merge_stack(
        {},
        "tf2.15-keras2",
        {"tensorflow": "2.15.1", "keras": "2.15.0"},
        [{"id": "a", "verdict": "verified", "message": "m2", "traceback": "tb"}],
    )
    data = report.merge_current(
        data, [{"id": "a", "ok": True, "message": "m3"}], {"tensorflow": "2.21.0", "keras": "3.15.1"}, "2026-12-01"
    )
    assert data["keras"] == "3.15.1" and data["entries"]["a"]["message"] == "m3"
    assert data["entries"]["a"]["stacks"]["tf2.15-keras2"] == {"verdict": "verified", "message": "m2"}
    assert data["stacks"]["tf2.15-keras2"]["keras"] == "2.15.0"


# -- the captured tracebacks of every stack, through parse + match ----------------------------------


def _fixture_cases():
    if not STACKS_JSON.exists():
        return []
    stacks = json.loads(STACKS_JSON.read_text())
    return [
        pytest.param(stack, path, id=f"{stack}/{path.stem}")
        for stack in stacks
        for path in sorted((TRACEBACKS / stack).glob("*.txt"))
    ]


def test_tracebacks_were_captured_on_every_stack():
    stacks = json.loads(STACKS_JSON.read_text())
    assert set(stacks) == {s.name for s in matrix.STACKS}
    knowledge = kbmod.load()
    for name, versions in stacks.items():
        applicable = {e.id for e in knowledge.entries if not e.message_only and matrix.applies(e.applies, versions)}
        captured = {p.stem for p in (TRACEBACKS / name).glob("*.txt")}
        assert applicable <= captured, f"{name}: no traceback for {sorted(applicable - captured)}"


@pytest.mark.parametrize(("stack", "path"), _fixture_cases())
def test_a_captured_traceback_is_diagnosed_as_its_entry_where_it_applies(stack, path):
    versions = json.loads(STACKS_JSON.read_text())[stack]
    knowledge = kbmod.load()
    entry = knowledge.get(path.stem)
    assert entry is not None, f"{path}: no entry {path.stem}"
    parsed = parse_text(path.read_text(encoding="utf-8"))
    assert parsed is not None, f"{path}: not parsed as an error"
    if not matrix.applies(entry.applies, versions):
        return  # recorded in the report as what happens there; no claim to check
    d = diagnose(parsed, knowledge)
    ranked = [(m.entry.id, m.score) for m in d.matches[:3]]
    assert d.best and d.best.entry.id == entry.id, f"{stack}: {ranked}"
    assert d.confident, f"{stack}: {ranked}"


def test_explaining_a_captured_traceback_does_not_import_tensorflow():
    sample = next(iter(sorted((TRACEBACKS / "tf2.15-keras2").glob("*.txt"))))
    code = (
        "import sys\nfrom explainer.diagnosis import explain_text\n"
        f"d = explain_text(open({str(sample)!r}).read())\n"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, sorted(sys.modules)\n"
        "print(d.best.entry.id if d.best else '')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert res.returncode == 0, res.stderr


# -- the shipped report and what people read from it ----------------------------------------------


def test_the_shipped_report_has_every_entry_on_every_stack_and_all_pass_where_they_apply():
    data = json.loads((kbmod.builtin_kb_dir() / report.VERIFICATION_FILE).read_text())
    stacks = data["stacks"]
    assert set(stacks) == {s.name for s in matrix.STACKS}
    for name, info in stacks.items():
        assert info["tensorflow"] and info["keras"] and info["failed"] == 0, (name, info)
    for entry in kbmod.load().entries:
        if entry.message_only:
            continue
        per_stack = data["entries"][entry.id]["stacks"]
        assert set(per_stack) == set(stacks), entry.id
        for name, result in per_stack.items():
            expected = "verified" if matrix.applies(entry.applies, stacks[name]) else "not-applicable"
            assert result["verdict"] == expected, (entry.id, name, result.get("problems"))
            if expected == "not-applicable":
                assert result["note"], (entry.id, name)  # what happens there is said


def test_show_and_json_say_where_an_entry_was_verified_and_how_each_keras_words_it():
    entry = kbmod.load().get("dataset-batching-structure-keras2")
    info = verified_info(entry)
    by_stack = {s["stack"]: s for s in info["stacks"]}
    assert by_stack["tf2.15-keras2"]["verdict"] == "verified"
    assert by_stack["current"]["verdict"] == "not-applicable"
    assert "None values not supported" in by_stack["current"]["note"]  # what Keras 3 does instead
    assert [w["keras"] for w in info["wordings"]] == ["Keras 2"]
    shown = run_cli("show", "dataset-batching-structure-keras2").stdout.decode()
    assert "Verified on" in shown and "Keras 2 says" in shown and "does not apply here" in shown
    example = (TRACEBACKS / "tf2.15-keras2" / "dataset-batching-structure-keras2.txt").read_bytes()
    res = run_cli("--format", "json", stdin=example)
    out = json.loads(res.stdout)
    assert res.returncode == 0 and out["matches"][0]["id"] == "dataset-batching-structure-keras2"
    on = {s["stack"]: s["verdict"] for s in out["diagnosis"]["verified_on"]}
    assert on["tf2.15-keras2"] == "verified" and on["current"] == "not-applicable"


# -- the whole matrix, for real ---------------------------------------------------------------------


def _real_stacks_dir() -> str:
    return os.environ.get(matrix.STACKS_ENV) or str(report.cache_dir() / "stacks")


@pytest.mark.matrix
@pytest.mark.tensorflow
def test_the_whole_matrix_verifies(tmp_path):
    """`tfexplain verify --matrix`: every entry on every stack; environments are cached between runs."""
    pytest.importorskip("tensorflow", reason="the current stack needs TensorFlow here")
    env = {matrix.STACKS_ENV: _real_stacks_dir(), report.CACHE_ENV: str(tmp_path / "cache")}
    out_report = tmp_path / "report.json"
    res = run_cli("verify", "--matrix", "-j", "2", "--report", str(out_report), env=env, timeout=80 * 60)
    out = res.stdout.decode()
    failures = [line for line in out.splitlines() if line.startswith(("FAIL", "       "))]
    assert res.returncode == 0, "\n".join(failures[:60]) or res.stderr.decode()[-3000:]
    data = json.loads(out_report.read_text())
    knowledge = kbmod.load()
    for entry in knowledge.entries:
        if not entry.message_only:
            assert set(data["entries"][entry.id]["stacks"]) == {s.name for s in matrix.STACKS}, entry.id
    assert "matrix: 5 stacks, 0 failure(s)" in out
    # the report was not written into the checkout: --report PATH was honoured
    assert str(out_report) in out and str(ROOT / "kb" / "verification.json") not in out

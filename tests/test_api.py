"""The Python API: explain() inside exception handlers, and the hooks."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT

import explainer

EXAMPLE = ROOT / "examples" / "matmul.txt"


def test_explain_the_exception_being_handled():
    try:
        raise ValueError("Shapes (None, 1) and (None, 10) are incompatible")
    except ValueError:
        text = explainer.explain()
    assert text.diagnosis is not None
    assert text.diagnosis.report.shapes == [[None, 1], [None, 10]]
    assert "ValueError: Shapes (None, 1) and (None, 10) are incompatible" in text


def test_explain_text_and_formats():
    text = explainer.explain(EXAMPLE.read_text(), fmt="json")
    assert '"cause": "matmul-inner-dim"' in text
    assert text.diagnosis.confident


def test_explain_never_raises(monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("explainer.diagnosis.explain_exception", boom)
    try:
        raise KeyError("x")
    except KeyError as exc:
        out = explainer.explain(exc)
    assert out.startswith("tfexplain: could not explain this error (RuntimeError: simulated bug)")
    assert explainer.explain(fmt="no-such-format").startswith("tfexplain: no exception")
    assert "could not explain" in explainer.explain("ValueError: x", fmt="no-such-format")


def test_explain_outside_a_handler_and_on_text_without_error():
    assert explainer.explain().startswith("tfexplain: no exception is being handled")
    assert explainer.explain("all good").startswith("tfexplain: no error found")


def test_install_prints_a_diagnosis_after_the_traceback():
    code = textwrap.dedent(
        """
        import explainer
        explainer.install()
        raise ValueError("Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2]")
        """
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert res.returncode == 1
    assert "Traceback (most recent call last)" in res.stderr
    assert res.stderr.index("Traceback") < res.stderr.index("Diagnosis: Matrix multiply")


def test_ipython_extension_registers_a_handler():
    calls = {}

    class FakeShell:
        def set_custom_exc(self, types, handler):
            calls["types"], calls["handler"] = types, handler

        def showtraceback(self, exc_tuple, tb_offset=None):
            calls["shown"] = exc_tuple[0]

    shell = FakeShell()
    explainer.load_ipython_extension(shell)
    assert calls["types"] == (Exception,)
    try:
        raise ValueError("Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2]")
    except ValueError as exc:
        calls["handler"](shell, ValueError, exc, exc.__traceback__)
    assert calls["shown"] is ValueError
    explainer.unload_ipython_extension(shell)
    assert calls["types"] == ()


def test_pytest_plugin_adds_a_section(tmp_path):
    test = tmp_path / "test_model.py"
    test.write_text("def test_it():\n    raise ValueError('Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2]')\n")
    res = subprocess.run(
        [sys.executable, "-m", "pytest", "--tfexplain", str(test)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert "tfexplain" in res.stdout
    assert "Matrix multiply with non-matching inner dimensions" in res.stdout

"""The hooks, run for real: sys/threading excepthooks, explaining(), the pytest plugin, the Diagnosis API.

TensorFlow errors are raised by TensorFlow itself, in subprocesses (importing
TensorFlow in the test process would slow every later test and could hide an
import on the explain path).
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

import explainer

pytest_plugins = ["pytester"]

pytest.importorskip("tensorflow", reason="these tests raise real TensorFlow errors")

MATMUL = ROOT / "examples" / "matmul.txt"


def run_py(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env_code = "import os; os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", env_code, *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def tfexplain_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "tfexplain" in line or "Diagnosis:" in line]


def test_install_explains_a_real_tensorflow_error_after_its_traceback():
    res = run_py(
        """
        import tensorflow as tf, explainer
        explainer.install()
        tf.matmul(tf.ones((2, 2)), tf.ones((3, 2)))
        """
    )
    assert res.returncode == 1
    err = res.stderr
    assert "Traceback (most recent call last)" in err
    assert (
        err.index("Traceback")
        < err.index("InvalidArgumentError: Matrix size-incompatible")
        < err.index("Diagnosis: Matrix multiply with non-matching inner dimensions")
    )
    assert "(2, 2)" in err[err.index("Diagnosis:") :] and "(3, 2)" in err[err.index("Diagnosis:") :]


@pytest.fixture(scope="module")
def tf():
    """TensorFlow, imported once for this module's in-process tests."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    return pytest.importorskip("tensorflow")


@pytest.fixture
def installed():
    explainer.install()
    yield
    explainer.uninstall()


def raised(fn) -> BaseException:
    try:
        fn()
    except Exception as exc:
        return exc
    raise AssertionError("did not raise")


def through_excepthook(exc: BaseException) -> None:
    """What Python does with an uncaught exception: hand it to sys.excepthook."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


def test_errors_in_threads_are_explained_too_and_uninstall_restores_both_hooks(tf, capsys, monkeypatch):
    import threading

    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)  # pytest's own catcher aside
    before = (sys.excepthook, threading.excepthook)
    explainer.install()
    assert sys.excepthook is not before[0] and threading.excepthook is not before[1]
    t = threading.Thread(target=lambda: tf.matmul(tf.ones((2, 2)), tf.ones((3, 2))), name="trainer")
    t.start()
    t.join()
    explainer.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    err = capsys.readouterr().err
    assert "Exception in thread trainer" in err
    assert err.index("Exception in thread trainer") < err.index("Diagnosis: Matrix multiply")
    t = threading.Thread(target=lambda: tf.matmul(tf.ones((4, 4)), tf.ones((5, 4))), name="after")
    t.start()
    t.join()
    err = capsys.readouterr().err
    assert "Exception in thread after" in err and "Diagnosis:" not in err  # uninstalled


def test_install_twice_then_uninstall_leaves_no_hook_behind():
    import threading

    before = (sys.excepthook, threading.excepthook)
    explainer.install()
    explainer.install()
    explainer.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_hooks_stay_quiet_on_errors_that_are_not_tensorflow_errors():
    for statement in ("1/0", "undefined_name", "assert 1 == 2", "{}['key']", "int('x')", "[][3]"):
        res = run_py(f"import explainer\nexplainer.install()\n{statement}\n")
        assert res.returncode == 1
        assert "Traceback (most recent call last)" in res.stderr
        assert tfexplain_lines(res.stderr) == [], (statement, res.stderr)
        assert "Not in the knowledge base" not in res.stderr


def test_a_tensorflow_error_no_entry_fits_gets_one_short_line(tf, installed, capsys):
    through_excepthook(raised(lambda: tf.strings.to_number("abc")))
    err = capsys.readouterr().err
    tail = err[err.index("InvalidArgumentError") :]
    extra = [line for line in tail.splitlines() if line.startswith("tfexplain")]
    assert extra == [
        "tfexplain: no knowledge-base entry fits this InvalidArgumentError (tfexplain --help for what it knows)"
    ]
    assert "Closest entries" not in err and "score" not in tail


def test_a_keras_error_raised_as_a_builtin_type_counts_as_a_tensorflow_error(tf, installed, capsys):
    # Keras 3 raises plain ValueError from its own frames: judged by the frames, it is Keras's error.
    import keras

    through_excepthook(raised(lambda: keras.layers.Dense(-3)))
    assert "tfexplain: no knowledge-base entry fits this ValueError" in capsys.readouterr().err


def test_a_user_wrapper_around_a_tensorflow_error_is_diagnosed_through_the_chain(tf, installed, capsys):
    def train():
        try:
            tf.matmul(tf.ones((2, 2)), tf.ones((3, 2)))
        except tf.errors.InvalidArgumentError as exc:
            raise RuntimeError("training failed") from exc

    exc = raised(train)
    d = explainer.diagnose(exc)
    data = d.to_dict()
    assert data["confident"] is True
    assert data["matches"][0]["cause"] == "matmul-inner-dim"
    assert data["error"]["type"] == "InvalidArgumentError"
    assert data["error"]["caused"] == {"type": "RuntimeError", "message": "training failed"}
    assert data["error"]["user_frame"]["function"] == "train"
    assert "which caused: RuntimeError: training failed" in explainer.explain(exc)
    assert "which caused: <code>RuntimeError: training failed</code>" in d.to_html()
    assert "**Which caused:** `RuntimeError: training failed`" in d.to_markdown()
    assert "caused RuntimeError" in repr(d)
    # ... and the excepthook says the same after the chained traceback.
    through_excepthook(exc)
    err = capsys.readouterr().err
    assert "The above exception was the direct cause" in err
    assert err.index("RuntimeError: training failed") < err.index("which caused: RuntimeError: training failed")
    assert "Diagnosis: Matrix multiply" in err


def test_a_wrapper_without_a_tensorflow_error_inside_stays_quiet(installed, capsys):
    def load():
        try:
            {}["config"]
        except KeyError as exc:
            raise RuntimeError("could not load the config") from exc

    through_excepthook(raised(load))
    err = capsys.readouterr().err
    assert "RuntimeError: could not load the config" in err and "tfexplain" not in err


def test_a_pasted_chained_traceback_is_diagnosed_through_the_chain(cli, tmp_path):
    chained = (
        MATMUL.read_text()
        + "\nThe above exception was the direct cause of the following exception:\n\n"
        + "Traceback (most recent call last):\n"
        + '  File "/home/ada/project/run.py", line 7, in <module>\n'
        + "    raise RuntimeError('training failed') from exc\n"
        + "RuntimeError: training failed\n"
    )
    res = cli("--format", "json", stdin=chained)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["matches"][0]["cause"] == "matmul-inner-dim"
    assert data["error"]["caused"]["type"] == "RuntimeError"
    text = cli(stdin=chained).stdout.decode()
    assert "which caused: RuntimeError: training failed" in text


def test_explaining_logs_the_diagnosis_and_reraises(caplog):
    caplog.set_level(logging.ERROR, logger="tfexplain")
    message = "Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2]"
    with pytest.raises(ValueError, match="Matrix size"), explainer.explaining() as ctx:
        raise ValueError(message)
    assert ctx.diagnosis is not None and ctx.diagnosis.confident
    records = [r for r in caplog.records if r.name == "tfexplain"]
    assert len(records) == 1 and "Matrix multiply with non-matching inner dimensions" in records[0].getMessage()

    caplog.clear()
    with pytest.raises(ZeroDivisionError), explainer.explaining():
        1 / 0  # noqa: B018
    assert [r for r in caplog.records if r.name == "tfexplain"] == []


def test_explaining_as_a_decorator_prints_to_a_file(tmp_path):
    import io

    out = io.StringIO()

    @explainer.explaining(file=out)
    def train(n):
        raise ValueError(f"Matrix size-incompatible: In[0]: [{n},{n}], In[1]: [3,2]")

    with pytest.raises(ValueError):
        train(2)
    assert "More: tfexplain show matmul-inner-dim" in out.getvalue()
    train_ok = explainer.explaining(file=out)(lambda: 42)
    assert train_ok() == 42


def test_diagnosis_api_formats_and_one_line_repr():
    d = explainer.diagnose(MATMUL.read_text())
    assert isinstance(d.to_json(), str)
    assert json.loads(d.to_json()) == d.to_dict()
    assert d.to_dict()["matches"][0]["cause"] == "matmul-inner-dim"
    assert d.to_text().startswith("✖ InvalidArgumentError: Matrix size-incompatible")
    assert d.to_markdown().startswith("## Matrix multiply")
    html = d.to_html()
    assert "Matrix multiply with non-matching inner dimensions" in html and "<" in html
    assert d._repr_html_() == html and d._repr_markdown_() == d.to_markdown()
    r = repr(d)
    assert "\n" not in r and len(r) < 200
    assert r.startswith("<Diagnosis 'InvalidArgumentError: Matrix size-incompatible") and "matmul-inner-dim" in r
    assert repr(explainer.diagnose("all good")) == "<Diagnosis: no error found>"


def test_html_escapes_what_came_from_the_error():
    d = explainer.diagnose("ValueError: <script>alert(1)</script> Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2]")
    assert "<script>" not in d.to_html()


PYTEST_CASES = textwrap.dedent(
    """
    import pytest
    import tensorflow as tf

    def test_tf_error():
        tf.matmul(tf.ones((2, 2)), tf.ones((3, 2)))

    def test_chained_tf_error():
        try:
            tf.matmul(tf.ones((2, 2)), tf.ones((3, 2)))
        except tf.errors.InvalidArgumentError as exc:
            raise RuntimeError("training step failed") from exc

    def test_plain_assert():
        assert 1 == 2

    def test_zero_division():
        1 / 0

    def test_passes():
        assert tf.ones((2,)).shape == (2,)
    """
)


def test_pytest_plugin_adds_a_section_only_for_tensorflow_failures(tf, pytester):
    pytester.makepyfile(test_model=PYTEST_CASES)
    res = pytester.runpytest("--tfexplain", "-p", "no:cacheprovider")
    res.assert_outcomes(failed=4, passed=1)
    out = res.stdout.str()
    parts = re.split(r"_{3,} (test_\w+) _{3,}", out.split("short test summary info")[0])
    by_test = dict(zip(parts[1::2], parts[2::2], strict=True))
    assert set(by_test) == {"test_tf_error", "test_chained_tf_error", "test_plain_assert", "test_zero_division"}
    assert "tfexplain" in by_test["test_tf_error"] and "Diagnosis: Matrix multiply" in by_test["test_tf_error"]
    assert "which caused: RuntimeError: training step failed" in by_test["test_chained_tf_error"]
    assert "tfexplain" not in by_test["test_plain_assert"]
    assert "tfexplain" not in by_test["test_zero_division"]


def test_pytest_without_the_option_adds_nothing(tf, pytester):
    pytester.makepyfile(test_model=PYTEST_CASES)
    res = pytester.runpytest("-p", "no:cacheprovider")
    res.assert_outcomes(failed=4, passed=1)
    assert "Diagnosis:" not in res.stdout.str()

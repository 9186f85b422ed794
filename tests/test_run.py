"""`tfexplain run script.py [args...]` and `python -m explainer script.py`, through real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import tfexplain_cmd

ENV = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", NO_COLOR="1")


def run(cmd: list[str], cwd, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=timeout, check=False)


def script(tmp_path, name: str, body: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return path


def test_a_real_tensorflow_error_gets_its_traceback_then_its_diagnosis(tmp_path):
    pytest.importorskip("tensorflow")
    script(
        tmp_path,
        "train.py",
        """
        import sys
        print("argv", sys.argv, __name__)
        import tensorflow as tf

        def step():
            return tf.matmul(tf.ones((2, 2)), tf.ones((3, 2)))

        if __name__ == "__main__":
            step()
        """,
    )
    res = run([*tfexplain_cmd(), "run", "train.py", "--lr", "0.1", "-v", "--format", "x"], tmp_path)
    assert res.returncode == 1
    # Options after the script are the script's, tfexplain's own included.
    assert "argv ['train.py', '--lr', '0.1', '-v', '--format', 'x'] __main__" in res.stdout
    err = res.stderr
    frames = [line for line in err.splitlines() if line.startswith("  File ")]
    assert frames[0].startswith(f'  File "{tmp_path / "train.py"}", line 10, in <module>')  # no runner frames
    assert not any("explainer" in f for f in frames)
    assert err.index("InvalidArgumentError: {{function_node") < err.index("Diagnosis: Matrix multiply")
    assert f"in your code: {tmp_path / 'train.py'}:7 (step)" in err


def test_a_plain_python_error_prints_exactly_what_python_prints(tmp_path):
    script(
        tmp_path,
        "zero.py",
        """
        import sys
        print(sys.argv, __name__, __file__)
        def f(x):
            return x / 0
        f(1)
        """,
    )
    py = run([sys.executable, "zero.py", "a", "-b"], tmp_path)
    tf = run([*tfexplain_cmd(), "run", "zero.py", "a", "-b"], tmp_path)
    assert (tf.returncode, tf.stdout, tf.stderr) == (py.returncode, py.stdout, py.stderr)
    assert "ZeroDivisionError" in tf.stderr


@pytest.mark.parametrize(
    ("body", "code", "stderr"),
    [
        ("print('ok')", 0, ""),
        ("import sys; sys.exit(3)", 3, ""),
        ("raise SystemExit('bad config')", 1, "bad config\n"),
        ("raise SystemExit", 0, ""),
    ],
)
def test_exit_status_is_the_scripts(tmp_path, body, code, stderr):
    script(tmp_path, "s.py", body + "\n")
    res = run([*tfexplain_cmd(), "run", "s.py"], tmp_path)
    assert (res.returncode, res.stderr) == (code, stderr)


def test_python_dash_m_explainer_runs_a_script_and_imports_from_its_folder(tmp_path):
    (tmp_path / "helper.py").write_text("VALUE = 41\n")
    script(
        tmp_path,
        "main.py",
        """
        import sys, pickle
        from helper import VALUE
        class Point:
            pass
        pickle.dumps(Point())  # classes of __main__ pickle, as under python main.py
        print(VALUE + 1, sys.argv[1:])
        raise SystemExit(int(sys.argv[1]))
        """,
    )
    res = run([sys.executable, "-m", "explainer", str(tmp_path / "main.py"), "4"], tmp_path.parent)
    assert (res.returncode, res.stdout) == (4, "42 ['4']\n")


def test_a_missing_script_is_a_usage_error(tmp_path):
    res = run([*tfexplain_cmd(), "run", "nope.py"], tmp_path)
    assert res.returncode == 2
    assert res.stderr.startswith("tfexplain:") and "Traceback" not in res.stderr


def test_a_script_run_under_tfexplain_keeps_pythons_whole_shutdown(tmp_path):
    # The console script ends explain with os._exit to skip interpreter teardown; a user's
    # script must still see its finalizers and atexit handlers run, as under `python`.
    script(
        tmp_path,
        "final.py",
        """
        import atexit

        class Resource:
            def __del__(self):
                print("finalized", flush=True)

        keep = Resource()
        atexit.register(print, "atexit ran")
        """,
    )
    res = run([*tfexplain_cmd(), "run", "final.py"], tmp_path)
    assert res.returncode == 0
    assert "atexit ran" in res.stdout and "finalized" in res.stdout


def test_the_quick_exit_flushes_everything_and_keeps_the_status():
    example = (Path(__file__).resolve().parent.parent / "examples" / "matmul.txt").read_text()
    res = subprocess.run([*tfexplain_cmd(), "-f", "json"], input=example, capture_output=True, text=True, check=False)
    assert res.returncode == 0
    assert json.loads(res.stdout)["confident"] is True  # the whole document arrived
    res = subprocess.run([*tfexplain_cmd()], input="", capture_output=True, text=True, check=False)
    assert res.returncode == 2 and res.stderr.startswith("tfexplain: ")

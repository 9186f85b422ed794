"""Snippet runner used by `verify`: imports TensorFlow once, runs many snippets.

Protocol: one JSON object per line on stdin (`{"path": ...}`), one JSON
object per line on stdout. The snippet's own prints go to a buffer so they
cannot corrupt the protocol.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import sys
import tempfile
import time
import traceback

MAX_OUTPUT = 20_000


def _snippet_traceback(exc: BaseException, path: str) -> str:
    """The traceback as `python broken.py` would print it (runner frames cut off)."""
    tb = exc.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != path:
        tb = tb.tb_next
    if tb is not None:
        exc = exc.with_traceback(tb)
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def _reset_keras() -> None:
    """Fresh layer-name counters, so messages read as in a standalone run."""
    keras = sys.modules.get("keras")
    if keras is not None:
        with contextlib.suppress(Exception):
            keras.backend.clear_session()


def run(path: str) -> dict:
    path = os.path.abspath(path)
    _reset_keras()
    out = io.StringIO()
    start = time.perf_counter()
    cwd = os.getcwd()
    result: dict = {"path": path, "ok": True}
    with tempfile.TemporaryDirectory(prefix="tfexplain-") as tmp:
        os.chdir(tmp)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                runpy.run_path(path, run_name="__main__")
        except BaseException as exc:  # the snippet's failure is the data we want
            result.update(
                ok=False,
                type=type(exc).__name__,
                mro=[c.__name__ for c in type(exc).__mro__],
                traceback=_snippet_traceback(exc, path),
            )
        finally:
            os.chdir(cwd)
    result["seconds"] = round(time.perf_counter() - start, 3)
    result["output"] = out.getvalue()[-MAX_OUTPUT:]
    return result


def main() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    versions = {"tensorflow": tf.__version__}
    try:
        import keras

        versions["keras"] = keras.__version__
    except Exception:  # pragma: no cover
        versions["keras"] = None
    protocol = sys.stdout
    sys.stdout = sys.stderr  # anything printed outside a snippet stays off the protocol
    protocol.write(json.dumps({"ready": True, **versions}) + "\n")
    protocol.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        protocol.write(json.dumps(run(job["path"])) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()

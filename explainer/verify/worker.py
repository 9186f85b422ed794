"""Snippet runner used by `verify`: imports TensorFlow once, runs many snippets.

Protocol: one JSON object per line on stdin (`{"path": ...}`), one JSON
object per line on stdout. The snippet's own prints go to a buffer so they
cannot corrupt the protocol.

This file runs as a plain script (`python worker.py`) inside every stack's
virtual environment, where tfexplain itself is not installed: it may import
only the standard library and what the snippets import.

`TFEXPLAIN_KERAS_ALIAS=tf_keras` makes `import keras` in a snippet resolve to
`tf_keras`: on TF >= 2.16 with `TF_USE_LEGACY_KERAS=1`, that is what code
written for `tf.keras` (Keras 2) gets, while a bare `import keras` would still
load the Keras 3 that TensorFlow depends on.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.abc
import importlib.util
import io
import json
import os
import runpy
import sys
import tempfile
import time
import traceback

MAX_OUTPUT = 20_000
#: Optional libraries whose versions a stack reports (entries may require them): key -> distribution.
EXTRAS = {"tf_keras": "tf-keras", "tensorflow_hub": "tensorflow-hub", "transformers": "transformers"}


def _snippet_traceback(exc: BaseException, path: str) -> str:
    """The traceback as `python broken.py` would print it (runner frames cut off)."""
    tb = exc.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != path:
        tb = tb.tb_next
    if tb is not None:
        exc = exc.with_traceback(tb)
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class _KerasAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """`keras` and `keras.x.y` load as `<target>` and `<target>.x.y` (the same module objects)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.specs: dict[str, object] = {}

    def find_spec(self, name, path=None, target=None):
        if name == "keras" or name.startswith("keras."):
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        module = importlib.import_module(self.target + spec.name[len("keras") :])
        self.specs[spec.name] = module.__spec__
        return module

    def exec_module(self, module) -> None:
        # the import system stamped our alias spec on the real module: give it back its own
        for spec in self.specs.values():
            if getattr(spec, "name", None) == module.__name__:
                module.__spec__ = spec


def _alias_keras(target: str) -> None:
    for name in [n for n in sys.modules if n == "keras" or n.startswith("keras.")]:
        del sys.modules[name]
    sys.meta_path.insert(0, _KerasAlias(target))


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


def versions() -> dict:
    """What this interpreter runs snippets with (`keras` = what `import keras` gives them)."""
    import platform

    import numpy
    import tensorflow as tf

    found = {"tensorflow": tf.__version__, "numpy": numpy.__version__, "python": platform.python_version()}
    try:
        import keras

        found["keras"] = keras.__version__
    except Exception:  # pragma: no cover - a stack without Keras
        found["keras"] = None
    from importlib import metadata

    for key, dist in EXTRAS.items():  # libraries only some stacks have, read without importing them
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[key] = metadata.version(dist)
    return found


def main() -> None:
    if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
        del sys.path[0]  # the script's folder holds tfexplain modules, not snippet imports
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    alias = os.environ.get("TFEXPLAIN_KERAS_ALIAS")
    if alias:
        _alias_keras(alias)
    found = versions()
    protocol = sys.stdout
    sys.stdout = sys.stderr  # anything printed outside a snippet stays off the protocol
    protocol.write(json.dumps({"ready": True, **found}) + "\n")
    protocol.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        protocol.write(json.dumps(run(job["path"])) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()

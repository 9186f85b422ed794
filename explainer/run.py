"""`tfexplain run script.py [args...]` / `python -m explainer script.py`: run a script as
`python script.py` would, with the hooks installed, so an uncaught exception
prints its usual traceback and then its diagnosis.

The script gets its own `sys.argv`, runs as `__main__` with its folder first
on `sys.path`, and its exit status is the one Python would give: 0, the
`sys.exit()` code, 1 after an uncaught exception, 130 after Ctrl-C. The
traceback starts at the script's own frame, as Python's does; the runner's
frames are cut.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import sys
from types import ModuleType, TracebackType


def _from_script(tb: TracebackType | None, script: str) -> TracebackType | None:
    """The traceback from the script's first frame on (the runner's own frames dropped)."""
    current = tb
    while current is not None:
        if os.path.abspath(current.tb_frame.f_code.co_filename) == script:
            return current
        current = current.tb_next
    return tb


def _exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def run_script(path: str, args: list[str], fmt: str = "text", kb: tuple[str, ...] = ()) -> int:
    """Run `path` as the main program; its exit status."""
    from .hooks import install, uninstall

    script = os.path.abspath(path)
    if not os.path.isfile(script):
        print(f"tfexplain: can't open file {path!r}: no such file", file=sys.stderr)
        return 2
    saved_argv, saved_path0 = sys.argv[:], sys.path[0] if sys.path else None
    sys.argv = [path, *args]
    if sys.path:
        sys.path[0] = os.path.dirname(script)
    else:
        sys.path.insert(0, os.path.dirname(script))
    main = ModuleType("__main__")
    main.__file__ = script
    main.__builtins__ = builtins  # type: ignore[attr-defined]
    saved_main = sys.modules.get("__main__")
    install(fmt, kb)
    try:
        with open(script, "rb") as fh:  # bytes: compile() honours a coding cookie, as Python does
            code = compile(fh.read(), script, "exec")
        sys.modules["__main__"] = main  # pickle and `if __name__ == "__main__"` see the script
        exec(code, main.__dict__)
    except SystemExit as exc:
        return _exit_code(exc)
    except BaseException as exc:
        exc = exc.with_traceback(_from_script(exc.__traceback__, script))
        sys.excepthook(type(exc), exc, exc.__traceback__)
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        uninstall()
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
        sys.argv = saved_argv
        if saved_path0 is not None and sys.path:
            sys.path[0] = saved_path0
    return 0

"""`sys.excepthook` and `threading.excepthook`: the usual traceback, then the diagnosis."""

from __future__ import annotations

import sys
import threading

from .policy import hook_text

_previous: dict[str, object] = {}


def _write(text: str) -> None:
    if not text:
        return
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write("\n" + text)
        stream.flush()
    except Exception:  # a closed or broken stderr: nothing more to say
        pass


def install(fmt: str = "text", kb: tuple[str, ...] = (), threads: bool = True) -> None:
    """Explain every uncaught exception after Python's own traceback (idempotent)."""
    uninstall()
    previous_sys = sys.excepthook
    _previous["sys"] = previous_sys

    def excepthook(exc_type, exc, tb):
        previous_sys(exc_type, exc, tb)
        _write(hook_text(exc, fmt, kb))

    excepthook.tfexplain = True  # type: ignore[attr-defined]
    sys.excepthook = excepthook
    if threads:
        previous_thread = threading.excepthook
        _previous["threading"] = previous_thread

        def thread_hook(args):
            previous_thread(args)
            if args.exc_value is not None:
                _write(hook_text(args.exc_value, fmt, kb))

        thread_hook.tfexplain = True  # type: ignore[attr-defined]
        threading.excepthook = thread_hook


def uninstall() -> None:
    """Put back the hooks that were there before `install()`."""
    if "sys" in _previous:
        sys.excepthook = _previous.pop("sys")  # type: ignore[assignment]
    if "threading" in _previous:
        threading.excepthook = _previous.pop("threading")  # type: ignore[assignment]

"""Hooks that explain errors where they happen: sys.excepthook, IPython, pytest."""

from __future__ import annotations

import contextlib
import sys

_previous_hook = None


def _explain_to_stderr(exc: BaseException, fmt: str, kb: tuple[str, ...]) -> None:
    from . import explain

    text = explain(exc, fmt=fmt, kb=kb)
    diagnosis = getattr(text, "diagnosis", None)
    # Stay quiet for errors tfexplain knows nothing about: the traceback says it all.
    if diagnosis is not None and diagnosis.matches:
        sys.stderr.write("\n" + str(text))


def install_excepthook(fmt: str = "text", kb: tuple[str, ...] = ()) -> None:
    global _previous_hook
    if _previous_hook is None:
        _previous_hook = sys.excepthook

    def hook(exc_type, exc, tb):
        _previous_hook(exc_type, exc, tb)
        if isinstance(exc, Exception):
            with contextlib.suppress(Exception):  # explain() already never raises
                _explain_to_stderr(exc, fmt, kb)

    sys.excepthook = hook


def uninstall_excepthook() -> None:
    global _previous_hook
    if _previous_hook is not None:
        sys.excepthook = _previous_hook
        _previous_hook = None


def _ipython_handler(shell, etype, evalue, tb, tb_offset=None):
    shell.showtraceback((etype, evalue, tb), tb_offset=tb_offset)
    with contextlib.suppress(Exception):
        _explain_to_stderr(evalue, "text", ())


def load_ipython_extension(ipython) -> None:
    ipython.set_custom_exc((Exception,), _ipython_handler)


def unload_ipython_extension(ipython) -> None:
    ipython.set_custom_exc((), None)

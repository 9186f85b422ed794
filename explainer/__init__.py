"""tfexplain: TensorFlow/Keras errors turned into diagnoses you can act on.

    >>> import explainer
    >>> try:
    ...     model.fit(x, y)
    ... except Exception as exc:
    ...     print(explainer.explain(exc))

Importing this package is cheap: it never imports TensorFlow, and Jinja2 and
rapidfuzz load only when a diagnosis is made.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = [
    "Diagnosis",
    "__version__",
    "diagnose",
    "explain",
    "explaining",
    "install",
    "scan_lines",
    "uninstall",
]

if TYPE_CHECKING:
    from .diagnosis import Diagnosis


def diagnose(error: BaseException | str, kb: tuple[str, ...] = ()) -> Diagnosis:
    """A Diagnosis for an exception object or pasted error text.

    This one may raise (on a bug in tfexplain); `explain` never does.
    """
    from .diagnosis import explain_exception, explain_text

    if isinstance(error, BaseException):
        return explain_exception(error, kb)
    return explain_text(str(error), kb)


class Explanation(str):
    """The rendered text, with the structured Diagnosis at `.diagnosis`."""

    diagnosis: Diagnosis | None = None


def explain(error: BaseException | str | None = None, fmt: str = "text", kb: tuple[str, ...] = ()) -> Explanation:
    """Explain an exception (default: the one being handled) or error text.

    Safe inside `except` blocks: whatever goes wrong in tfexplain itself comes
    back as a one-line note, never as a new exception on top of the user's.
    Only KeyboardInterrupt passes (an exception whose attribute raises
    SystemExit does not end the user's program here), and the text is always
    encodable: lone surrogates become U+FFFD, so `print(explain(e))` cannot
    raise UnicodeEncodeError.
    """
    try:
        if error is None:
            error = sys.exc_info()[1]
            if error is None:
                return Explanation("tfexplain: no exception is being handled\n")
        from .render import render

        diagnosis = diagnose(error, kb)
        if diagnosis.report is None:
            out = Explanation("tfexplain: no error found in the given text\n")
        else:
            out = Explanation(_encodable(render(diagnosis, fmt)))
        out.diagnosis = diagnosis
        return out
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # never raise inside the caller's handler
        return Explanation(_encodable(f"tfexplain: could not explain this error ({_describe(exc)})\n"))


def _encodable(text: str) -> str:
    """`text` with lone surrogates replaced, so any UTF-8 stream can take it."""
    import re

    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def _describe(exc: BaseException) -> str:
    """`Type: message` of an exception whose str() may itself fail."""
    try:
        return f"{type(exc).__name__}: {exc}"[:500]
    except KeyboardInterrupt:
        raise
    except BaseException:
        return type(exc).__name__


def install(fmt: str = "text", kb: tuple[str, ...] = (), threads: bool = True) -> None:
    """Print a diagnosis after the usual traceback of every uncaught exception.

    Covers `sys.excepthook` and (unless `threads=False`) `threading.excepthook`.
    Quiet on errors that are neither TensorFlow/Keras errors nor fitted by an entry.
    """
    from .hooks import install as _install

    _install(fmt, kb, threads)


def uninstall() -> None:
    """Restore the hooks that were there before `install()`."""
    from .hooks import uninstall as _uninstall

    _uninstall()


def load_ipython_extension(ipython) -> None:
    """`%load_ext explainer` in IPython/Jupyter."""
    from .hooks import load_ipython_extension as _load

    _load(ipython)


def unload_ipython_extension(ipython) -> None:
    from .hooks import unload_ipython_extension as _unload

    _unload(ipython)


def __getattr__(name: str):
    """`explaining` and `scan_lines` load their modules on first use, keeping `import explainer` cheap."""
    if name == "explaining":
        from .hooks.context import explaining

        return explaining
    if name == "scan_lines":
        from .scan import scan_lines

        return scan_lines
    if name == "Diagnosis":
        from .diagnosis import Diagnosis

        return Diagnosis
    raise AttributeError(f"module 'explainer' has no attribute {name!r}")

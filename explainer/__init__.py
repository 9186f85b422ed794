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
__all__ = ["Diagnosis", "__version__", "diagnose", "explain", "install", "uninstall"]

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


def install(fmt: str = "text", kb: tuple[str, ...] = ()) -> None:
    """Print a diagnosis after every uncaught exception's usual traceback."""
    from .hooks import install_excepthook

    install_excepthook(fmt, kb)


def uninstall() -> None:
    from .hooks import uninstall_excepthook

    uninstall_excepthook()


def load_ipython_extension(ipython) -> None:
    """`%load_ext explainer` in IPython/Jupyter."""
    from .hooks import load_ipython_extension as _load

    _load(ipython)


def unload_ipython_extension(ipython) -> None:
    from .hooks import unload_ipython_extension as _unload

    _unload(ipython)

"""What a hook says about an exception: a diagnosis, one line, or nothing.

Hooks run after errors the user did not ask tfexplain about, so they stay
quiet unless they have something to add: a confident diagnosis, or, for an
error TensorFlow or Keras raised, the two causes that fit it or one line saying
the knowledge base has no entry for it. Whether TensorFlow raised it is decided
from the exception's type and frames, never from a score.
"""

from __future__ import annotations

import re
import sys

_TF_MODULE = re.compile(r"^(?:tensorflow|keras|tf_keras|tensorflow_core)(?:\.|$)")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and those it was raised from or during, outermost first; cycles cut."""
    out: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(out) < 32:
        seen.add(id(current))
        out.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return out


def is_tf_exception(exc: BaseException) -> bool:
    """TensorFlow or Keras raised `exc` or an exception in its chain (by class module or by frame)."""
    for item in _chain(exc):
        if _TF_MODULE.match(type(item).__module__ or ""):
            return True
        tb = item.__traceback__
        last = None
        while tb is not None:
            last = tb
            tb = tb.tb_next
        if last is not None and re.search(
            r"[/\\](?:tensorflow|keras|tf_keras)[/\\]", last.tb_frame.f_code.co_filename or ""
        ):
            return True
    return False


def tf_loaded() -> bool:
    """TensorFlow or Keras is imported in this process (checked without importing anything)."""
    return any(name in sys.modules for name in ("tensorflow", "keras", "tf_keras"))


def worth_showing(diagnosis, tf_error: bool) -> str:
    """'full', 'line' or '' for a finished diagnosis."""
    if diagnosis is None or diagnosis.report is None:
        return ""
    tf_error = tf_error or diagnosis.is_tf_error
    if diagnosis.confident:
        if tf_error or tf_loaded():
            return "full"
        # A plain Python error in a process without TensorFlow: only when it speaks of tensors itself
        # (shapes, ops, dtypes), not `int('x')` matched by an entry about string labels.
        r = diagnosis.report
        return "full" if (r.shapes or r.ops or r.dtypes or r.layer) else ""
    if tf_error:
        # Two causes that both fit a TensorFlow error are worth reading; for anything else, one line.
        return "full" if diagnosis.ambiguous else "line"
    return ""


def one_line(diagnosis) -> str:
    error = diagnosis.report.type or "error"
    return f"tfexplain: no knowledge-base entry fits this {error} (tfexplain --help for what it knows)\n"


def hook_text(exc: BaseException, fmt: str = "text", kb: tuple[str, ...] = (), rewrite=None) -> str:
    """The text a hook prints after `exc`'s traceback ('' for nothing). Never raises.

    `rewrite(diagnosis)` may adjust the diagnosis before it is rendered (IPython
    names its cells there).
    """
    try:
        return _hook_text(exc, fmt, kb, rewrite)[0]
    except Exception:  # a hook must never add an error of its own
        return ""


def _hook_text(exc, fmt, kb, rewrite):
    from ..diagnosis import explain_exception
    from ..render import render

    if not isinstance(exc, Exception):
        return "", None
    diagnosis = explain_exception(exc, kb)
    if rewrite is not None:
        rewrite(diagnosis)
    verdict = worth_showing(diagnosis, is_tf_exception(exc))
    if not verdict:
        return "", diagnosis
    if verdict == "line" and fmt != "json":
        return one_line(diagnosis), diagnosis
    return render(diagnosis, fmt), diagnosis


def hook_diagnosis(exc: BaseException, fmt: str = "text", kb: tuple[str, ...] = (), rewrite=None):
    """(text, diagnosis) like `hook_text`, for surfaces that show the diagnosis object itself."""
    try:
        return _hook_text(exc, fmt, kb, rewrite)
    except Exception:
        return "", None

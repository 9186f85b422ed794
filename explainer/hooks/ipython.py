"""`%load_ext explainer`: diagnoses under IPython's own traceback.

In a notebook the Diagnosis is displayed as rich output (HTML, with Markdown
and a one-line text form beside it); in terminal IPython it is printed as text.
Frames in cells are named the way IPython names them (`Cell In[3], line 5`),
not after the kernel's temporary file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, fields

from ..report import Frame
from .policy import hook_diagnosis


@dataclass
class CellFrame(Frame):
    """A frame in a notebook or IPython cell, located as IPython prints it."""

    @property
    def location(self) -> str:
        return f"{self.file}, line {self.line}" if self.line is not None else self.file


def _cell_namer(shell):
    compiler = getattr(shell, "compile", None)
    format_name = getattr(compiler, "format_code_name", None)

    def rename(frame: Frame | None) -> Frame | None:
        if frame is None or format_name is None:
            return frame
        try:
            named = format_name(frame.file)
        except Exception:
            named = None
        if not named:
            return frame
        values = {f.name: getattr(frame, f.name) for f in fields(Frame)}
        values["file"] = " ".join(named)  # ("Cell", "In[3]") -> "Cell In[3]"
        return CellFrame(**values)

    return rename


def name_cells(shell, diagnosis) -> None:
    """Rewrite the report's frames that point into cells (in place)."""
    report = diagnosis.report if diagnosis is not None else None
    if report is None:
        return
    rename = _cell_namer(shell)
    report.frames = [rename(f) for f in report.frames]
    report.user_frame = rename(report.user_frame)
    for record in report.chain:
        record.frames = [rename(f) for f in record.frames]


def _in_notebook(shell) -> bool:
    return getattr(shell, "kernel", None) is not None


def _handler(shell, etype, evalue, tb, tb_offset=None):
    shell.showtraceback((etype, evalue, tb), tb_offset=tb_offset)
    try:
        notebook = _in_notebook(shell)
        text, diagnosis = hook_diagnosis(evalue, "text", (), rewrite=lambda d: name_cells(shell, d))
        if not text:
            return None
        if notebook and diagnosis is not None and not text.startswith("tfexplain:"):
            from IPython.display import display

            display(diagnosis)
        else:
            sys.stdout.write("\n" + text)
            sys.stdout.flush()
    except Exception:  # never break the user's session
        pass
    return None


def load_ipython_extension(ipython) -> None:
    ipython.set_custom_exc((Exception,), _handler)


def unload_ipython_extension(ipython) -> None:
    ipython.set_custom_exc((), None)

"""Jinja2: entry texts in the user's own values, and the output formats.

Entry templates come from knowledge-base folders that teams write
themselves, so they run in Jinja2's sandbox with lenient undefined values: a
capture that one wording of a message lacks renders as nothing instead of
failing the whole diagnosis.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnosis import Diagnosis

FORMATS = ("text", "markdown", "json")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _shape(value: Any) -> str:
    """[None, 28, 28] -> (None, 28, 28); strings pass through."""
    if isinstance(value, (list, tuple)):
        inner = ", ".join("None" if d is None else str(d) for d in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return str(value)


def _dims(value: Any) -> list[int | None]:
    """'[2,3]', '(None, 5)', '2, 3' or a list -> [2, 3]."""
    if isinstance(value, (list, tuple)):
        return list(value)
    out: list[int | None] = []
    for part in str(value).strip("[]() ").split(","):
        part = part.strip()
        if part:
            out.append(int(part) if part.lstrip("-").isdigit() and not part.startswith("-") else None)
    return out


def _prod(value: Any) -> int | None:
    """Number of elements of a shape; None if any dimension is unknown."""
    dims = _dims(value)
    if any(d is None for d in dims):
        return None
    return math.prod(dims)  # type: ignore[arg-type]


def _first(value: Any) -> Any:
    dims = _dims(value)
    return dims[0] if dims else None


def _last(value: Any) -> Any:
    dims = _dims(value)
    return dims[-1] if dims else None


def _num(value: Any, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


@lru_cache(maxsize=1)
def _sandbox():
    from jinja2 import ChainableUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    # Entry texts are prose: block tags sit inline, so no whitespace trimming.
    env = ImmutableSandboxedEnvironment(undefined=ChainableUndefined, autoescape=False)
    env.filters.update(
        shape=_shape, dims=_dims, prod=_prod, num=_num, first=_first, last=_last
    )
    env.globals.update(max=max, min=min, abs=abs, len=len)
    return env


def compile_template(source: str):
    return _sandbox().from_string(source)


def compile_expression(source: str):
    return _sandbox().compile_expression(source)


def evaluate(expression: str, ctx: dict) -> bool:
    """A boost condition; any failure (missing value, bad arithmetic) is False."""
    try:
        return bool(_compiled_expression(expression)(**ctx))
    except Exception:
        return False


@lru_cache(maxsize=512)
def _compiled_expression(source: str):
    return compile_expression(source)


@lru_cache(maxsize=512)
def _compiled_template(source: str):
    return compile_template(source)


def fill(source: str, ctx: dict) -> str:
    """Render one entry text; a broken template degrades to its raw text."""
    try:
        text = _compiled_template(source).render(**ctx)
    except Exception:
        text = source
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return _BLANK_RUNS.sub("\n\n", text)


# --- output formats -----------------------------------------------------------


def _style(color: bool):
    def style(text: Any, **kw: Any) -> str:
        if not color:
            return str(text)
        import click

        return click.style(str(text), **kw)

    return style


def _highlight(color: bool):
    def highlight(code: str) -> str:
        if not color:
            return code
        from pygments import highlight as pyg
        from pygments.formatters import TerminalFormatter
        from pygments.lexers import PythonLexer

        return pyg(code, PythonLexer(), TerminalFormatter()).rstrip("\n")

    return highlight


def _indent(text: str, width: int = 2) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else line for line in str(text).split("\n"))


@lru_cache(maxsize=2)
def _output_env(color: bool):
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("explainer", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters.update(style=_style(color), highlight=_highlight(color), indent_by=_indent)
    env.filters["shape"] = _shape
    return env


def render(diagnosis: Diagnosis, fmt: str = "text", color: bool = False) -> str:
    """The diagnosis in one of FORMATS."""
    if fmt == "json":
        return json.dumps(diagnosis.to_json(), indent=2, ensure_ascii=False)
    template = _output_env(color and fmt == "text").get_template(f"{fmt}.j2")
    return template.render(d=diagnosis).rstrip() + "\n"


def render_entry(entry_view: dict, fmt: str = "text", color: bool = False) -> str:
    """One knowledge-base entry, for `tfexplain show`."""
    template = _output_env(color and fmt == "text").get_template(f"entry.{fmt}.j2")
    return template.render(e=entry_view).rstrip() + "\n"

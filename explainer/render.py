"""Output formats: a finished Diagnosis as text, Markdown or JSON.

Renderers only read a Diagnosis; the entry texts inside it were already filled
in by the sandboxed templating module.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnosis import Diagnosis

from .templating import format_shape

FORMATS = ("text", "markdown", "json", "html")


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


@lru_cache(maxsize=1)
def _bytecode_cache():
    """Jinja2's own bytecode cache for the output templates (they compile in ~10 ms each)."""
    from jinja2 import FileSystemBytecodeCache

    from .cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    try:
        (folder / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder / "jinja"))


@lru_cache(maxsize=2)
def _output_env(color: bool):
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        bytecode_cache=_bytecode_cache(),
        loader=PackageLoader("explainer", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters.update(style=_style(color), highlight=_highlight(color), indent_by=_indent)
    env.filters["shape"] = format_shape
    return env


@lru_cache(maxsize=1)
def _html_env():
    """Autoescaping environment for HTML: every value from a traceback or an entry is escaped."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from .markup import highlight, is_web_url, markdown

    env = Environment(
        loader=PackageLoader("explainer", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )
    env.filters.update(markdown=markdown, highlight_inline=lambda code: highlight(code, inline_styles=True))
    env.filters["shape"] = format_shape
    env.tests["weburl"] = is_web_url
    return env


def render_html(diagnosis: Diagnosis) -> str:
    """The diagnosis as a self-contained, escaped HTML fragment (Jupyter, `--format html`)."""
    return _html_env().get_template("diagnosis.html.j2").render(d=diagnosis).strip() + "\n"


def render(diagnosis: Diagnosis, fmt: str = "text", color: bool = False) -> str:
    """The diagnosis in one of FORMATS."""
    if fmt == "json":
        return json.dumps(diagnosis.to_dict(), indent=2, ensure_ascii=False)
    if fmt == "html":
        return render_html(diagnosis)
    template = _output_env(color and fmt == "text").get_template(f"{fmt}.j2")
    return template.render(d=diagnosis).rstrip() + "\n"


def render_entry(entry_view: dict, fmt: str = "text", color: bool = False) -> str:
    """One knowledge-base entry, for `tfexplain show`."""
    template = _output_env(color and fmt == "text").get_template(f"entry.{fmt}.j2")
    return template.render(e=entry_view).rstrip() + "\n"

"""Output formats: a finished Diagnosis as text, Markdown or JSON.

Renderers only read a Diagnosis; the entry texts inside it were already filled
in by the sandboxed templating module.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Protocol

from . import rx
from .templating import format_shape


class Diagnosis(Protocol):
    """What the renderers read: a finished diagnosis.Diagnosis. A protocol, so that this module
    does not import the pipeline whose result it renders (data flows one way)."""

    def to_dict(self) -> dict: ...


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


# --- safe output ------------------------------------------------------------------
#
# The parser already drops escape sequences and control characters from the input (parse.clean);
# these are the renderers' own guarantees, whatever a Diagnosis holds: no control character in
# uncoloured text, Markdown or JSON, and Markdown in which nothing from a traceback can open or
# close a code span or fence or become raw HTML.

_CONTROLS = rx.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BACKTICKS = rx.compile(r"`+")
_FENCE_LINE = rx.compile(r"^ {0,3}(`{3,}|~{3,})")
# Raw HTML, autolinks and entities can only start at `<` and `&`; `>` (in "->", ">=") stays readable.
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;"}


def strip_controls(text: str) -> str:
    """`text` without C0 (but tab and newline), DEL and C1 characters."""
    return _CONTROLS.sub("", text)


def _sanitised(value: Any) -> Any:
    """A JSON-able value with every string stripped of control characters."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {strip_controls(str(k)): _sanitised(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_sanitised(v) for v in value]
    return value


def md_code(value: Any) -> str:
    """An inline code span holding `value` verbatim: fenced by more backticks than it contains."""
    text = " ".join(str(value).split("\n"))
    longest = max((len(m.group()) for m in _BACKTICKS.finditer(text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def md_fence(value: Any, lang: str = "") -> str:
    """A fenced code block holding `value`; its fence is longer than any backtick run inside."""
    text = str(value)
    longest = max((len(m.group()) for m in _BACKTICKS.finditer(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}"


def _escape_html(text: str) -> str:
    return "".join(_HTML_SPECIAL.get(c, c) for c in text)


def _escape_outside_code_spans(text: str) -> str:
    """Escape & and < except inside code spans (CommonMark: a run of n backticks up to the next run of n)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    # closer[i]: the next run after i of the same length (one backward pass: linear)
    closer: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        n = runs[i][1] - runs[i][0]
        closer[i] = last.get(n)
        last[n] = i
    out, pos, i = [], 0, 0
    while i < len(runs):
        j = closer[i]
        if j is None:
            i += 1
            continue
        out.append(_escape_html(text[pos : runs[i][0]]))
        out.append(text[runs[i][0] : runs[j][1]])
        pos, i = runs[j][1], j + 1
    out.append(_escape_html(text[pos:]))
    return "".join(out)


def md_prose(value: Any) -> str:
    """Entry prose (filled with the user's values) for Markdown: no raw HTML outside code.

    Code spans and fenced blocks are kept as written; everywhere else & and < are
    escaped, so a `<script>` from a traceback is shown, never run, by whatever
    renders the Markdown.
    """
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in str(value).split("\n"):
        if fence is not None:
            out.append(line)
            m = _FENCE_LINE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = None
            continue
        m = _FENCE_LINE.match(line)
        if m:
            if prose:
                out.append(_escape_outside_code_spans("\n".join(prose)))
                prose = []
            fence = m.group(1)
            out.append(line)
            continue
        prose.append(line)
    if prose:
        out.append(_escape_outside_code_spans("\n".join(prose)))
    return "\n".join(out)


def md_link(url: Any) -> str:
    """A reference as an autolink when it is a plain web URL, else as escaped text."""
    text = str(url)
    if text.startswith(("https://", "http://")) and not any(c.isspace() or c in "<>" for c in text):
        return f"<{text}>"
    return md_prose(text)


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
    env.filters.update(code=md_code, fence=md_fence, prose=md_prose, link=md_link)
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
        return json.dumps(_sanitised(diagnosis.to_dict()), indent=2, ensure_ascii=False)
    if fmt == "html":
        return render_html(diagnosis)
    template = _output_env(color and fmt == "text").get_template(f"{fmt}.j2")
    out = template.render(d=diagnosis).rstrip() + "\n"
    # Coloured text carries our own escape sequences; its values were cleaned by the parser.
    return out if color and fmt == "text" else strip_controls(out)


def render_entry(entry_view: dict, fmt: str = "text", color: bool = False) -> str:
    """One knowledge-base entry, for `tfexplain show`."""
    template = _output_env(color and fmt == "text").get_template(f"entry.{fmt}.j2")
    out = template.render(e=entry_view).rstrip() + "\n"
    return out if color and fmt == "text" else strip_controls(out)

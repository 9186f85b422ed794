"""Entry prose and code as safe HTML, for the html renderer and the docs site.

Entry texts are Markdown-flavoured prose (backticks, numbered fix steps) whose
values came from a user's traceback, so they go through markdown-it-py with raw
HTML switched off: whatever the traceback held comes out escaped. Code is
highlighted by Pygments with CSS classes, so one stylesheet serves light and
dark schemes, or with inline styles for a fragment that has no stylesheet
(Jupyter). A leaf module: it imports nothing of explainer.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

#: CSS class of every highlighted code block (Pygments' rules are scoped to it).
CODE_CLASS = "hl"
#: Pygments style of the self-contained fragments (inline styles, light background).
INLINE_STYLE = "default"


def _fence(code: str, lang: str, _attrs: str) -> str:
    return str(highlight(code.rstrip("\n"), lang or "text"))


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    # CommonMark with html=False: raw HTML in the source is shown as text, never interpreted.
    md = MarkdownIt("commonmark", {"html": False, "highlight": _fence})
    md.enable("table")
    return md


def markdown(text: str) -> Markup:
    """Markdown (an entry text) as an HTML fragment; raw HTML is escaped."""
    return Markup(_markdown().render(str(text or "")))


def markdown_tokens(text: str, rewrite_href=None) -> Markup:
    """Markdown as HTML, with every link target passed through `rewrite_href` first."""
    md = _markdown()
    tokens = md.parse(str(text or ""))
    if rewrite_href is not None:
        for token in tokens:
            for child in token.children or ():
                if child.type == "link_open" and child.attrs.get("href"):
                    child.attrs["href"] = rewrite_href(str(child.attrs["href"]))
    return Markup(md.renderer.render(tokens, md.options, {}))


def is_web_url(value: str) -> bool:
    """Only http(s) references become links: a team's entry cannot smuggle in `javascript:`."""
    return str(value).lower().startswith(("https://", "http://"))


@lru_cache(maxsize=8)
def _lexer(language: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None


def highlight(code: str, language: str = "python", inline_styles: bool = False) -> Markup:
    """Code as `<pre class="hl"><code>` with Pygments' CSS classes, or with inline styles
    (`inline_styles`) for a fragment that must look right without a stylesheet."""
    from pygments import highlight as pyg
    from pygments.formatters import HtmlFormatter

    lexer = _lexer(language)
    if lexer is None:
        body = str(escape(code))
    else:
        formatter = HtmlFormatter(nowrap=True, noclasses=inline_styles, style=INLINE_STYLE)
        body = pyg(code, lexer, formatter).rstrip("\n")
    if inline_styles:
        from pygments.styles import get_style_by_name

        background = get_style_by_name(INLINE_STYLE).background_color
        style = f"background:{background};color:#000;padding:.5em;overflow-x:auto"
        return Markup(f'<pre style="{style}"><code>{body}</code></pre>')
    return Markup(f'<pre class="{CODE_CLASS}"><code>{body}</code></pre>')


def pygments_css(style: str) -> str:
    """Pygments' colour rules for one style, scoped to the highlighted blocks."""
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style=style).get_style_defs(f".{CODE_CLASS}")

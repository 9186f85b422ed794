"""Render the whole site into a folder: pages, assets, Pygments CSS, search index."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .pages import entry_path, plan, read_doc
from .search import document, index_script
from .sources import assets_dir, markdown_pages, templates_dir

#: Pygments styles for the light and the dark colour scheme.
LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"


@dataclass
class BuildResult:
    out: Path
    pages: int
    entries: int
    seconds: float
    index_bytes: int


def _environment(templates: Path):
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

    from ..markup import highlight, is_web_url, markdown, markdown_tokens

    env = Environment(
        # the site's own templates first, then the shared macros of the HTML renderer
        loader=ChoiceLoader([FileSystemLoader(str(templates)), PackageLoader("explainer", "templates")]),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(markdown=markdown, highlight=highlight)
    env.globals["markdown_page"] = markdown_tokens
    env.tests["weburl"] = is_web_url
    return env


def _css() -> str:
    from ..markup import pygments_css

    light = pygments_css(LIGHT_STYLE)
    dark = pygments_css(DARK_STYLE)
    head = f"/* Pygments: {LIGHT_STYLE} (light), {DARK_STYLE} (dark) */"
    return f"{head}\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"


def build(out: str | Path, kb_paths: tuple[str, ...] = ()) -> BuildResult:
    """Build the site for the built-in KB (plus `kb_paths`) into `out`, replacing what it held."""
    from .. import __version__
    from .. import kb as kbmod
    from ..entryview import entry_view

    start = time.perf_counter()
    final = Path(out)
    # Build beside the target and swap at the end: a failed build never leaves half a site.
    out = final.parent / f".{final.name}.building"
    if out.exists():
        shutil.rmtree(out)
    knowledge = kbmod.load(kb_paths)
    views = {e.id: entry_view(e, knowledge) for e in knowledge.entries}
    docs = sorted((read_doc(p) for p in markdown_pages()), key=lambda d: d.order)
    site_pages = plan(knowledge, views, docs, kbmod.AREAS)

    shutil.copytree(assets_dir(), out / "assets")
    (out / "assets" / "pygments.css").write_text(_css(), encoding="utf-8")
    documents = [
        document(e, knowledge.causes[e.cause], views[e.id], entry_path(e.id) + "index.html") for e in knowledge.entries
    ]
    index = index_script(documents)
    (out / "assets" / "search-index.js").write_text(index, encoding="utf-8")

    env = _environment(templates_dir())
    for page in site_pages:
        html = env.get_template(page.template).render(
            page=page, href=page.href, root=page.root, version=__version__, **page.context
        )
        target = out / page.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html.strip() + "\n", encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve assets/ as is
    if final.exists():
        shutil.rmtree(final)
    out.rename(final)
    return BuildResult(final, len(site_pages), len(knowledge.entries), time.perf_counter() - start, len(index.encode()))

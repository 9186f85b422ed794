"""Where the site's templates, assets and hand-written pages are.

In a checkout they are `docs/` beside the package; an installed wheel carries
the same folder as the package data `explainer._docs`, like the KB ships as
`explainer._kb`, so `tfexplain site build` works from a wheel too.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def docs_dir() -> Path:
    spec = importlib.util.find_spec("explainer._docs")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "docs"  # pragma: no cover


def templates_dir() -> Path:
    return docs_dir() / "site" / "templates"


def assets_dir() -> Path:
    return docs_dir() / "site" / "assets"


def markdown_pages() -> list[Path]:
    """The hand-written pages: every `docs/*.md`."""
    return sorted(docs_dir().glob("*.md"))

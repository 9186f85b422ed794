"""The knowledge base as a static docs site: `tfexplain site build OUT`.

`pages` lays out what the site holds (one page per area, cause, entry and
hand-written Markdown page, at stable paths), `search` turns the entries into
the offline search index, and `build` renders it all with Jinja2 into a folder
that works from any sub-path and from file://.
"""

from __future__ import annotations

from .build import BuildResult, build

__all__ = ["BuildResult", "build"]

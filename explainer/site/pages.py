"""What the site holds: one page per area, cause, entry and hand-written page.

Every page lives in a folder of its own at a stable path (`entries/<id>/`,
`causes/<id>/`, `areas/<area>/`, `docs/<name>/`) as `index.html`. Links are
relative and name `index.html` explicitly, so the site works from any
sub-path of a web server and from file://, where folders do not resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..kb import KnowledgeBase

_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)
_MD_LINK = re.compile(r"^(?P<name>[\w-]+)\.md(?P<frag>#[\w-]*)?$")
#: How many related entries an entry page lists.
RELATED = 6
#: Hand-written pages in the order of the navigation, with their short labels.
DOC_LABELS = {
    "cli": "CLI",
    "api": "Python API",
    "integrations": "Integrations",
    "writing-entries": "Writing entries",
    "accuracy": "Accuracy",
    "site-search": "Search",
}


@dataclass
class Page:
    """One page: `path` is its folder ("" for the home page, else ending in "/")."""

    path: str
    template: str
    title: str
    context: dict = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.path + "index.html"

    @property
    def root(self) -> str:
        """The relative way back to the site's root from this page."""
        return "../" * self.path.count("/")

    def href(self, target: str) -> str:
        """A relative link from this page to a site path (a folder gets its index.html)."""
        if target == "" or target.endswith("/"):
            target += "index.html"
        return self.root + target


def entry_path(entry_id: str) -> str:
    return f"entries/{entry_id}/"


def cause_path(cause_id: str) -> str:
    return f"causes/{cause_id}/"


def area_path(area: str) -> str:
    return f"areas/{area}/"


def doc_path(name: str) -> str:
    return f"docs/{name}/"


@dataclass
class DocPage:
    """A hand-written Markdown page from docs/."""

    name: str
    title: str
    source: str

    @property
    def label(self) -> str:
        return DOC_LABELS.get(self.name, self.title)

    @property
    def order(self) -> tuple[int, str]:
        names = list(DOC_LABELS)
        return (names.index(self.name) if self.name in names else len(names), self.name)


def read_doc(path: Path) -> DocPage:
    source = path.read_text(encoding="utf-8")
    heading = _HEADING.search(source)
    return DocPage(path.stem, heading.group(1) if heading else path.stem.replace("-", " ").capitalize(), source)


def doc_href_rewriter(names: set[str]):
    """`cli.md#x` between hand-written pages -> `../cli/index.html#x`; other links pass through."""

    def rewrite(href: str) -> str:
        m = _MD_LINK.match(href)
        if m and m.group("name") in names:
            return f"../{m.group('name')}/index.html{m.group('frag') or ''}"
        return href

    return rewrite


def related(entry, knowledge: KnowledgeBase) -> list:
    """Entries of the same cause first, then of the same area, at most RELATED."""
    same_cause = [e for e in knowledge.entries if e.cause == entry.cause and e.id != entry.id]
    same_area = [e for e in knowledge.entries if e.area == entry.area and e.cause != entry.cause]
    return (sorted(same_cause, key=lambda e: e.id) + sorted(same_area, key=lambda e: e.id))[:RELATED]


def plan(knowledge: KnowledgeBase, views: dict[str, dict], docs: list[DocPage], areas: tuple[str, ...]) -> list[Page]:
    """Every page of the site with what its template needs."""
    by_cause: dict[str, list] = {}
    for entry in sorted(knowledge.entries, key=lambda e: e.id):
        by_cause.setdefault(entry.cause, []).append(entry)
    area_list = []
    for area in areas:
        causes = [c for c in knowledge.causes.values() if c.area == area]
        area_list.append(
            {
                "name": area,
                "causes": [{"cause": c, "entries": by_cause.get(c.id, [])} for c in causes],
                "count": sum(len(by_cause.get(c.id, [])) for c in causes),
            }
        )
    common = {"areas": area_list, "docs": docs}
    pages = [Page("", "home.html.j2", "tfexplain: TensorFlow and Keras errors explained", common)]
    for info in area_list:
        pages.append(Page(area_path(info["name"]), "area.html.j2", f"Area: {info['name']}", {**common, "area": info}))
    for cause in knowledge.causes.values():
        pages.append(
            Page(
                cause_path(cause.id),
                "cause.html.j2",
                cause.title,
                {**common, "cause": cause, "entries": by_cause.get(cause.id, [])},
            )
        )
    for entry in knowledge.entries:
        pages.append(
            Page(
                entry_path(entry.id),
                "entry.html.j2",
                entry.title,
                {
                    **common,
                    "entry": entry,
                    "e": views[entry.id],
                    "cause": knowledge.causes[entry.cause],
                    "related": related(entry, knowledge),
                },
            )
        )
    rewrite = doc_href_rewriter({d.name for d in docs})
    for doc in docs:
        pages.append(Page(doc_path(doc.name), "doc.html.j2", doc.title, {**common, "doc": doc, "rewrite": rewrite}))
    return pages

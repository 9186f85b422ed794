"""One knowledge-base entry as a person reads it: `tfexplain show` and the docs site.

An entry's texts are Jinja2 over the values of an error. Read alone they would
show empty slots, so they are filled in with the values of the entry's own
verified broken example: the traceback `tfexplain verify` captured from
`broken.py` (or, for a message-only entry, its first real sample), parsed and
matched like any user's error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .kb import Entry, KnowledgeBase


def _read(path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def example_context(entry: Entry, knowledge: KnowledgeBase) -> dict:
    """The template values of the entry's verified example (empty when it has none)."""
    from .diagnosis import verification_report, verified_info
    from .kb import KnowledgeBase
    from .match import context, rank
    from .parse import parse_text

    result = verification_report(str(entry.path.parent.parent)).get("entries", {}).get(entry.id, {})
    source = result.get("traceback") or (verified_info(entry) or {}).get("message") or ""
    report = parse_text(source) if source else None
    if report is None:
        return {}
    # Only this entry's captures are needed: rank it alone rather than the whole KB.
    matches = rank(report, KnowledgeBase([entry], knowledge.causes))
    return context(report, matches[0].captures if matches else {})


def entry_view(entry: Entry, knowledge: KnowledgeBase) -> dict:
    """An entry rendered in the values of its own verified broken example."""
    from .diagnosis import verified_info
    from .templating import fill

    ctx = example_context(entry, knowledge)
    return {
        "id": entry.id,
        "cause": entry.cause,
        "area": entry.area,
        "title": entry.title,
        "summary": fill(entry.summary, ctx),
        "explanation": fill(entry.explanation, ctx),
        "fix": fill(entry.fix, ctx),
        "references": entry.references,
        "broken_code": _read(entry.broken),
        "fixed_code": _read(entry.fixed),
        "verified": verified_info(entry),
        "message_only": entry.message_only,
    }

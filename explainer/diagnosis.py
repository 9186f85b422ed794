"""parse -> match -> a finished Diagnosis that renderers only read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import kb as kbmod
from .match import Match, context, is_confident, rank
from .parse import parse_exception, parse_text
from .report import Report
from .templating import fill

VERIFICATION_FILE = "verification.json"


@dataclass
class Diagnosis:
    """What tfexplain concluded. `report` is None when the input held no error."""

    report: Report | None
    matches: list[Match] = field(default_factory=list)
    confident: bool = False
    summary: str = ""
    explanation: str = ""
    fix: str = ""
    fixed_code: str = ""
    verified: dict | None = None

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def alternatives(self) -> list[Match]:
        """Other causes worth a look: everything after the best, one per cause."""
        if not self.best:
            return []
        seen = {self.best.entry.cause}
        out = []
        for m in self.matches[1:]:
            if m.entry.cause not in seen:
                seen.add(m.entry.cause)
                out.append(m)
        return out

    @property
    def ambiguous(self) -> bool:
        """A strong best match whose rival of another cause is close behind."""
        if not self.best or not self.alternatives:
            return False
        return not self.confident and self.best.score >= 0.6

    @property
    def exit_code(self) -> int:
        if self.report is None:
            return 2
        return 0 if self.confident else 1

    def to_json(self) -> dict:
        return {
            "error": self.report.to_json() if self.report else None,
            "matches": [
                {
                    "id": m.entry.id,
                    "cause": m.entry.cause,
                    "title": m.entry.title,
                    "score": m.score,
                    "evidence": m.evidence,
                }
                for m in self.matches
            ],
            "confident": self.confident,
            "diagnosis": {
                "summary": self.summary,
                "explanation": self.explanation,
                "fix": self.fix,
                "fixed_example": self.fixed_code,
                "references": self.best.entry.references if self.best else [],
                "verified": self.verified,
            }
            if self.best and self.confident
            else None,
        }


@lru_cache(maxsize=4)
def verification_report(root: str) -> dict:
    """The last `tfexplain verify` results shipped with a knowledge base."""
    path = Path(root) / VERIFICATION_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def verified_info(entry: kbmod.Entry) -> dict | None:
    data = verification_report(str(entry.path.parent.parent))
    result = data.get("entries", {}).get(entry.id)
    if not result:
        return None
    return {
        "ok": result.get("ok", False),
        "tensorflow": data.get("tensorflow"),
        "keras": data.get("keras"),
        "message": result.get("message", ""),
    }


def diagnose(report: Report | None, knowledge: kbmod.KnowledgeBase) -> Diagnosis:
    if report is None:
        return Diagnosis(None)
    matches = rank(report, knowledge)
    diagnosis = Diagnosis(report, matches, is_confident(matches))
    best = diagnosis.best
    if best:
        ctx = context(report, best.captures)
        diagnosis.summary = fill(best.entry.summary, ctx)
        diagnosis.explanation = fill(best.entry.explanation, ctx)
        diagnosis.fix = fill(best.entry.fix, ctx)
        try:
            diagnosis.fixed_code = best.entry.fixed.read_text(encoding="utf-8").strip()
        except OSError:
            diagnosis.fixed_code = ""
        diagnosis.verified = verified_info(best.entry)
    return diagnosis


def explain_text(text: str, kb_paths: tuple[str, ...] = ()) -> Diagnosis:
    return diagnose(parse_text(text), kbmod.load(kb_paths))


def explain_exception(exc: BaseException, kb_paths: tuple[str, ...] = ()) -> Diagnosis:
    return diagnose(parse_exception(exc), kbmod.load(kb_paths))

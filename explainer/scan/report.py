"""A scan's records as a text listing, a Markdown report, or JSON Lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from .records import ScanRecord, ScanSummary

_BACKTICKS = re.compile(r"`+")


def _headline(record: ScanRecord) -> str:
    r = record.diagnosis.report
    head = r.headline[:200] if r is not None else record.signature
    return f"{r.type}: {head}" if r is not None and r.type else head


def _repeats(record: ScanRecord, limit: int = 8) -> str:
    if record.count == 1:
        return "once"
    shown = ", ".join(str(n) for n in record.lines[:limit])
    more = record.count - min(len(record.lines), limit)
    return f"{record.count} times (lines {shown}{f', … +{more} more' if more else ''})"


def _verdict(record: ScanRecord) -> str:
    d = record.diagnosis
    if d.confident and d.best:
        return f"{d.best.entry.id} (cause {d.best.entry.cause}): {d.best.entry.title}"
    if d.is_tf_error:
        return "not diagnosed: no knowledge-base entry fits this TensorFlow/Keras error"
    return "not diagnosed"


def _first_line(text: str) -> str:
    return text.strip().split("\n")[0][:240] if text else ""


def _causes(summary: ScanSummary) -> list[tuple[str, int]]:
    rows = [(cause or "not diagnosed", n) for cause, n in summary.by_cause.most_common()]
    if summary.unlisted_occurrences:
        rows.append(("not listed (past --max-errors)", summary.unlisted_occurrences))
    return rows


def _totals(summary: ScanSummary) -> str:
    return (
        f"{summary.distinct} distinct error(s), {summary.occurrences} occurrence(s) "
        f"in {summary.lines:,} lines of {summary.source}"
    )


def text_report(records: list[ScanRecord], summary: ScanSummary) -> str:
    out: list[str] = []
    for i, rec in enumerate(records, 1):
        r = rec.diagnosis.report
        out.append(f"{i}. {rec.location}  {_headline(rec)}")
        workers = f"  [{', '.join(rec.workers)}]" if rec.workers else ""
        out.append(f"   seen {_repeats(rec)}{workers}")
        if r is not None and r.user_frame:
            uf = r.user_frame
            code = f": {uf.code}" if uf.code else ""
            out.append(f"   in your code: {uf.location}{code}")
        wrapper = rec.diagnosis.wrapper
        if wrapper is not None:
            out.append(f"   which caused: {wrapper.short_type}: {_first_line(wrapper.message)}")
        out.append(f"   -> {_verdict(rec)}")
        if rec.diagnosis.confident and rec.diagnosis.summary:
            out.append(f"      {_first_line(rec.diagnosis.summary)}")
    if summary.unlisted_distinct:
        out.append(
            f"... and {summary.unlisted_distinct} more distinct error(s) "
            f"({summary.unlisted_occurrences} occurrence(s)) not listed (raise --max-errors)"
        )
    out.append("")
    out.append("Summary: " + _totals(summary))
    width = max((len(c) for c, _ in _causes(summary)), default=0)
    out += [f"  {cause:<{width}}  {n}" for cause, n in _causes(summary)]
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    """A Markdown code span that no backtick in `text` can close early."""
    text = text.replace("\n", " ")
    ticks = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (ticks + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or ticks else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_report(records: list[ScanRecord], summary: ScanSummary) -> str:
    out = [f"# tfexplain scan of {_code(summary.source)}", "", _totals(summary) + ".", ""]
    if records:
        out += ["| # | first at | error | count | diagnosis |", "| --- | --- | --- | --- | --- |"]
        for i, rec in enumerate(records, 1):
            d = rec.diagnosis
            verdict = _code(d.best.entry.id) if d.confident and d.best else "not diagnosed"
            where, error = _cell(_code(rec.location)), _cell(_code(_headline(rec)[:120]))
            out.append(f"| {i} | {where} | {error} | {rec.count} | {verdict} |")
        out.append("")
    for i, rec in enumerate(records, 1):
        d, r = rec.diagnosis, rec.diagnosis.report
        out += [f"## {i}. {d.best.entry.title if d.confident and d.best else 'Not diagnosed'}", ""]
        out.append(f"- **Error:** {_code(_headline(rec))}")
        if d.wrapper is not None:
            out.append(f"- **Which caused:** {_code(d.wrapper.short_type + ': ' + _first_line(d.wrapper.message))}")
        out.append(f"- **First at:** {_code(rec.location)}, seen {_repeats(rec, 20)}")
        if rec.workers:
            out.append(f"- **Workers:** {', '.join(_code(w) for w in rec.workers)}")
        if r is not None and r.user_frame:
            code = f": {_code(r.user_frame.code)}" if r.user_frame.code else ""
            out.append(f"- **In your code:** {_code(r.user_frame.location)}{code}")
        if d.confident and d.best:
            out.append(f"- **Entry:** {_code(d.best.entry.id)}, cause {_code(d.best.entry.cause)}")
            out += ["", d.summary.strip(), "", "**Fix**", "", d.fix.strip()]
            if d.best.entry.references:
                out += ["", "**References:** " + ", ".join(f"<{u}>" for u in d.best.entry.references)]
        else:
            out += ["", "No knowledge-base entry fits this error with confidence."]
        out.append("")
    if summary.unlisted_distinct:
        out += [
            f"*{summary.unlisted_distinct} more distinct error(s) ({summary.unlisted_occurrences} occurrence(s)) "
            "were counted but not listed (`--max-errors`).*",
            "",
        ]
    if records or summary.unlisted_occurrences:
        out += ["## By cause", "", "| cause | occurrences |", "| --- | --- |"]
        out += [f"| {_code(c) if c[0].isalnum() and ' ' not in c else c} | {n} |" for c, n in _causes(summary)]
    return "\n".join(out).rstrip() + "\n"


def json_lines(records: Iterable[ScanRecord]) -> Iterable[str]:
    """One JSON object per distinct error, one per line."""
    for rec in records:
        yield json.dumps(rec.to_dict(), ensure_ascii=False)

"""Rank knowledge-base entries for a Report, and decide whether to trust the best.

Scoring is additive and explainable: every point an entry earns comes with a
reason (`Match.evidence`), which `--format json` exposes, so a wrong ranking
can be debugged from the output alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import rx
from .kb import Cause, Entry, KnowledgeBase, normalise
from .report import Report

#: An entry needs this score to be presented as the diagnosis.
CONFIDENT = 0.6
#: ...and must lead the best entry of another cause by this much.
MARGIN = 0.08
#: The lead needed over a cause that prints the same message (a template's `shared_with`).
SHARED_MARGIN = 0.3

W_PATTERN = 0.55
W_TYPE = 0.1
W_TYPE_MISMATCH = -0.15
W_OP = 0.1
W_PHRASE = 0.08
MAX_PHRASES = 3
W_CODE = 0.15
W_FUZZY = 0.3
#: Entries scored on fuzzy likeness alone, besides those whose patterns, phrases or ops fit.
FUZZY_CANDIDATES = 12
#: How many shorter-than-the-message examples get the costly partial_ratio (see similarities).
PARTIAL_BUDGET = 256


@dataclass
class Match:
    entry: Entry
    score: float
    captures: dict[str, str] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    #: One of the entry's patterns or message templates matched the message itself:
    #: only such entries may be offered as causes that fit (fuzzy likeness is not enough).
    hit: bool = False
    #: Why this match may rank first but cannot be confident (facts the paste lacks).
    doubts: list[str] = field(default_factory=list)
    #: Causes that print the very message this entry's patterns matched (a template's
    #: `shared_with`): the message alone cannot tell this entry from them.
    shared: frozenset[str] = frozenset()


def similarities(fuzzy_text: str, kb: KnowledgeBase, exact: frozenset[int] = frozenset()) -> list[float]:
    """Per entry, the best similarity (0..1) of the message to one of its examples.

    One vectorised rapidfuzz call per scorer over the examples of the
    knowledge base: a message much longer than an example (a traceback
    around it) is compared with partial_ratio, others with ratio.
    partial_ratio costs some 20 us an example, ten times ratio, so past
    PARTIAL_BUDGET examples only the ones plain ratio ranks closest, and those
    of the `exact` entries (the prefilter's candidates, whose score needs the
    true value), get it: explaining stays flat as the knowledge base grows.
    """
    from rapidfuzz import fuzz, process

    best = [0.0] * len(kb)
    if not fuzzy_text or not kb.examples:
        return best
    n = len(fuzzy_text)
    short = [(i, ex) for i, ex in kb.examples if n > len(ex) * 1.5]
    whole = [(i, ex) for i, ex in kb.examples if n <= len(ex) * 1.5]
    if len(short) > PARTIAL_BUDGET:
        rough = process.extract(fuzzy_text, [ex for _, ex in short], scorer=fuzz.ratio, limit=PARTIAL_BUDGET)
        keep = {k for _c, _v, k in rough} | {k for k, (i, _ex) in enumerate(short) if i in exact}
        short = [short[k] for k in sorted(keep)]
    for group, scorer in ((short, fuzz.partial_ratio), (whole, fuzz.ratio)):
        if not group:
            continue
        # extract() with limit=None scores every choice in C, without NumPy (cdist needs it)
        for _choice, value, k in process.extract(
            fuzzy_text, [ex for _, ex in group], scorer=scorer, limit=None, score_cutoff=30
        ):
            i = group[k][0]
            if value > best[i]:
                best[i] = float(value)
    return [b / 100.0 for b in best]


#: Kinds of Keras layers, told apart by class or by the name Keras gives them (`lstm_1`, `conv2d_3`).
_LAYER_KINDS = (
    ("rnn", rx.compile(r"conv_?lstm|lstm|gru|simple_?rnn|\brnn|bidirectional|cudnn")),
    ("conv", rx.compile(r"conv|pool|separable|depthwise")),
    ("embedding", rx.compile(r"embedding")),
    ("attention", rx.compile(r"attention")),
    ("dense", rx.compile(r"dense|linear")),
    ("flatten", rx.compile(r"flatten")),
    ("reshape", rx.compile(r"reshape")),
    ("concat", rx.compile(r"concat")),
    ("normalization", rx.compile(r"normali[sz]ation|batch_?norm|layer_?norm")),
    ("input", rx.compile(r"input_?layer|^input")),
)


def layer_kind(report: Report) -> str:
    """'rnn', 'conv', 'embedding', ... for the layer the error names, '' when none is named."""
    for name in (report.layer_class, report.layer):
        if not name:
            continue
        low = name.lower()
        for kind, pat in _LAYER_KINDS:
            if pat.search(low):
                return kind
    return ""


def context(report: Report, captures: dict[str, str]) -> dict:
    """What entry templates and boost expressions can see.

    The report's facts first; an entry's own captures fill in what the parser
    did not find (a template's `{layer:name}` when the report has no layer)
    and add the rest.
    """
    uf = report.user_frame
    facts = {
        "layer_kind": layer_kind(report),
        **report.values,
        "error_type": report.type,
        "message": report.core_message,
        "ops": report.ops,
        "nodes": report.nodes,
        "shapes": report.shapes,
        "dtypes": report.dtypes,
        "layer": report.layer,
        "layer_class": report.layer_class,
        "arguments": report.arguments,
        "user_code": report.user_code,
        "functions": [f.function for f in report.frames if f.function],
        "files": [f.file for f in report.frames],
        "user_frame": uf,
        "user_line": uf.code if uf else None,
    }
    for key, value in captures.items():
        if key not in facts or facts[key] in (None, "", [], {}):
            facts[key] = value
        elif key in report.values:
            facts[key] = value  # the entry's own reading of the message is the finer one
    return facts


_CODE_NAMES = frozenset({"user_code", "user_line"})


def only_about_code(expression: str) -> bool:
    """Whether a boost condition reads the user's code and nothing of the message."""
    from .templating import variables

    names = variables(expression)
    return bool(names) and names <= _CODE_NAMES


def score_entry(
    entry: Entry, report: Report, message: str, sim: float, causes: dict[str, Cause] | None = None
) -> Match | None:
    """`causes` (the cause registry) names, in words, a cause that prints the same message."""
    from .templating import evaluate

    rules = entry.rules
    code_text = "\n".join(report.user_code)
    low = message.lower()
    code_low = code_text.lower()
    for pat in rules.exclude:
        if pat.search(message, low) or pat.search(code_text, code_low):
            return None
    score, evidence, captures = 0.0, [], {}
    supported = False  # a fact beyond the message's wording speaks for the entry
    hits = [(p, m) for p in rules.patterns if (m := p.search(message, low))]
    if hits:
        score += W_PATTERN
        first = hits[0][0]
        evidence.append(
            f"message matches template {first.template[:70]!r}"
            if first.template
            else f"message matches /{first.source[:60]}/"
        )
        for _p, m in hits:
            for key, value in m.groupdict().items():
                if value is not None and key not in captures:
                    captures[key] = value
    phrases = [p for p in rules.phrases if p in low][:MAX_PHRASES]
    if phrases:
        score += W_PHRASE * len(phrases)
        evidence.append("mentions " + ", ".join(repr(p) for p in phrases))
    if rules.exceptions and report.type:
        if report.type in rules.exceptions or any(rec.short_type in rules.exceptions for rec in report.chain):
            score += W_TYPE
            evidence.append(f"exception type {report.type}")
        else:
            score += W_TYPE_MISMATCH
    if rules.ops:
        have = {o.lower() for o in report.ops} | {part.lower() for node in report.nodes for part in node.split("/")}
        common = [o for o in rules.ops if o.lower() in have]
        if common:
            score += W_OP
            evidence.append("op " + common[0])
    if rules.code:
        hay = code_text + "\n" + message
        hay_low = hay.lower()
        hit = next((p for p in rules.code if p.search(hay, hay_low)), None)
        if hit:
            supported = True
            score += W_CODE
            evidence.append(f"your code matches /{hit.source[:40]}/")
    if score <= 0 and sim < 0.3:
        return None
    score += W_FUZZY * sim * sim
    if sim >= 0.6:
        evidence.append(f"{sim:.0%} similar to a known message")
    doubts: list[str] = []
    if rules.boosts and (hits or phrases):
        ctx = context(report, captures)
        for boost in rules.boosts:
            if not report.user_code and only_about_code(boost.when):
                # A rule about the user's code says nothing when the paste shows none: "no
                # .batch( in your code" is not evidence against the entry, so it keeps its rank.
                # But a rule against it exists because a rival cause differs from it only in
                # the code: without the code, the paste cannot single the entry out.
                if boost.score < 0:
                    doubts.append(
                        "the paste shows none of your code, and your code tells this cause from another: "
                        f"\"{boost.reason or boost.when}\""
                    )
                continue
            if not evaluate(boost.when, ctx):
                continue
            score += boost.score
            supported = supported or boost.score > 0
            evidence.append(boost.reason or boost.when)
    shared = frozenset(p.shared_with for p, _m in hits if p.shared_with)
    if shared and not supported:
        others = "; ".join(causes[c].title if causes and c in causes else c for c in sorted(shared))
        doubts.append(
            f"the same message comes from another cause ({others}), and nothing else in the paste "
            "(your code, layer names, shapes) tells the two apart"
        )
    return Match(entry, round(max(score, 0.0), 4), captures, evidence, hit=bool(hits), doubts=doubts, shared=shared)


def rank(report: Report, kb: KnowledgeBase, limit: int = 5) -> list[Match]:
    """Matches for `report`, best first."""
    message = report.core_message or report.message
    if report.type:
        message = f"{report.type}: {message}"
    ops = {o.lower() for o in report.ops} | {part.lower() for node in report.nodes for part in node.split("/")}
    chosen = set(kb.candidates(message.lower(), ops))
    sims = similarities(normalise(message, 600), kb, frozenset(chosen))
    # Entries only fuzzily alike (no pattern, phrase or op in common) still compete for the
    # top places, but only the closest few are loaded and scored.
    chosen.update(sorted(range(len(sims)), key=sims.__getitem__, reverse=True)[:FUZZY_CANDIDATES])
    matches = [m for i in sorted(chosen) if (m := score_entry(kb.entry(i), report, message, sims[i], kb.causes))]
    matches.sort(key=lambda m: (-m.score, m.entry.id))
    return matches[:limit]


def is_confident(matches: list[Match]) -> bool:
    """The best match is strong and no entry of another cause is close behind."""
    if not matches or matches[0].score < CONFIDENT or matches[0].doubts:
        return False
    best = matches[0]
    rival = next((m for m in matches[1:] if m.entry.cause != best.entry.cause), None)
    if rival is None:
        return True
    if rival.entry.cause in best.shared or (rival.hit and best.entry.cause in rival.shared):
        # Both causes print this message: only facts beyond it (layer names, shapes, the
        # user's code, boosts) can separate them, and they must do so clearly.
        return best.score - rival.score >= SHARED_MARGIN
    return best.score - rival.score >= MARGIN

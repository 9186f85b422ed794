"""Knowledge-base patterns on a linear-time engine, with a literal prefilter.

Every pattern of every knowledge base (built-in and team folders alike) is
compiled with RE2, which matches in time linear in the input whatever the
pattern: a pattern RE2 cannot run (backreferences, lookaround) is rejected at
load time with its file and field, instead of being run on Python's
backtracking engine.

RE2 compilation costs about 0.1 ms a pattern, and a compiled `re2.Set` of all
of them costs more than compiling each one, so neither is done on every run.
Instead each pattern carries the literal strings any match must contain
(`required_literals`, computed once when the index is built and cached with
it); at explain time a pattern is compiled only when all its literals occur
in the message. That keeps the cost per run flat as the knowledge base grows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # Python 3.11+
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: Patterns longer than this are refused: nobody writes them by hand.
MAX_PATTERN = 4000
#: RE2's memory budget for one compiled pattern (its default is 8 MiB).
MAX_MEM = 32 << 20
#: Literals shorter than this prefilter too little to be worth checking.
MIN_LITERAL = 3


class PatternError(ValueError):
    """A pattern the linear-time engine cannot (or will not) run."""


@lru_cache(maxsize=1)
def _options():
    import re2

    opts = re2.Options()
    opts.log_errors = False  # RE2 would print parse errors to stderr itself
    opts.max_mem = MAX_MEM
    return opts


@lru_cache(maxsize=4096)
def compile_re2(source: str):
    """The RE2 object for `source` (cached for the process); PatternError if RE2 refuses it."""
    import re2

    if len(source) > MAX_PATTERN:
        raise PatternError(f"pattern is longer than {MAX_PATTERN} characters")
    try:
        return re2.compile(source, options=_options())
    except Exception as exc:  # re2.error, with bytes as its message
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(f"RE2 cannot compile it ({reason})") from None


def _literal_runs(items, out: list[str], current: list[str]) -> None:
    """Walk a parsed pattern; collect literal runs that every match must contain."""

    def flush() -> None:
        if current:
            out.append("".join(current))
            current.clear()

    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            ch = chr(arg)
            if ch.isspace():
                flush()
            else:
                current.append(ch)
        elif name == "SUBPATTERN":
            sub = arg[-1]
            _literal_runs(sub, out, current)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = arg
            flush()
            if low >= 1:
                _literal_runs(sub, out, current)
                flush()
        elif name == "AT":
            continue
        else:  # IN, ANY, BRANCH, NOT_LITERAL, CATEGORY, ...: nothing certain
            flush()
    # the caller flushes at the end


def _branch_literals(items) -> tuple[str, ...]:
    out: list[str] = []
    current: list[str] = []
    _literal_runs(items, out, current)
    if current:
        out.append("".join(current))
    keep = sorted({s.lower() for s in out if len(s) >= MIN_LITERAL}, key=len, reverse=True)
    return tuple(keep[:3])


def _sequence_alts(items, depth: int = 0) -> tuple[tuple[str, ...], ...]:
    """Alternatives for a sequence: its own literals, else those of an alternation in it."""
    single = _branch_literals(items)
    if single:
        return (single,)
    if depth > 4:
        return ()
    for op, arg in items:
        node = list(arg[-1]) if str(op) == "SUBPATTERN" else [(op, arg)]
        if len(node) == 1 and str(node[0][0]) == "BRANCH":
            branches = [_sequence_alts(list(b), depth + 1) for b in node[0][1][1]]
            if all(branches):
                alts = tuple(a for b in branches for a in b)
                return alts if len(alts) <= 32 else ()
    return ()


def required_literals(source: str) -> tuple[tuple[str, ...], ...]:
    """Alternatives of lower-cased literals: a match contains every literal of one alternative.

    A pattern's literal runs outside any alternation make one alternative; a
    pattern with none there but an alternation whose every branch has some
    (`a|b|c`, as the `code` rules are, or `(?:Out of memory|ran out of memory) ...`)
    gets one alternative per branch. An empty tuple means "no prefilter".
    Comparing lower-cased literals with the lower-cased text keeps
    case-insensitive patterns safe. An over-approximation is safe (the pattern
    is then compiled and tried); missing a literal is not, so anything unclear
    contributes nothing.
    """
    try:
        parsed = _sre_parse.parse(source)
    except (re.error, RecursionError, OverflowError):
        return ()
    if parsed.state.flags & re.VERBOSE:
        return ()
    items = list(parsed)
    while len(items) == 1 and str(items[0][0]) == "SUBPATTERN":
        items = list(items[0][1][-1])  # (?i)(...) or a group around the whole pattern
    return _sequence_alts(items)


def literals_present(alternatives: tuple[tuple[str, ...], ...], lowered: str) -> bool:
    """Whether every literal of one alternative occurs in the lower-cased text."""
    return any(all(lit in lowered for lit in alt) for alt in alternatives)


@dataclass
class Pattern:
    """One knowledge-base pattern: its source, where it came from, and its prefilter."""

    source: str
    where: str
    literals: tuple[tuple[str, ...], ...] = ()
    #: The catalogue template it was built from, if any (see catalogue.py).
    template: str = ""
    #: The other cause that prints the same message, if the template says so (see catalogue.py).
    shared_with: str = ""

    def may_match(self, lowered: str) -> bool:
        return not self.literals or literals_present(self.literals, lowered)

    def search(self, text: str, lowered: str | None = None):
        """An RE2 match object or None; skips RE2 entirely when a required literal is absent."""
        if lowered is not None and not self.may_match(lowered):
            return None
        return compile_re2(self.source).search(text)


def make_pattern(source: str, where: str, template: str = "") -> Pattern:
    """Validate and describe one pattern; PatternError names what is wrong."""
    if not isinstance(source, str) or not source:
        raise PatternError("pattern must be a non-empty string")
    compile_re2(source)
    return Pattern(source, where, required_literals(source), template)

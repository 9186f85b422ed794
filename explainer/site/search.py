"""The offline search index: what a pasted error fragment is matched against.

Each entry becomes one document whose fields hold the words its error really
has: the real messages it was written from (`[match] examples`), the message
its broken example printed when it was last verified (on every stack of the
verification matrix), the real samples of a
message-only entry, its key phrases, its title and its cause. The browser
indexes these with MiniSearch (BM25, OR of the query's terms) when the page
loads, which for a knowledge base of this size takes milliseconds. The data is
a `<script>` file rather than JSON fetched at run time, so search works from
file:// too, where browsers refuse fetch().

Why MiniSearch and not Pagefind: see docs/site-search.md (measured on the
corpus of real errors, `python3 benchmarks/site_search.py`).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..kb import Cause, Entry

#: Field weights; `messages` carries the words a pasted error shares with an entry.
BOOST = {
    "messages": 3.0,
    "patterns": 1.0,
    "signals": 1.0,
    "phrases": 2.0,
    "title": 1.5,
    "cause": 1.0,
    "summary": 0.5,
}
#: A message longer than this adds little but index size.
MAX_MESSAGE = 1500
# Regex syntax around the literal words of a pattern: named groups, escapes, classes, counts.
_REGEX_SYNTAX = re.compile(r"\(\?P<\w+>|\(\?[:=!]|\\[dswDSWbBAZ]|\[[^\]]*\]|\{\d*,?\d*\}")
# TensorFlow's wrapper around eager errors: it names the device, not the error.
_FUNCTION_NODE = re.compile(r"\{\{function_node [^}]*\}\}")
_WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")


def pattern_words(patterns) -> str:
    """The literal words of an entry's message patterns (TF/Keras format strings, across versions)."""
    words: list[str] = []
    for pattern in patterns:
        # a compiled `re.Pattern`, or the KB's own pattern object (`source`, and the
        # TF/Keras format string it was built from as `template`), or a plain string
        source = getattr(pattern, "source", None) or getattr(pattern, "pattern", None) or pattern
        words += _WORD.findall(_REGEX_SYNTAX.sub(" ", str(source)).replace("\\", ""))
        words += _WORD.findall(str(getattr(pattern, "template", "") or ""))
    return " ".join(dict.fromkeys(words))


def document(entry: Entry, cause: Cause, view: dict, url: str) -> dict:
    """One entry as a search document (`url` is relative to the site's root)."""
    messages = list(entry.rules.examples)
    verified = view.get("verified") or {}
    # the message of the last verification, and how every stack of the matrix words it
    messages += [verified.get("message") or ""] + [str(s.get("message") or "") for s in verified.get("stacks") or ()]
    messages += [str(s.get("text", "")) for s in entry.samples if isinstance(s, dict)]
    seen: set[str] = set()
    messages = [_FUNCTION_NODE.sub(" ", m) for m in messages if m]
    unique = [m[:MAX_MESSAGE] for m in messages if not (m in seen or seen.add(m))]
    return {
        "id": entry.id,
        "url": url,
        "title": entry.title,
        "area": entry.area,
        "cause": cause.title,
        "causeId": cause.id,
        "messages": "\n".join(unique),
        "phrases": " ; ".join(entry.rules.phrases),
        "patterns": pattern_words(entry.rules.patterns),
        "signals": " ; ".join(cause.signals),
        "summary": view.get("summary", "")[:400],
    }


def index_script(documents: list[dict]) -> str:
    """The index as a script that sets a global: loadable by <script> on file:// too."""
    payload = {"boost": BOOST, "documents": documents}
    # ensure_ascii keeps U+2028/2029 out of the JavaScript source; `<` as \u003c means the data
    # cannot close a <script> element even if someone inlines it.
    data = json.dumps(payload, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")
    return "window.TFEXPLAIN_SEARCH = " + data + ";\n"

"""TensorFlow's and Keras's message templates, as data.

A knowledge-base entry lists the format strings that print its error, copied
from the sources of TensorFlow (C++ kernels' `errors::InvalidArgument(...)`,
Python `raise ...(f"...")`) and Keras (Keras 1/2, tf.keras, tf-keras, Keras 3),
each with its source file and the versions that print it:

    [[match.message]]
    template = "Received a label value of {label:int} which is outside the valid range of [{low:int}, {high:int})"
    source = "tensorflow/core/kernels/sparse_xent_op.cc"
    versions = "TF 1.0 - 2.21"

A template becomes an RE2 pattern whose named groups are its slots: literal
text matches itself, with any run of white space matching any other with
quotes optional and interchangeable (Python's repr picks ' or " by content,
and some versions drop them), and with the first letter in either case (issue
titles retype it); `{{` and `}}` are literal braces. Because the
same template also generates messages (`instantiate`), the test suite can
check that every wording, with any slot values, reaches its entry — a wording
seen in no corpus is still recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import rx

if TYPE_CHECKING:
    import random

#: Slot kind -> (RE2 sub-pattern, description for docs).
SLOT_KINDS: dict[str, str] = {
    # Unbounded repeats on purpose: RE2 is linear whatever the input, while a counted
    # repeat such as {0,600} is expanded into 600 copies and makes every search slow.
    "int": r"-?\d+",
    "num": r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|nan|inf|-inf",
    "dims": r"[\w?\s,.-]*",
    "shape": r"(?:TensorShape\(\[[\w?\s,.-]*\]\)|\[[\w?\s,.-]*\]|\([\w?\s,.-]*\)|<unknown>)",
    "name": r"[\w.:/<>\-]+",
    "dtype": r"(?:<dtype: )?['\"]?(?:tf\.|np\.|numpy\.|torch\.)?\w+['\"]?>?",
    "path": r"[^\s'\"]+",
    "list": r"[\[(][^\n]*?[\])]",
    "text": r"[^\n]*?",
    "line": r"[^\n]*",
}
_SLOT = rx.compile(r"\{(?P<name>[A-Za-z_]\w*)(?::(?P<kind>\w+))?\}")
_QUOTES = "'\"`"
_IDENT = rx.compile(r"^[A-Za-z_]\w*$")


class TemplateError(ValueError):
    """A template that cannot be turned into a pattern."""


@dataclass(frozen=True)
class Message:
    """One message template of TensorFlow or Keras."""

    template: str
    source: str
    versions: str
    type: str = ""
    #: Another cause whose errors TensorFlow prints with this very format string: the
    #: message alone cannot tell them apart, other facts must.
    shared_with: str = ""


def _pieces(template: str) -> list[tuple[str, str, str]]:
    """('lit', text, '') and ('slot', name, kind) pieces, `{{`/`}}` unescaped."""
    out: list[tuple[str, str, str]] = []
    pos = 0
    text = template
    buf: list[str] = []
    while pos < len(text):
        if text.startswith("{{", pos) or text.startswith("}}", pos):
            buf.append(text[pos])
            pos += 2
            continue
        m = _SLOT.match(text, pos) if text[pos] == "{" else None
        if m:
            if buf:
                out.append(("lit", "".join(buf), ""))
                buf = []
            kind = m.group("kind") or "text"
            if kind not in SLOT_KINDS:
                raise TemplateError(f"unknown slot kind {kind!r} (known: {', '.join(SLOT_KINDS)})")
            out.append(("slot", m.group("name"), kind))
            pos = m.end()
            continue
        if text[pos] in "{}":
            raise TemplateError(f"lone {text[pos]!r} at {pos}: write {{{{ or }}}} for a literal brace")
        buf.append(text[pos])
        pos += 1
    if buf:
        out.append(("lit", "".join(buf), ""))
    return out


def _literal(text: str, before_slot: bool = False) -> str:
    """A literal piece; white space before a slot may be absent (the slot may be empty)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            while i < len(text) and text[i].isspace():
                i += 1
            out.append(r"\s*" if before_slot and i == len(text) else r"\s+")
            continue
        if ch in _QUOTES:
            out.append("['\"`]?")
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


#: A sentence ends at . ; ! or ? and white space ("... found ndim=2. Full shape ..."), never at an
#: abbreviation: "[2,3] vs. [3,2]" is one statement whose second shape is the point.
_SENTENCE_END = rx.compile(r"(?<=[.;!?])(?<!\bvs\.)(?<!e\.g\.)(?<!i\.e\.)(?<!etc\.)\s+(?=\S)")


_WRAPPER = "Exception encountered when calling"


def to_pattern(template: str) -> str:
    """The RE2 source for a template (first occurrence of a slot name captures it).

    Users paste messages cut short (an issue title, a log line clipped at its
    first sentence), so once a slot has been seen, every later sentence is
    optional: `A {x}. B. C` matches `A 3`, `A 3. B` and the whole.
    """
    pieces = _pieces(template)
    if not any(kind == "lit" and text.strip() for kind, text, _ in pieces):
        raise TemplateError("a template needs literal text, not only slots")
    seen: set[str] = set()
    out: list[str] = []
    cuts = 0
    # Keras's wrapper sentence ("Exception encountered when calling X.call().") says nothing
    # about the error: a paste cut right after it is no instance of this template, so the
    # cut rule starts with the first slot after it.
    wrapped = template.startswith(_WRAPPER)
    cut_ok = False
    for i, (kind, text, slot_kind) in enumerate(pieces):
        if kind == "lit":
            lit = text
            head = ""
            if i == 0 and lit[:1].isalpha() and lit[:1].lower() != lit[:1].upper():
                # Titles and retyped messages often start in the other case.
                head, lit = f"[{lit[0].upper()}{lit[0].lower()}]", lit[1:]
            last = i == len(pieces) - 1
            parts = _SENTENCE_END.split(lit) if cut_ok else [lit]
            if wrapped and _SENTENCE_END.search(text):
                wrapped = False
            for j, part in enumerate(parts):
                if j:
                    out.append(r"(?:\s+")
                    cuts += 1
                ends_sentence = j < len(parts) - 1 or (last and part.endswith("."))
                if ends_sentence and part[-1:] in ".;!?":
                    # a final period comes and goes, and so does one where the paste was cut
                    out.append((head if j == 0 else "") + _literal(part[:-1]) + re.escape(part[-1]) + "?")
                else:
                    out.append((head if j == 0 else "") + _literal(part, before_slot=not last))
            continue
        sub = SLOT_KINDS[slot_kind]
        cut_ok = cut_ok or not wrapped
        if text in seen:
            out.append(f"(?:{sub})")
        else:
            seen.add(text)
            out.append(f"(?P<{text}>{sub})")
    return "".join(out) + ")?" * cuts


def slots(template: str) -> list[tuple[str, str]]:
    return [(name, kind) for k, name, kind in _pieces(template) if k == "slot"]


# --- generating messages (for the property test and the docs) ----------------

_WORDS = ("dense", "lstm_1", "conv2d_3", "input_layer", "my_model", "embedding", "x", "decoder/out")


def _value(kind: str, rng: random.Random) -> str:
    if kind == "int":
        return str(rng.choice([0, 1, 2, 3, 5, 7, 10, 16, 32, 64, 100, 128, 300, 512, 1000, 4096]))
    if kind == "num":
        return rng.choice(["0.5", "1e-07", "3", "nan", "12.25"])
    dims = [rng.choice(["None", "32", "10", "3", "128", "1", "7"]) for _ in range(rng.randint(1, 4))]
    if kind == "dims":
        return ",".join(d if d != "None" else "?" for d in dims) if rng.random() < 0.5 else ", ".join(dims)
    if kind == "shape":
        style = rng.random()
        if style < 0.4:
            return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"
        if style < 0.8:
            return "[" + ",".join(d if d != "None" else "?" for d in dims) + "]"
        return "[" + ", ".join(dims) + "]"
    if kind == "name":
        return rng.choice(_WORDS)
    if kind == "dtype":
        return rng.choice(["float32", "int32", "int64", "string", "float64", "bool"])
    if kind == "path":
        return rng.choice(["/tmp/model/ckpt-3", "weights.h5", "C:\\runs\\model.keras", "./ckpt/model"])
    if kind == "list":
        return rng.choice(["['a', 'b']", "[1, 2, 3]", "(2, 3)"])
    return rng.choice(["foo", "an extra detail", "x=1", ""])


def instantiate(template: str, rng: random.Random, values: dict[str, str] | None = None) -> str:
    """A message printed by `template`, slot values drawn at random (or given)."""
    chosen: dict[str, str] = dict(values or {})
    out = []
    for kind, text, slot_kind in _pieces(template):
        if kind == "lit":
            out.append(text)
        else:
            if text not in chosen:
                chosen[text] = _value(slot_kind, rng)
            out.append(chosen[text])
    return "".join(out)


def parse_messages(raw: object, where: str, problems: list[str]) -> list[Message]:
    """`[[match.message]]` tables -> Messages; every fault is named with its field."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}: `message` must be an array of tables ([[match.message]])")
        return []
    out: list[Message] = []
    for i, item in enumerate(raw):
        at = f"{where} message[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{at}: must be a table")
            continue
        bad = False
        for key in ("template", "source", "versions"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                problems.append(f"{at}: `{key}` is required (a non-empty string)")
                bad = True
        for key in ("type", "shared_with"):
            if key in item and not isinstance(item[key], str):
                problems.append(f"{at}: `{key}` must be a string")
                bad = True
        unknown = set(item) - {"template", "source", "versions", "type", "shared_with"}
        if unknown:
            problems.append(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
            bad = True
        if bad:
            continue
        try:
            to_pattern(item["template"])
            for name, _kind in slots(item["template"]):
                if not _IDENT.match(name):
                    raise TemplateError(f"slot name {name!r} is not an identifier")
        except TemplateError as exc:
            problems.append(f"{at}: `template`: {exc}")
            continue
        out.append(
            Message(
                item["template"], item["source"], item["versions"], item.get("type", ""), item.get("shared_with", "")
            )
        )
    return out

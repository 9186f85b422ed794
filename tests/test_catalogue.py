"""Every message template of the catalogue, instantiated with random slot values,
reaches its own entry's cause — so a wording seen in no corpus is still recognised.

The generated message is fed through the whole explain path (parse -> match),
once as a bare message line (how users paste issue titles), once with the
exception type that raises it (`type` of the template, else the entry's first
exception), and once as the last line of a short traceback.
"""

from __future__ import annotations

import random

import pytest

from explainer import catalogue
from explainer import kb as kbmod
from explainer.diagnosis import diagnose
from explainer.parse import parse_text

KB = kbmod.load()
TEMPLATES = [(e, m) for e in KB.entries for m in e.rules.messages]
ROUNDS = 6


def _causes(text: str) -> tuple[list[str], bool]:
    d = diagnose(parse_text(text), KB)
    causes: list[str] = []
    for m in d.matches:
        if m.entry.cause not in causes:
            causes.append(m.entry.cause)
    return causes, d.confident


def _declared_sharers(cause: str, text: str) -> set[str]:
    """Causes with a template that matches `text` and declares it shared with `cause`."""
    from explainer.patterns import compile_re2

    return {
        e.cause
        for e, m in TEMPLATES
        if m.shared_with == cause and compile_re2(catalogue.to_pattern(m.template)).search(text)
    }


def test_the_catalogue_is_not_empty():
    assert len(TEMPLATES) >= len(KB.entries), "every entry should list its message templates"


def test_every_entry_has_a_template():
    missing = sorted(e.id for e in KB.entries if not e.rules.messages)
    assert not missing, f"entries without [[match.message]]: {missing}"


@pytest.mark.parametrize(("entry", "message"), TEMPLATES, ids=[f"{e.id}:{i}" for i, (e, _m) in enumerate(TEMPLATES)])
def test_template_instances_reach_their_cause(entry, message):
    rng = random.Random(f"{entry.id}:{message.template}")
    exc_type = message.type or (entry.rules.exceptions[0] if entry.rules.exceptions else "")
    failures = []
    for i in range(ROUNDS):
        text = catalogue.instantiate(message.template, rng)
        variants = [f"{exc_type}: {text}" if exc_type else text]
        if i % 2 == 0:
            variants.append(
                'Traceback (most recent call last):\n  File "train.py", line 12, in <module>\n    model.fit(x, y)\n'
                + variants[0]
            )
        for variant in variants:
            causes, confident = _causes(variant)
            if message.shared_with:
                # A format string two causes print: both must fit, and only other facts may decide.
                fits = entry.cause in causes[:2] and message.shared_with in causes[:3]
                if not fits or (confident and causes[0] not in (entry.cause, message.shared_with)):
                    failures.append(f"{variant[:200]!r} -> {causes[:3]} (shared with {message.shared_with})")
            elif causes[:1] != [entry.cause]:
                sharers = _declared_sharers(entry.cause, variant)
                if not (causes[:1] and causes[0] in sharers and entry.cause in causes[:2]):
                    failures.append(f"{variant[:200]!r} -> {causes[:3]}")
    assert not failures, "\n".join(failures)


def test_each_template_matches_what_it_generates():
    """The pattern built from a template matches every instance of it (with any quoting)."""
    from explainer.patterns import compile_re2

    rng = random.Random(7)
    for entry, message in TEMPLATES:
        regex = compile_re2(catalogue.to_pattern(message.template))
        for _ in range(5):
            text = catalogue.instantiate(message.template, rng)
            assert regex.search(text), (entry.id, message.template, text)
            assert regex.search(text.replace("'", '"')), (entry.id, message.template)


def test_template_syntax_errors_are_named():
    problems: list[str] = []
    raw = [
        {"template": "Unknown {x:weird} kind", "source": "a.py", "versions": "all"},
        {"template": "lone { brace", "source": "a.py", "versions": "all"},
        {"template": "{only_a_slot}", "source": "a.py", "versions": "all"},
        {"template": "fine {n:int}", "versions": "all"},
    ]
    assert catalogue.parse_messages(raw, "x.toml: [match]", problems) == []
    text = "\n".join(problems)
    assert "message[0]: `template`: unknown slot kind 'weird'" in text
    assert "message[1]: `template`: lone '{'" in text
    assert "message[2]: `template`: a template needs literal text" in text
    assert "message[3]: `source` is required" in text


def test_slots_capture_the_values():
    from explainer.patterns import compile_re2

    t = "Received a label value of {label:int} which is outside the valid range of [{low:int}, {high:int})."
    m = compile_re2(catalogue.to_pattern(t)).search(
        "Received a label value of 12 which is outside the valid range of [0, 10).  Label values: 1 12"
    )
    assert m.groupdict() == {"label": "12", "low": "0", "high": "10"}
    shape_t = "Input 0 of layer \"{layer:name}\" is incompatible with the layer: expected shape={expected:shape}, found shape={found:shape}"
    m = compile_re2(catalogue.to_pattern(shape_t)).search(
        'Input 0 of layer "dense" is incompatible with the layer: expected shape=(None, 784), found shape=(32, 28, 28)'
    )
    assert m.group("layer") == "dense" and m.group("expected") == "(None, 784)" and m.group("found") == "(32, 28, 28)"


def test_a_message_cut_after_a_sentence_still_matches():
    from explainer.patterns import compile_re2

    t = "Token indices sequence length is longer than the specified maximum sequence length for this model ({length:int} > {model_max:int}). Running this sequence through the model will result in indexing errors"
    regex = compile_re2(catalogue.to_pattern(t))
    cut = "token indices sequence length is longer than the specified maximum sequence length for this model (1017 > 512)"
    assert regex.search(cut).groupdict() == {"length": "1017", "model_max": "512"}
    assert regex.search(cut + ". Running this sequence through the model will result in indexing errors")
    # before the first slot nothing is optional: a bare prefix is not this message
    assert not regex.search("Token indices sequence length is longer than the specified maximum")


def test_an_abbreviation_is_not_the_end_of_a_sentence():
    # "vs." joins the two shapes the message is about: the second one may not go missing, or
    # "[{b},{u}] vs. [{b},{t},{u}]" would match every broadcast error of two 2-D tensors.
    from explainer.patterns import compile_re2

    regex = compile_re2(catalogue.to_pattern("Incompatible shapes: [{b:int},{u:int}] vs. [{b:int},{t:int},{u:int}]"))
    assert regex.search("Incompatible shapes: [32,12] vs. [32,998,12]")
    assert not regex.search("Incompatible shapes: [10000,200] vs. [128,200]")
    hint = catalogue.to_pattern("No file at {path:path}. Try a suffix (e.g. the '-1' in 'ckpt-1').")
    assert hint.count("(?:") == 1  # one optional sentence after the slot, not one more after "e.g."


@pytest.mark.parametrize(("entry", "message"), TEMPLATES, ids=[f"{e.id}:{i}" for i, (e, _m) in enumerate(TEMPLATES)])
def test_a_diagnosis_never_shows_an_empty_slot(entry, message):
    """Whatever the message leaves out, the summary reads as prose: no `` nor Reshape(())."""
    from explainer.diagnosis import explain_text

    rng = random.Random(f"summary:{entry.id}:{message.template}")
    for _ in range(3):
        text = catalogue.instantiate(message.template, rng)
        d = explain_text(f"{message.type}: {text}" if message.type else text)
        if d.best is None or d.best.entry.id != entry.id:
            continue  # ranking is the other test's business
        for hole in ("``", "(())", "[]`", " , ", "for ,"):
            assert hole not in d.summary, (text, d.summary)


def test_keras_wrapper_sentence_alone_is_no_instance_of_a_wrapped_template():
    # "Exception encountered when calling X.call()." wraps every error raised in a layer: a slot
    # inside it must not make the rest of the template optional.
    from explainer.patterns import compile_re2

    t = "Exception encountered when calling {attn:text}Attention.call(). Dimensions must be equal, but are {a:int} and {b:int} for AddV2"
    regex = compile_re2(catalogue.to_pattern(t))
    assert not regex.search("Exception encountered when calling MultiHeadAttention.call(). Dimensions must be equal, but are 10 and 12 for LogicalAnd")
    assert regex.search("Exception encountered when calling MultiHeadAttention.call(). Dimensions must be equal, but are 10 and 12 for AddV2")

"""Property tests: whatever the input, parse -> match -> render holds its contract.

Hypothesis generates random text, random bytes (through the reader the CLI
uses) and mutations of real tracebacks from the corpus (cut, spliced,
duplicated, sprinkled with backticks, escape sequences, NULs, surrogates and
huge digit runs). For each: no exception, every output encodable and free of
control characters, the JSON parses with its contract keys, and the command's
exit status is 0, 1 or 2. The long-running coverage-guided search is fuzz/
(atheris); these run in the suite, so they stay small.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from functools import lru_cache

from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import kb as kbmod
from explainer.diagnosis import diagnose
from explainer.inputs import InputError, read_input
from explainer.parse import parse_text
from explainer.render import render

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

#: Pieces that make the parser and the renderers work hardest.
SPICE = [
    "`",
    "```",
    "~~~",
    "<script>alert(1)</script>",
    "&amp;",
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\x9b2J",
    "\x85",
    "\x00",
    "\udce9",
    "\r",
    "9" * 5000,
    "[" * 300,
    "Traceback (most recent call last):\n",
    '  File "a.py", line 1, in f\n',
    "ValueError: ",
    "During handling of the above exception, another exception occurred:\n",
    "Incompatible shapes: [",
    "{{node a/b}}",
    "Arguments received by Dense.call():\n  \u2022 inputs=",
]


@lru_cache(maxsize=1)
def _knowledge():
    return kbmod.load()


@lru_cache(maxsize=1)
def _corpus() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.json")):
        try:
            texts.append(json.loads(path.read_text(encoding="utf-8"))["text"])
        except (OSError, ValueError, KeyError):
            continue
    return texts


def _check_pipeline(text: str) -> None:
    report = parse_text(text)
    diagnosis = diagnose(report, _knowledge())
    if report is None:
        assert diagnosis.exit_code == 2
        return
    assert diagnosis.exit_code in (0, 1)
    for fmt in ("text", "markdown"):
        out = render(diagnosis, fmt)
        out.encode("utf-8")  # no lone surrogates
        assert not CONTROLS.search(out), (fmt, sorted({hex(ord(c)) for c in CONTROLS.findall(out)}))
    data = json.loads(render(diagnosis, "json"))
    assert set(data) >= {"error", "matches", "confident"}
    assert not any(CONTROLS.search(s) for s in _strings(data))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@st.composite
def mutated_traceback(draw) -> str:
    text = draw(st.sampled_from(_corpus()))
    for _ in range(draw(st.integers(1, 4))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 400)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "spice"]))
        if op == "insert":
            text = text[:i] + draw(st.text(max_size=60)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "truncate":
            text = text[:i]
        else:
            text = text[:i] + draw(st.sampled_from(SPICE)) + text[i:]
    return text


@FAST
@given(st.text(max_size=2000))
def test_random_text_never_breaks_the_pipeline(text):
    _check_pipeline(text)


@FAST
@given(st.lists(st.sampled_from(SPICE) | st.text(max_size=40), max_size=30).map("".join))
def test_spliced_traceback_pieces_never_break_the_pipeline(text):
    _check_pipeline(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(mutated_traceback())
def test_mutated_corpus_tracebacks_never_break_the_pipeline(text):
    _check_pipeline(text)


@FAST
@given(
    st.one_of(
        st.binary(max_size=4000),
        mutated_traceback().map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.tuples(mutated_traceback(), st.sampled_from(["utf-16", "utf-16-be", "utf-32-le"])).map(
            lambda p: p[0].encode(p[1], "replace")
        ),
    )
)
def test_random_bytes_through_the_cli_reader(data):
    try:
        got = read_input(io.BytesIO(data))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    got.text.encode("utf-8")
    _check_pipeline(got.text)


def _run_main(args: list[str], stdin: bytes) -> tuple[int, str, str]:
    """explainer.cli.main() in-process, as the console script runs it: (status, stdout, stderr)."""
    from explainer.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = sys.argv, sys.stdin
    sys.argv, sys.stdin = ["tfexplain", *args], io.TextIOWrapper(io.BytesIO(stdin))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv, sys.stdin = old
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(
    st.one_of(st.binary(max_size=2000), mutated_traceback().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.sampled_from([[], ["-f", "json"], ["-f", "markdown"], ["--color"]]),
)
def test_the_command_exits_0_1_or_2_with_valid_json(data, args):
    code, out, err = _run_main(args, data)
    assert code in (0, 1, 2), (code, err)
    assert "internal error" not in err and "Traceback" not in err
    if code == 2:
        assert out == ""
    elif args[:2] == ["-f", "json"]:
        assert set(json.loads(out)) >= {"error", "matches", "confident"}

"""What came from a traceback cannot drive the terminal, break Markdown or escape explain().

Each test feeds the hostile part through the real pipeline (parse -> match ->
render, or the CLI in a subprocess) and checks the output a person or a
Markdown renderer would get.
"""

from __future__ import annotations

import io
import json
import re

import pytest

import explainer

#: C0 controls but tab and newline, DEL, C1 controls.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = (
    "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07 "  # OSC 8 hyperlink
    "\x1b]0;pwned\x1b\\ "  # OSC window title, ST-terminated
    "\x9b2J\x9b31m "  # C1 CSI: clear screen, red
    "\x1b[2J\x1b[1;1H "  # 7-bit CSI
    "\x85\x07\x08\x7f"  # NEL, BEL, backspace, DEL
)
TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "/home/ada/`evil`/train.py", line 13, in <module>\n'
    "    product = tf.matmul(a, b)  # `<img src=x onerror=alert(1)>`\n"
    "tensorflow.python.framework.errors_impl.InvalidArgumentError: "
    "{{function_node __wrapped__MatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
    f"Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2] {HOSTILE} ` <script>alert(1)</script> ` [Op:MatMul]\n"
)


def _html(markdown: str) -> str:
    """The HTML a CommonMark renderer that allows raw HTML (markdown-it's default) makes of it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown)


# --- terminal and JSON --------------------------------------------------------------


def test_text_output_holds_no_control_characters_from_the_input():
    out = explainer.explain(TRACEBACK)
    assert "Matrix multiply" in out  # still diagnosed
    assert not CONTROLS.findall(out), sorted({hex(ord(c)) for c in CONTROLS.findall(out)})
    assert "evil.example" not in out  # the OSC string went with its escape


def test_json_output_holds_no_control_characters_from_the_input(cli):
    res = cli("-f", "json", stdin=TRACEBACK)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    strings: list[str] = []

    def walk(v):
        if isinstance(v, str):
            strings.append(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(data)
    bad = {hex(ord(c)) for s in strings for c in CONTROLS.findall(s)}
    assert not bad
    assert "Matrix size-incompatible" in data["error"]["message"]


def test_cli_text_output_is_clean_even_when_coloured(cli):
    out = cli("--color", stdin=TRACEBACK).stdout.decode()
    assert "\x1b[" in out  # tfexplain's own colours
    assert "\x9b" not in out and "\x1b]" not in out and "\x07" not in out and "\x1b[2J" not in out


def test_a_live_exception_with_escape_sequences_in_its_message():
    try:
        raise ValueError(f"bad value {HOSTILE} here")
    except ValueError as exc:
        out = explainer.explain(exc)
    assert "bad value" in out
    assert not CONTROLS.findall(out)


# --- encodable text, nothing escapes explain() -------------------------------------------


def test_print_of_an_explanation_with_a_lone_surrogate_never_raises():
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    try:
        raise ValueError("Incompatible shapes: [2] vs. [3] in file caf\udce9.csv")
    except ValueError as caught:
        exc = caught
        out = explainer.explain(exc)
    print(out, file=stream)  # used to raise UnicodeEncodeError
    stream.flush()
    assert "caf\ufffd.csv" in out
    for fmt in ("markdown", "json"):
        explainer.explain(exc, fmt=fmt).encode("utf-8")
    explainer.explain("ValueError: caf\udce9").encode("utf-8")


class ExitingOpError(Exception):
    @property
    def op(self):  # TensorFlow's OpError has `.op`; tfexplain reads it
        raise SystemExit(3)


class ExitingStrError(Exception):
    def __str__(self):
        raise SystemExit(4)


class OddlyNamed(Exception):  # no Error suffix: the parser falls back to str(exc)
    def __str__(self):
        raise SystemExit(5)


class FailingStrError(Exception):
    def __str__(self):
        raise RuntimeError("no str for you")


class ExitingNotesError(Exception):
    @property
    def __notes__(self):
        raise SystemExit(6)


@pytest.mark.parametrize("exc_type", [ExitingOpError, ExitingStrError, OddlyNamed, FailingStrError, ExitingNotesError])
def test_nothing_but_keyboard_interrupt_escapes_explain(exc_type):
    try:
        raise exc_type("Incompatible shapes: [2] vs. [3]")
    except exc_type as exc:
        out = explainer.explain(exc)  # used to raise SystemExit
        diagnosis_type = explainer.explain(exc, fmt="json")
    assert isinstance(out, str) and out
    if exc_type is not OddlyNamed:
        assert exc_type.__name__ in out
    json.loads(diagnosis_type)


def test_keyboard_interrupt_still_passes_through_explain():
    class InterruptingError(Exception):
        @property
        def op(self):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        explainer.explain(InterruptingError("x"))


# --- Markdown -------------------------------------------------------------------


def test_markdown_keeps_the_input_inside_its_code_spans():
    md = explainer.explain(TRACEBACK, fmt="markdown")
    html = _html(md)
    assert "<script" not in html and "<img" not in html  # raw HTML used to reach the page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as code
    assert "<code>/home/ada/`evil`/train.py:13</code>" in html


def test_markdown_prose_filled_with_input_values_has_no_raw_html():
    """A value that closes its entry's code span early still cannot open an HTML tag."""
    from explainer.render import md_prose

    prose = "The layer `" + "x` <script>alert(1)</script> `y" + "` failed & stopped"
    html = _html(md_prose(prose))
    assert "<script" not in html
    assert "&amp; stopped" in html


@pytest.mark.parametrize(
    "text",
    ["plain", "`one`", "``two``", "a ``` b", "`", "ends with `", " spaced ", "x <b>bold</b> & y"],
)
def test_code_spans_hold_any_text_verbatim(text):
    from html import unescape

    from explainer.render import md_code

    html = _html(md_code(text)).strip()

    inner = re.fullmatch(r"<p><code>(.*)</code></p>", html, re.S)
    assert inner, html
    assert unescape(inner.group(1)) == text


@pytest.mark.parametrize("text", ["x = 1", "```\nbreak out\n```", "~~~\nx\n~~~", "````` five", "<script>"])
def test_fenced_blocks_hold_any_code_verbatim(text):
    from markdown_it import MarkdownIt

    from explainer.render import md_fence

    tokens = MarkdownIt("commonmark").parse(md_fence(text, "python"))
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1 and len(tokens) == 1
    assert fences[0].content == text + "\n"

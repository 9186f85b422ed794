"""Atheris (libFuzzer) target: bytes -> the CLI's decode path -> parse -> match -> every renderer.

A finding is any exception other than the one-line `InputError` the CLI turns
into exit 2, a JSON rendering that does not parse, an output that still holds
a control character, or (with libFuzzer's `-timeout=`) an input that takes too
long. See fuzz/README.md for how to run it.
"""

from __future__ import annotations

import io
import json
import sys

import atheris

with atheris.instrument_imports():
    from explainer import kb as kbmod
    from explainer.diagnosis import diagnose
    from explainer.inputs import InputError, read_input
    from explainer.parse import parse_text
    from explainer.render import render

KNOWLEDGE = kbmod.load()
#: C0 (but tab and newline) and C1 controls must never reach the uncoloured output.
_CONTROLS = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]}


def test_one_input(data: bytes) -> None:
    try:
        text = read_input(io.BytesIO(data)).text  # what the CLI reads from stdin or a file
    except InputError:
        return
    report = parse_text(text)
    diagnosis = diagnose(report, KNOWLEDGE)
    if report is None:
        return
    for fmt in ("text", "markdown"):
        out = render(diagnosis, fmt)
        bad = _CONTROLS.intersection(out)
        if bad:
            raise AssertionError(f"{fmt} output holds control characters {sorted(map(hex, map(ord, bad)))}")
        out.encode("utf-8")  # no lone surrogates
    payload = render(diagnosis, "json")
    json.loads(payload)
    if _CONTROLS.intersection(payload):
        raise AssertionError("JSON output holds raw control characters")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

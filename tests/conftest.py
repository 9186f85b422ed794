from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"
SHARED = ROOT.parent / "shared"


def corpus_case(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def corpus_text(name: str) -> str:
    return corpus_case(name)["text"]


def tfexplain_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("tfexplain")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "explainer.cli"]


def run_cli(*args: str, stdin: bytes | str | None = None, env: dict | None = None, timeout: float = 60):
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    full_env = dict(os.environ, NO_COLOR="", **(env or {}))
    return subprocess.run(
        [*tfexplain_cmd(), *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def cli():
    return run_cli

"""ruff is part of the test suite, so CI and the README's one command run it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT


def test_ruff_is_clean():
    try:
        import ruff  # noqa: F401
    except ImportError:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    res = subprocess.run([sys.executable, "-m", "ruff", "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr

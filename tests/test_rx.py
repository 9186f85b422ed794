"""Regex programs kept across runs build exactly the patterns `re.compile` builds, and a bad cache is harmless."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import rx

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "matmul.txt"

_PROBE = """
import re
import explainer.cli, explainer.diagnosis, explainer.render, explainer.workers
from explainer import rx
from explainer.diagnosis import explain_text
explain_text(open({example!r}).read())
cached = [k for k in rx._used]
same = sum(re.compile(p, f) == rx.compile(p, f) for p, f in cached)
print(len(cached), same, rx._dirty)
"""


def _run(tmp_path, example):
    env = {**os.environ, "TFEXPLAIN_CACHE_DIR": str(tmp_path)}
    env.pop("TFEXPLAIN_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(example=str(example))],
        capture_output=True, text=True, env=env, check=True,
    )
    used, same, dirty = out.stdout.split()
    return int(used), int(same), dirty == "True"


def test_second_run_builds_every_pattern_from_the_cache_and_they_equal_re_compile(tmp_path):
    used, same, dirty = _run(tmp_path, EXAMPLE)
    assert used > 50 and dirty  # the first run compiled them and will write them
    assert len(list(tmp_path.glob("regex-programs-*.marshal"))) == 1
    used, same, dirty = _run(tmp_path, EXAMPLE)
    assert not dirty, "the second run should find every program in the cache"
    assert same == used  # Pattern equality compares pattern, flags and program


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("TFEXPLAIN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("TFEXPLAIN_NO_CACHE", raising=False)
    monkeypatch.setattr(rx, "_programs", None)
    monkeypatch.setattr(rx, "_used", set())
    monkeypatch.setattr(rx, "_dirty", True)  # keep save() off the atexit list in tests
    return tmp_path


def test_an_invalid_program_is_dropped_and_the_pattern_compiled_afresh(fresh):
    key = (r"(?P<n>\d+)x", 0)
    rx._load()[key] = (32, [1, 2, 3, 99999], 1, {"n": 1}, (None, "n"))  # not SRE code
    compiled = rx.compile(*key)
    assert compiled == re.compile(*key)
    assert compiled.match("12x").group("n") == "12"


def test_a_truncated_cache_file_is_ignored(fresh):
    path = rx._file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(marshal.dumps({("a", 0): (32, [1], 0, {}, (None,))})[:9])
    assert rx.compile(r"a+b", re.I) == re.compile(r"a+b", re.I)


def test_save_writes_what_the_next_run_reads(fresh):
    rx.compile(r"shape=\((?P<dims>[\d, ]+)\)")
    rx.save()
    rx._programs = None
    rx._load()
    assert (r"shape=\((?P<dims>[\d, ]+)\)", 0) in rx._programs


def test_without_cache_it_is_re_compile(monkeypatch):
    monkeypatch.setenv("TFEXPLAIN_NO_CACHE", "1")
    monkeypatch.setattr(rx, "_programs", None)
    assert rx._file() is None
    assert rx.compile(r"x(y)?", re.M) == re.compile(r"x(y)?", re.M)

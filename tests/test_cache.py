"""The cache of compiled template code: a run reads only what it uses, and a bad file is only a miss."""

from __future__ import annotations

import marshal

import pytest

from explainer import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return tmp_path


def _code(text: str):
    return compile(text, "<test>", "exec")


def test_code_survives_the_process_in_its_own_file(folder):
    cache.CodeCache("t", "salt").put("a", _code("x = 1"))
    fresh = cache.CodeCache("t", "salt")  # what the next run sees
    ns: dict = {}
    exec(fresh.get("a"), ns)
    assert ns["x"] == 1
    assert fresh.get("b") is None
    (sub,) = [p for p in folder.iterdir() if p.is_dir()]
    assert len(list(sub.iterdir())) == 1  # one file per template, not one file of all


def test_another_salt_is_another_cache(folder):
    cache.CodeCache("t", "one").put("a", _code("x = 1"))
    assert cache.CodeCache("t", "two").get("a") is None


def test_truncated_or_foreign_files_are_misses(folder):
    cc = cache.CodeCache("t", "salt")
    cc.put("a", _code("x = 1"))
    (path,) = (folder / cc.name).iterdir()
    path.write_bytes(path.read_bytes()[:7])
    assert cache.CodeCache("t", "salt").get("a") is None
    path.write_bytes(marshal.dumps(("not a", _code("x = 2"))))  # a file for other source text
    assert cache.CodeCache("t", "salt").get("a") is None


def test_turned_off_keeps_codes_in_memory_only(folder, monkeypatch):
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    cc = cache.CodeCache("t", "salt")
    cc.put("a", _code("x = 1"))
    assert cc.get("a") is not None
    assert list(folder.iterdir()) == []


def test_the_folder_is_trimmed_past_its_bound(folder, monkeypatch):
    monkeypatch.setattr(cache.CodeCache, "MAX_CODES", 4)
    cc = cache.CodeCache("t", "salt")
    for i in range(6):
        cc.put(str(i), _code(f"x = {i}"))
    assert 2 <= len(list((folder / cc.name).iterdir())) <= 4

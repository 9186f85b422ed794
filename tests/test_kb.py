"""The knowledge base: registry, coverage, and validation."""

from __future__ import annotations

import sys

import pytest
from conftest import SHARED

from explainer import kb as kbmod

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def registry_ids(path) -> list[str]:
    return [c["id"] for c in tomllib.loads(path.read_text(encoding="utf-8"))["cause"]]


def test_registry_matches_the_shared_one():
    shared = SHARED / "causes.toml"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert registry_ids(kbmod.builtin_kb_dir() / "causes.toml") == registry_ids(shared)


def test_builtin_kb_has_no_faults():
    assert kbmod.check() == []


def test_every_cause_in_the_registry_has_an_entry():
    knowledge = kbmod.load()
    covered = {e.cause for e in knowledge.entries}
    missing = sorted(set(knowledge.causes) - covered)
    assert missing == []


def test_at_most_five_message_only_entries_and_each_says_why():
    only = [e for e in kbmod.load().entries if e.message_only]
    assert len(only) <= 5
    for entry in only:
        assert len(entry.message_only) > 20
        assert len(entry.samples) >= 2
        assert all(s["url"].startswith("https://") for s in entry.samples)


def test_entries_link_official_docs():
    for entry in kbmod.load().entries:
        assert entry.references, entry.id
        assert all(r.startswith("https://") for r in entry.references), entry.id


def test_validation_names_file_and_field(tmp_path):
    folder = tmp_path / "shape" / "Bad_Name"
    folder.mkdir(parents=True)
    (folder / "entry.toml").write_text(
        'id = "Bad_Name"\ncause = "matmul-inner-dim"\ntitle = "t"\nsummary = "{% if %}"\n'
        'explanation = "e"\nfix = "f"\nreferences = []\n[match]\nphrases = ["x"]\n'
    )
    problems = kbmod.check([str(tmp_path)])
    text = "\n".join(problems)
    assert "Bad_Name/entry.toml: field `id` must be lowercase-with-dashes" in text
    assert "field `summary`: template does not compile" in text
    assert "`examples` needs at least one real error message" in text
    assert "field `references` needs at least one documentation URL" in text
    assert "broken.py: file is missing" in text
    assert "[verify] `raises`" in text


def test_a_missing_kb_folder_is_reported():
    assert any("does not exist" in p for p in kbmod.check(["/nonexistent/kb"]))

"""Load and validate knowledge-base folders and the cause registry.

An entry is a folder `<area>/<entry-id>/` holding `entry.toml`, `broken.py`
and `fixed.py`. Validation names the file and the field of every fault, so a
team adding its own entries learns exactly what to change.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Environment variable holding extra knowledge-base folders (os.pathsep-separated).
KB_PATH_ENV = "TFEXPLAIN_KB_PATH"
AREAS = ("padding", "state", "loss", "checkpoint", "shape", "dtype", "api", "resource")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A quantified group that is itself quantified is the usual catastrophic-backtracking shape.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}]\)[+*{]")


class KBError(Exception):
    """One or more faults in a knowledge-base folder."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Cause:
    id: str
    area: str
    title: str
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Boost:
    """Extra evidence: `when` is a Jinja2 expression over the captured values."""

    when: str
    score: float
    reason: str


@dataclass
class Rules:
    exceptions: list[str] = field(default_factory=list)
    patterns: list[re.Pattern] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    code: list[re.Pattern] = field(default_factory=list)
    exclude: list[re.Pattern] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    boosts: list[Boost] = field(default_factory=list)


@dataclass
class Entry:
    id: str
    cause: str
    area: str
    title: str
    path: Path
    rules: Rules
    summary: str
    explanation: str
    fix: str
    references: list[str]
    raises: str = ""
    isolate: bool = False
    timeout: float = 60.0
    message_only: str = ""
    samples: list[dict] = field(default_factory=list)
    builtin: bool = True

    @property
    def broken(self) -> Path:
        return self.path / "broken.py"

    @property
    def fixed(self) -> Path:
        return self.path / "fixed.py"


@dataclass
class KnowledgeBase:
    entries: list[Entry]
    causes: dict[str, Cause]

    def get(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


def builtin_kb_dir() -> Path:
    """The knowledge base shipped with the package (`kb/` in a checkout)."""
    spec = importlib.util.find_spec("explainer._kb")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "kb"  # pragma: no cover


def load_causes(path: Path) -> dict[str, Cause]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    causes: dict[str, Cause] = {}
    for item in data.get("cause", []):
        causes[item["id"]] = Cause(item["id"], item["area"], item["title"], tuple(item.get("signals", ())))
    return causes


def _compile(pattern: str, where: str, problems: list[str], flags: int = 0) -> re.Pattern | None:
    if _NESTED_QUANTIFIER.search(pattern):
        problems.append(f"{where}: nested quantifier may backtrack catastrophically: {pattern!r}")
        return None
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        problems.append(f"{where}: invalid regular expression ({exc}): {pattern!r}")
        return None


def _strings(data: dict, key: str, where: str, problems: list[str]) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: `{key}` must be a list of strings")
        return []
    return value


def _load_entry(
    folder: Path, causes: dict[str, Cause], builtin: bool, problems: list[str], deep: bool = True
) -> Entry | None:
    """One entry; `deep` also compiles its Jinja2 texts and boost conditions.

    Compiling ~400 templates costs most of a second, so the explain path skips
    it (a broken template degrades to its raw text there); `kb check` and
    `verify` always validate deeply.
    """
    toml_path = folder / "entry.toml"
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"{toml_path}: cannot read: {exc}")
        return None
    before = len(problems)

    def need(key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{toml_path}: field `{key}` is required (a non-empty string)")
            return ""
        return value

    entry_id, cause, title = need("id"), need("cause"), need("title")
    if entry_id and not _ID.match(entry_id):
        problems.append(f"{toml_path}: field `id` must be lowercase-with-dashes, got {entry_id!r}")
    if entry_id and entry_id != folder.name:
        problems.append(f"{toml_path}: field `id` ({entry_id!r}) must equal the folder name")
    if cause and cause not in causes:
        problems.append(f"{toml_path}: field `cause`: {cause!r} is not in the cause registry")

    match = data.get("match")
    if not isinstance(match, dict):
        problems.append(f"{toml_path}: table [match] is required")
        match = {}
    where = f"{toml_path}: [match]"
    rules = Rules(
        exceptions=_strings(match, "exceptions", where, problems),
        ops=_strings(match, "ops", where, problems),
        phrases=[p.lower() for p in _strings(match, "phrases", where, problems)],
        examples=_strings(match, "examples", where, problems),
    )
    for key, target, flags in (
        ("patterns", rules.patterns, 0),
        ("code", rules.code, 0),
        ("exclude", rules.exclude, 0),
    ):
        for i, pat in enumerate(_strings(match, key, where, problems)):
            compiled = _compile(pat, f"{where} {key}[{i}]", problems, flags)
            if compiled:
                target.append(compiled)
    if not rules.patterns and not rules.phrases:
        problems.append(f"{where}: needs at least one of `patterns` or `phrases`")
    if not rules.examples:
        problems.append(f"{where}: `examples` needs at least one real error message")

    if deep:
        from .templating import compile_expression, compile_template  # Jinja2 only when validating

    for i, boost in enumerate(match.get("boost", [])):
        bw = f"{where} boost[{i}]"
        try:
            if deep:
                compile_expression(boost["when"])
            rules.boosts.append(Boost(boost["when"], float(boost["score"]), boost.get("reason", "")))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"{bw}: needs `when` (Jinja2 expression) and `score` ({exc})")
        except Exception as exc:  # jinja2.TemplateSyntaxError
            problems.append(f"{bw}: `when` does not compile: {exc}")

    texts = {}
    for key in ("summary", "explanation", "fix"):
        texts[key] = need(key)
        if texts[key] and deep:
            try:
                compile_template(texts[key])
            except Exception as exc:  # jinja2.TemplateSyntaxError
                problems.append(f"{toml_path}: field `{key}`: template does not compile: {exc}")
    references = _strings(data, "references", str(toml_path), problems)
    if not references:
        problems.append(f"{toml_path}: field `references` needs at least one documentation URL")

    verify = data.get("verify", {})
    message_only = str(verify.get("message_only", ""))
    samples = verify.get("sample", [])
    if message_only:
        good = [s for s in samples if isinstance(s, dict) and s.get("url") and s.get("text")]
        if len(good) < 2 or len(good) != len(samples):
            problems.append(
                f"{toml_path}: [verify] a message-only entry needs at least two [[verify.sample]] "
                "tables, each with the `url` and `text` of a real public error"
            )
    else:
        for name in ("broken.py", "fixed.py"):
            if not (folder / name).is_file():
                problems.append(f"{folder / name}: file is missing")
        if not verify.get("raises"):
            problems.append(f"{toml_path}: [verify] `raises` (the exception type) is required")
    if len(problems) > before:
        return None
    return Entry(
        id=entry_id,
        cause=cause,
        area=causes[cause].area,
        title=title,
        path=folder,
        rules=rules,
        summary=texts["summary"],
        explanation=texts["explanation"],
        fix=texts["fix"],
        references=references,
        raises=str(verify.get("raises", "")),
        isolate=bool(verify.get("isolate", False)),
        timeout=float(verify.get("timeout", 60)),
        message_only=message_only,
        samples=samples,
        builtin=builtin,
    )


def load_folder(
    root: Path, causes: dict[str, Cause], builtin: bool, problems: list[str], deep: bool = True
) -> list[Entry]:
    """Every `*/entry.toml` below `root` (two levels: area/entry)."""
    if not root.is_dir():
        problems.append(f"{root}: knowledge-base folder does not exist")
        return []
    entries = []
    for toml_path in sorted(root.glob("*/*/entry.toml")):
        entry = _load_entry(toml_path.parent, causes, builtin, problems, deep)
        if entry:
            if entry.area != toml_path.parent.parent.name and builtin:
                problems.append(
                    f"{toml_path}: folder area {toml_path.parent.parent.name!r} differs from the "
                    f"cause's area {entry.area!r}"
                )
            entries.append(entry)
    return entries


def extra_kb_paths(paths: tuple[str, ...] | list[str] = ()) -> list[Path]:
    env = os.environ.get(KB_PATH_ENV, "")
    extra = [p for p in env.split(os.pathsep) if p]
    return [Path(p).expanduser() for p in (*paths, *extra)]


def load(paths: tuple[str, ...] | list[str] = (), strict: bool = False) -> KnowledgeBase:
    """The built-in knowledge base plus any extra folders.

    With `strict`, any fault raises `KBError`; otherwise faulty entries are
    skipped so one bad team entry cannot stop every diagnosis.
    """
    return _load(tuple(str(p) for p in extra_kb_paths(paths)), strict)


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], strict: bool) -> KnowledgeBase:
    problems: list[str] = []
    root = builtin_kb_dir()
    causes = load_causes(root / "causes.toml")
    entries = load_folder(root, causes, True, problems, deep=strict)
    for p in paths:
        entries += load_folder(Path(p), causes, False, problems, deep=strict)
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in seen:
            problems.append(
                f"{entry.path / 'entry.toml'}: field `id`: {entry.id!r} is already used by "
                f"{seen[entry.id].path / 'entry.toml'}"
            )
        seen.setdefault(entry.id, entry)
    if problems and strict:
        raise KBError(problems)
    return KnowledgeBase(list(seen.values()), causes)


def check(paths: tuple[str, ...] | list[str] = ()) -> list[str]:
    """All faults of the built-in and extra folders (empty when all is well)."""
    try:
        _load.cache_clear()
        _load(tuple(str(p) for p in extra_kb_paths(paths)), True)
    except KBError as exc:
        return exc.problems
    return []

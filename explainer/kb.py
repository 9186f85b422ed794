"""Load and validate knowledge-base folders and the cause registry.

An entry is a folder `<area>/<entry-id>/` holding `entry.toml`, `broken.py`
and `fixed.py`. Validation names the file and the field of every fault, so a
team adding its own entries learns exactly what to change. Team folders are
not trusted: every field is type-checked, only regular files of bounded size
are read, patterns must run on RE2 (linear time), and a faulty entry is
skipped and reported (`KnowledgeBase.skipped`) while the others keep working.
"""

from __future__ import annotations

import importlib.util
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import rx
from .catalogue import Message, parse_messages, to_pattern
from .patterns import Pattern, PatternError, make_pattern

#: Environment variable holding extra knowledge-base folders (os.pathsep-separated).
KB_PATH_ENV = "TFEXPLAIN_KB_PATH"
AREAS = ("padding", "state", "loss", "checkpoint", "shape", "dtype", "api", "resource")
_ID = rx.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Size limits for files read from a knowledge-base folder.
MAX_TOML = 512 * 1024
MAX_SNIPPET = 256 * 1024
MAX_BOOST = 2.0
MAX_TIMEOUT = 3600.0


class KBError(Exception):
    """One or more faults in a knowledge-base folder."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class FileRefused(OSError):
    """A knowledge-base file that is not a regular file of bounded size."""


def read_limited(path: Path, limit: int) -> str:
    """A regular file's text, refusing FIFOs, devices, links to them and oversized files.

    The file is opened non-blocking (a FIFO cannot stall the open) and checked
    with fstat on the opened descriptor, so a swap between check and read
    cannot slip a device in.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"not a regular file: {path}")
        if info.st_size > limit:
            raise FileRefused(f"{path}: {info.st_size} bytes, over the limit of {limit}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileRefused(f"{path}: over the limit of {limit} bytes")
    return data.decode("utf-8")


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
    """How an entry recognises its error. `patterns` holds the entry's own
    patterns followed by those built from its message templates."""

    exceptions: list[str] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    code: list[Pattern] = field(default_factory=list)
    exclude: list[Pattern] = field(default_factory=list)
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
    #: The whole [verify] table, for verification settings beyond the ones above.
    verify: dict = field(default_factory=dict)
    #: A yes/no question whose answer says this entry is the one, when causes share a message
    #: ("Are your labels one-hot vectors?").
    question: str = ""
    #: Where the entry applies: PEP 440 specifiers from [verify] `tensorflow` / `keras` (or a library
    #: only some stacks have: `tf_keras`, `tensorflow_hub`, `transformers`), e.g.
    #: {"keras": "<3"} (empty = every stack); explainer/verify/matrix.py evaluates them per stack.
    applies: dict[str, str] = field(default_factory=dict)

    @property
    def broken(self) -> Path:
        return self.path / "broken.py"

    @property
    def fixed(self) -> Path:
        return self.path / "fixed.py"


_DIGITS = rx.compile(r"\d+")
_SPACE = rx.compile(r"\s+")


def normalise(text: str, limit: int = 400) -> str:
    """Numbers and spacing vary between runs; the wording does not."""
    return _SPACE.sub(" ", _DIGITS.sub("0", text[: limit * 4].lower()))[:limit]


@dataclass
class _Prefilter:
    """Which entries may fit a message, turned inside out: literal, phrase or op -> entries.

    An entry's literals are the prefilter alternatives of all its message patterns
    (see patterns.required_literals); one pattern without any makes the entry a
    candidate for every message.
    """

    always: list[int] = field(default_factory=list)  # a pattern with no literal: always a candidate
    anchors: dict[str, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    phrases: dict[str, list[int]] = field(default_factory=dict)
    ops: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: list[Entry]) -> _Prefilter:
        index = cls()
        for i, entry in enumerate(entries):
            rules = entry.rules
            if not rules.patterns or any(not p.literals for p in rules.patterns):
                index.always.append(i)
            else:
                for alt in (alt for p in rules.patterns for alt in p.literals):
                    anchor = max(alt, key=len) if alt else ""
                    index.anchors.setdefault(anchor, []).append((i, alt))
            for phrase in rules.phrases:
                index.phrases.setdefault(phrase, []).append(i)
            for op in rules.ops:
                index.ops.setdefault(op.lower(), []).append(i)
        return index


class KnowledgeBase:
    """Entries and the cause registry, loaded all at once or one entry at a time.

    Built from TOML, it holds every Entry. Read back from the cached index it
    holds only the prefilter and the normalised examples; an Entry is
    unpickled when it is first needed, so explaining costs about the same
    with ten times the entries (only candidates are loaded and scored).
    """

    def __init__(
        self,
        entries: list[Entry] | None,
        causes: dict[str, Cause],
        skipped: list[str] | None = None,
        examples: list[tuple[int, str]] | None = None,
        *,
        prefilter: _Prefilter | None = None,
        ids: list[str] | None = None,
        loader: Callable[[int], Entry] | None = None,
    ) -> None:
        self.causes = causes
        self.skipped = list(skipped or [])
        self._index = prefilter
        if entries is not None:
            self._entries: list[Entry | None] = list(entries)
            self.ids = [e.id for e in entries]
            self.examples = examples or [(i, normalise(ex)) for i, e in enumerate(entries) for ex in e.rules.examples]
        else:
            assert prefilter is not None and ids is not None and loader is not None
            self._entries = [None] * len(ids)
            self.ids, self.examples = ids, examples or []
        self._loader = loader

    def __len__(self) -> int:
        return len(self.ids)

    def entry(self, i: int) -> Entry:
        found = self._entries[i]
        if found is None:
            assert self._loader is not None
            found = self._entries[i] = self._loader(i)
        return found

    @property
    def entries(self) -> list[Entry]:
        return [self.entry(i) for i in range(len(self.ids))]

    def get(self, entry_id: str) -> Entry | None:
        try:
            return self.entry(self.ids.index(entry_id))
        except ValueError:
            return None

    def candidates(self, lowered: str, ops: set[str]) -> list[int]:
        """Positions of the entries whose patterns, phrases or ops may fit this message."""
        index = self._prefilter()
        found = self._literal_candidates(lowered)
        for phrase, positions in index.phrases.items():
            if phrase in lowered:
                found.update(positions)
        for op in ops:
            found.update(index.ops.get(op, ()))
        return sorted(found)

    def _literal_candidates(self, lowered: str) -> set[int]:
        """Entries one of whose patterns has all its prefilter literals in the text.

        Each alternative is filed under its longest literal (the rarest, as a rule),
        so a message is tested against the distinct anchors once, not against every
        literal of every entry: the cost follows what the message holds, and stays
        nearly flat as the knowledge base grows.
        """
        index = self._prefilter()
        found = set(index.always)
        for anchor, alternatives in index.anchors.items():
            if anchor in lowered:
                for i, alt in alternatives:
                    if i not in found and all(lit in lowered for lit in alt):
                        found.add(i)
        return found

    def _prefilter(self) -> _Prefilter:
        if self._index is None:
            self._index = _Prefilter.of(self.entries)
        return self._index

    def recognises(self, line: str) -> bool:
        """Whether any entry's pattern or message template matches this line.

        The parser asks this of lines it cannot otherwise place (a message
        pasted without its exception type, an issue title, a log excerpt):
        a line the knowledge base recognises holds an error.
        """
        line = line[:4096]
        low = line.lower()
        candidates = sorted(self._literal_candidates(low))
        return any(any(p.search(line, low) for p in self.entry(i).rules.patterns) for i in candidates)

    def to_parts(self) -> tuple[tuple, list[Entry]]:
        """(header, entries) for the cached index; see from_parts. The prefilter is built
        once, with the index, rather than at every start."""
        return (self.causes, self.skipped, self.examples, self.ids, self._prefilter()), self.entries

    @classmethod
    def from_parts(cls, header: tuple, loader: Callable[[int], Entry]) -> KnowledgeBase:
        causes, skipped, examples, ids, prefilter = header
        return cls(None, causes, skipped, examples, prefilter=prefilter, ids=ids, loader=loader)


def builtin_kb_dir() -> Path:
    """The knowledge base shipped with the package (`kb/` in a checkout)."""
    spec = importlib.util.find_spec("explainer._kb")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "kb"  # pragma: no cover


def _toml():
    """tomllib, imported only when TOML is really read (the cached index needs none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def load_causes(path: Path) -> dict[str, Cause]:
    data = _toml().loads(read_limited(path, MAX_TOML))
    causes: dict[str, Cause] = {}
    for item in data.get("cause", []):
        causes[item["id"]] = Cause(item["id"], item["area"], item["title"], tuple(item.get("signals", ())))
    return causes


def _compile(pattern: object, where: str, problems: list[str]) -> Pattern | None:
    try:
        return make_pattern(pattern, where)  # type: ignore[arg-type]
    except PatternError as exc:
        problems.append(f"{where}: {exc}: {pattern!r}"[:600])
        return None


def _strings(data: dict, key: str, where: str, problems: list[str]) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: `{key}` must be a list of strings")
        return []
    return value


def _typed(data: dict, key: str, kind: type | tuple[type, ...], default, where: str, problems: list[str]):
    """data[key] if it has the right type (bools are not numbers here), else a named fault."""
    if key not in data:
        return default
    value = data[key]
    ok = isinstance(value, kind) and not (isinstance(value, bool) and kind in (int, float, (int, float)))
    if not ok:
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        problems.append(f"{where}: `{key}` must be a {names}, got {type(value).__name__} {value!r}"[:300])
        return default
    return value


_MATCH_KEYS = {"exceptions", "patterns", "message", "ops", "phrases", "code", "exclude", "examples", "boost"}
_TOP_KEYS = {"id", "cause", "title", "summary", "explanation", "fix", "references", "match", "verify", "question"}


def _boosts(raw: object, where: str, problems: list[str], deep: bool) -> list[Boost]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}: `boost` must be an array of tables ([[match.boost]])")
        return []
    if deep:
        from .templating import compile_expression  # Jinja2 only when validating
    out = []
    for i, boost in enumerate(raw):
        bw = f"{where} boost[{i}]"
        if not isinstance(boost, dict):
            problems.append(f"{bw}: must be a table with `when`, `score` and `reason`")
            continue
        before = len(problems)
        when = _typed(boost, "when", str, "", bw, problems)
        score = _typed(boost, "score", (int, float), None, bw, problems)
        reason = _typed(boost, "reason", str, "", bw, problems)
        if not when.strip():
            problems.append(f"{bw}: `when` (a Jinja2 expression) is required")
        if score is None:
            problems.append(f"{bw}: `score` (a number) is required")
        elif not -MAX_BOOST <= score <= MAX_BOOST:
            problems.append(f"{bw}: `score` must lie in [-{MAX_BOOST}, {MAX_BOOST}], got {score}")
        if len(problems) > before:
            continue
        if deep:
            try:
                compile_expression(when)
            except Exception as exc:  # jinja2.TemplateSyntaxError and friends
                problems.append(f"{bw}: `when` does not compile: {exc}")
                continue
        out.append(Boost(when, float(score), reason))
    return out


def _load_entry(
    folder: Path, causes: dict[str, Cause], builtin: bool, problems: list[str], deep: bool = True
) -> Entry | None:
    """One entry, or None (with its faults appended to `problems`).

    `deep` also compiles its Jinja2 texts and boost conditions; compiling ~400
    templates costs most of a second, so the explain path skips it (a broken
    template degrades to its raw text there); `kb check` and `verify` always
    validate deeply.
    """
    toml_path = folder / "entry.toml"
    tomllib = _toml()
    try:
        data = tomllib.loads(read_limited(toml_path, MAX_TOML))
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

    unknown = set(data) - _TOP_KEYS
    if unknown:
        problems.append(f"{toml_path}: unknown field(s) {', '.join(sorted(unknown))}")
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
    unknown = set(match) - _MATCH_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    rules = Rules(
        exceptions=_strings(match, "exceptions", where, problems),
        ops=_strings(match, "ops", where, problems),
        phrases=[p.lower() for p in _strings(match, "phrases", where, problems)],
        examples=_strings(match, "examples", where, problems),
        messages=parse_messages(match.get("message"), where, problems),
    )
    for key, target in (("patterns", rules.patterns), ("code", rules.code), ("exclude", rules.exclude)):
        for i, pat in enumerate(_strings(match, key, where, problems)):
            compiled = _compile(pat, f"{where} {key}[{i}]", problems)
            if compiled:
                target.append(compiled)
    for i, message in enumerate(rules.messages):
        if message.shared_with and message.shared_with not in causes:
            problems.append(
                f"{where} message[{i}]: `shared_with`: {message.shared_with!r} is not in the cause registry"
            )
        compiled = _compile(to_pattern(message.template), f"{where} message[{i}] template", problems)
        if compiled:
            compiled.template = message.template
            compiled.shared_with = message.shared_with
            rules.patterns.append(compiled)
    if not rules.patterns and not rules.phrases:
        problems.append(f"{where}: needs at least one of `patterns`, `message` or `phrases`")
    if not rules.examples:
        problems.append(f"{where}: `examples` needs at least one real error message")
    rules.boosts = _boosts(match.get("boost"), where, problems, deep)

    if deep:
        from .templating import compile_template  # Jinja2 only when validating
    texts = {}
    for key in ("summary", "explanation", "fix"):
        texts[key] = need(key)
        if texts[key] and deep:
            try:
                compile_template(texts[key])
            except Exception as exc:  # jinja2.TemplateSyntaxError
                problems.append(f"{toml_path}: field `{key}`: template does not compile: {exc}")
    question = _typed(data, "question", str, "", str(toml_path), problems)
    references = _strings(data, "references", str(toml_path), problems)
    if not references:
        problems.append(f"{toml_path}: field `references` needs at least one documentation URL")

    verify = data.get("verify", {})
    vw = f"{toml_path}: [verify]"
    if not isinstance(verify, dict):
        problems.append(f"{vw} must be a table")
        verify = {}
    message_only = _typed(verify, "message_only", str, "", vw, problems)
    raises = _typed(verify, "raises", str, "", vw, problems)
    isolate = _typed(verify, "isolate", bool, False, vw, problems)
    timeout = _typed(verify, "timeout", (int, float), 60.0, vw, problems)
    if not 0 < timeout <= MAX_TIMEOUT:
        problems.append(f"{vw} `timeout` must lie in (0, {MAX_TIMEOUT:g}] seconds, got {timeout}")
    samples = _typed(verify, "sample", list, [], vw, problems)
    # -- where the entry applies (issue 10: the verification matrix) --
    apply_keys = ("tensorflow", "keras", "tf_keras", "tensorflow_hub", "transformers")  # = verify.matrix.APPLY_KEYS
    applies = {k: verify[k] for k in apply_keys if k in verify}
    for key, spec in applies.items():
        if not isinstance(spec, str):
            problems.append(f'{vw} `{key}` must be a version specifier string such as "<2.16" or ">=3"')
        elif deep:
            from .verify.matrix import check_specifiers

            problems += [f"{vw} {p}" for p in check_specifiers({key: spec})]
    # -- end of applicability --
    if message_only:
        good = [
            s
            for s in samples
            if isinstance(s, dict)
            and isinstance(s.get("url"), str)
            and isinstance(s.get("text"), str)
            and s["url"]
            and s["text"]
        ]
        if len(good) < 2 or len(good) != len(samples):
            problems.append(
                f"{toml_path}: [verify] a message-only entry needs at least two [[verify.sample]] "
                "tables, each with the `url` and `text` of a real public error"
            )
    else:
        for name in ("broken.py", "fixed.py"):
            path = folder / name
            try:
                info = path.stat()
                if not stat.S_ISREG(info.st_mode):
                    problems.append(f"{path}: not a regular file")
                elif info.st_size > MAX_SNIPPET:
                    problems.append(f"{path}: {info.st_size} bytes, over the limit of {MAX_SNIPPET}")
            except OSError:
                problems.append(f"{path}: file is missing")
        if not raises:
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
        raises=raises,
        isolate=isolate,
        timeout=float(timeout),
        message_only=message_only,
        samples=samples,
        builtin=builtin,
        verify=verify,
        applies=applies,
        question=question,
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


def _kb_files(roots: list[Path]) -> list[str]:
    """Every `AREA/ENTRY/entry.toml` under the roots, as strings.

    This runs at every start, for the index's key: os.scandir and plain strings,
    because pathlib objects and a glob cost milliseconds per hundred entries. An
    entry folder without its entry.toml is listed too; the key then records the
    file as missing, which is what it is.
    """
    files: list[str] = []
    for root in map(str, roots):
        files.append(os.path.join(root, "causes.toml"))
        found: list[str] = []
        try:
            with os.scandir(root) as areas:
                folders = [a.path for a in areas if a.is_dir() and not a.name.startswith(".")]
            for area in folders:
                with os.scandir(area) as entries:
                    found += [os.path.join(e.path, "entry.toml") for e in entries if e.is_dir() and e.name[:1] != "."]
        except OSError:
            continue
        files += sorted(found)
    return files


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], strict: bool) -> KnowledgeBase:
    root = builtin_kb_dir()
    if strict:
        return _build(root, paths, strict)
    from . import index

    key = index.content_key(_kb_files([root, *map(Path, paths)]), salt=repr(paths))
    return index.cached_parts(key, lambda: _build(root, paths, strict), KnowledgeBase.from_parts)


def _build(root: Path, paths: tuple[str, ...], strict: bool) -> KnowledgeBase:
    problems: list[str] = []
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
    return KnowledgeBase(list(seen.values()), causes, problems)


def check(paths: tuple[str, ...] | list[str] = ()) -> list[str]:
    """All faults of the built-in and extra folders (empty when all is well)."""
    try:
        _load.cache_clear()
        _load(tuple(str(p) for p in extra_kb_paths(paths)), True)
    except KBError as exc:
        return exc.problems
    return []

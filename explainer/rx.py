"""Python `re` patterns compiled once per machine instead of once per run.

tfexplain's parser holds about ninety regular expressions. `re.compile` parses
each in pure Python, which costs 15-25 ms at every start: a third of all the
work a run of `tfexplain < traceback` does. What the parse produces (the SRE
program: a list of integers, plus the group names) is plain data, so it is
kept in the user's cache directory and handed to `_sre.compile`, which builds
the same pattern object in microseconds.

`_sre.compile` is CPython's own constructor behind `re.compile`; its program
format is tied to the interpreter, so the cache file is named after the exact
Python version and `_sre.MAGIC`, and CPython validates every program it is
given ("invalid SRE code"): a stale, truncated or foreign cache can only make
a pattern compile the ordinary way. On an interpreter without these internals,
or with `TFEXPLAIN_NO_CACHE`, `compile` is `re.compile`.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import re
import sys

try:  # the internals behind re.compile: re._compiler since 3.11, sre_compile before
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10 or an interpreter without them
    try:
        import _sre
        import sre_compile as _compiler
        import sre_parse as _parser
    except ImportError:
        _sre = None

#: Past this many programs the file keeps only those this run used.
MAX_PROGRAMS = 4000

_programs: dict[tuple[str, int], tuple] | None = None
_used: set[tuple[str, int]] = set()
_dirty = False


def _file():
    from .cache import cache_dir

    folder = cache_dir()
    if folder is None or _sre is None:
        return None
    tag = hashlib.blake2b(f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}".encode(), digest_size=8).hexdigest()
    return folder / f"regex-programs-{tag}.marshal"


def _load() -> dict[tuple[str, int], tuple]:
    global _programs
    if _programs is None:
        _programs = {}
        path = _file()
        if path is not None:
            try:
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict):
                    _programs = data
            except Exception:  # missing, truncated, from another Python: compile as usual
                pass
    return _programs


def _program(pattern: str, flags: int) -> tuple:
    """What `re.compile` would hand `_sre.compile` (mirrors re._compiler.compile)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    flags = int(flags | parsed.state.flags)
    return (flags, [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cached program when this pattern was compiled before."""
    global _dirty
    flags = int(flags)
    if _sre is None:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    programs = _load()
    try:
        program = programs.get(key)
        if program is not None:
            compiled = _sre.compile(pattern, *program)
            _used.add(key)
            return compiled
    except Exception:  # a bad program: forget it and compile it afresh
        programs.pop(key, None)
    try:
        program = _program(pattern, flags)
        compiled = _sre.compile(pattern, *program)
    except Exception:  # internals changed shape: the ordinary way always works
        return re.compile(pattern, flags)
    programs[key] = program
    _used.add(key)
    if not _dirty:
        _dirty = True
        atexit.register(save)
    return compiled


def save() -> None:
    """Write the programs compiled in this run (at exit; never raises)."""
    global _dirty
    if not _dirty or _programs is None:
        return
    _dirty = False
    try:
        from .cache import write_atomic

        path = _file()
        if path is None:
            return
        programs = _programs
        if len(programs) > MAX_PROGRAMS:
            programs = {k: v for k, v in programs.items() if k in _used}
        write_atomic(path, marshal.dumps(programs))
    except Exception:  # a cache is never worth an error
        pass

"""Where tfexplain keeps what it can rebuild: the KB index and compiled templates.

A leaf module. Everything kept here is derived data under a key that changes
with its inputs, so a stale, truncated or foreign file is only ever a miss.
`TFEXPLAIN_CACHE_DIR` moves the folder; `TFEXPLAIN_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path

CACHE_ENV = "TFEXPLAIN_CACHE_DIR"
NO_CACHE_ENV = "TFEXPLAIN_NO_CACHE"


def base_dir() -> Path:
    """tfexplain's folder in the user's cache directory, or `$TFEXPLAIN_CACHE_DIR`.

    Verification reports and stack environments live here whatever
    `TFEXPLAIN_NO_CACHE` says; `cache_dir` is for what explain may skip.
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    env = os.environ
    return _platform_cache_dir(env.get("XDG_CACHE_HOME"), env.get("HOME"), env.get("LOCALAPPDATA"))


@lru_cache(maxsize=4)
def _platform_cache_dir(*inputs: str | None) -> Path:
    """platformdirs' answer, once per value of the variables it reads (it is asked a dozen times a run)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tfexplain", appauthor=False))


def cache_dir() -> Path | None:
    """Where explain keeps derived data (the index, compiled templates); None when turned off."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    return base_dir()


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file; False when that is not possible."""
    import tempfile  # imports random: only when something is written

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        return False


class CodeCache:
    """Compiled code objects by source text, persisted with marshal across runs.

    Jinja2 compiles a template to Python source and then to bytecode, which
    costs milliseconds per template on every run; the bytecode itself loads
    in microseconds. Each code object has its own small file named by the
    hash of its source, so a run reads only the few templates it evaluates
    (one file of every template ever seen grew to megabytes, and loading it
    cost more than compiling). `salt` must change whenever the code generated
    for the same source would (the environment's configuration, Jinja2's
    version); it names the folder.
    """

    #: Past this many files the oldest half is removed (tests and team folders come and
    #: go; one knowledge base needs a few hundred).
    MAX_CODES = 2000

    def __init__(self, name: str, salt: str) -> None:
        tag = hashlib.blake2b(f"{salt}|{sys.version}".encode(), digest_size=8).hexdigest()
        self.name = f"{name}-{tag}"
        self._memory: dict[str, object] = {}

    def _file(self, source: str) -> Path | None:
        folder = cache_dir()
        if folder is None:
            return None
        digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return folder / self.name / f"{digest}.marshal"

    def get(self, source: str):
        code = self._memory.get(source)
        if code is not None:
            return code
        path = self._file(source)
        if path is None:
            return None
        try:
            stored_source, code = marshal.loads(path.read_bytes())
        except Exception:  # missing, truncated, from another Python
            return None
        if stored_source != source:  # a hash collision or a foreign file: only ever a miss
            return None
        self._memory[source] = code
        return code

    def put(self, source: str, code) -> None:
        self._memory[source] = code
        path = self._file(source)
        if path is None:
            return
        try:
            data = marshal.dumps((source, code))
        except ValueError:
            return
        if write_atomic(path, data):
            self._trim(path.parent)

    def _trim(self, folder: Path) -> None:
        try:
            names = os.listdir(folder)
            if len(names) <= self.MAX_CODES:
                return
            files = sorted((folder / n for n in names), key=lambda f: f.stat().st_mtime)
            for old in files[: len(files) // 2]:
                old.unlink(missing_ok=True)
        except OSError:
            pass

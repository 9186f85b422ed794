"""Where tfexplain keeps what it can rebuild: the KB index and compiled templates.

A leaf module. Everything kept here is derived data under a key that changes
with its inputs, so a stale, truncated or foreign file is only ever a miss.
`TFEXPLAIN_CACHE_DIR` moves the folder; `TFEXPLAIN_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
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
    in microseconds. `salt` must change whenever the code generated for the
    same source would (the environment's configuration, Jinja2's version).
    """

    #: Past this many templates the file keeps only those this run used (tests and team
    #: folders come and go; one knowledge base needs a few hundred).
    MAX_CODES = 2000

    def __init__(self, name: str, salt: str) -> None:
        tag = hashlib.blake2b(f"{salt}|{sys.version}".encode(), digest_size=8).hexdigest()
        self.name = f"{name}-{tag}.marshal"
        self._codes: dict[str, object] | None = None
        self._used: set[str] = set()
        self._dirty = False

    def _load(self) -> dict[str, object]:
        if self._codes is None:
            self._codes = {}
            folder = cache_dir()
            if folder is not None:
                try:
                    data = marshal.loads((folder / self.name).read_bytes())
                    if isinstance(data, dict):
                        self._codes = data
                except Exception:  # missing, truncated, from another Python
                    pass
        return self._codes

    def get(self, source: str):
        code = self._load().get(source)
        if code is not None:
            self._used.add(source)
        return code

    def put(self, source: str, code) -> None:
        codes = self._load()
        self._used.add(source)
        if source not in codes:
            codes[source] = code
            if not self._dirty:
                self._dirty = True
                atexit.register(self.save)

    def save(self) -> None:
        folder = cache_dir()
        if folder is None or not self._dirty or self._codes is None:
            return
        codes = self._codes
        if len(codes) > self.MAX_CODES:
            codes = {k: v for k, v in codes.items() if k in self._used}
        try:
            data = marshal.dumps(codes)
        except ValueError:
            return
        if len(data) < 64 << 20:
            write_atomic(folder / self.name, data)
        self._dirty = False

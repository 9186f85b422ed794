"""A precompiled knowledge-base index, cached by the knowledge base's content hash.

Parsing some eighty TOML files and validating them is most of what a run of
tfexplain would otherwise do. The loaded entries (patterns as source text with
their prefilter literals; RE2 objects are compiled lazily and are not stored)
are pickled into the user's cache directory under a key that hashes every
knowledge-base file's bytes together with tfexplain's own loader code, so any
edit to an entry or to the loader makes a new index. A cache that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .cache import cache_dir, write_atomic

T = TypeVar("T")

#: Loader modules whose code shapes the index: a change to them invalidates it.
_LOADER_MODULES = ("kb.py", "catalogue.py", "patterns.py", "index.py", "cache.py")
#: Files bigger than this are left to the loader to refuse; they are hashed by size only.
_HASH_LIMIT = 1 << 20


#: How many stat-signature memos to keep (one per knowledge-base configuration in use).
_MEMOS = 8


def _hash_contents(files: list[str], salt: str, here: Path) -> str:
    h = hashlib.blake2b(salt.encode(), digest_size=20)
    for name in _LOADER_MODULES:
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    for path in files:
        h.update(path.encode("utf-8", "surrogatepass") + b"\0")
        try:
            st = os.stat(path)
            if stat.S_ISREG(st.st_mode) and st.st_size <= _HASH_LIMIT:
                with open(path, "rb") as fh:
                    h.update(fh.read())
            else:
                h.update(b"?")
        except OSError:
            h.update(b"!")
    return h.hexdigest()


def content_key(files: Iterable[str | Path], salt: str = "") -> str:
    """A hash of the files' paths and bytes (and of the loader's own source).

    Reading and hashing every entry costs milliseconds per hundred entries, so,
    as git's index does, the hash is remembered under the files' stat
    signature (path, size, mtime, inode): while no file changed, one small
    read replaces reading them all; any change to a file changes its stat and
    the contents are hashed again.
    """
    files = [str(f) for f in files]
    here = Path(__file__).resolve().parent
    sig = hashlib.blake2b(salt.encode(), digest_size=16)
    lines = []
    for path in [os.path.join(here, name) for name in _LOADER_MODULES] + files:
        try:
            st = os.stat(path)
            lines.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n")
        except OSError:
            lines.append(f"{path}\0!\n")
    sig.update("".join(lines).encode("utf-8", "surrogatepass"))
    folder = cache_dir()
    memo = folder / f"stat-{sig.hexdigest()}.key" if folder is not None else None
    if memo is not None:
        try:
            key = memo.read_text(encoding="ascii").strip()
            if len(key) == 40:
                return key
        except (OSError, UnicodeDecodeError):
            pass
    key = _hash_contents(files, salt, here)
    if memo is not None and write_atomic(memo, key.encode()):
        _keep_newest(folder, "stat-*.key")
    return key


def cached_parts(key: str, build: Callable[[], T], restore: Callable[[object, Callable[[int], object]], T]) -> T:
    """`build()`'s result, or the same read back lazily from the cache when `key` was built before.

    The value must offer `to_parts() -> (header, items)`; the file holds the
    pickled header, then each item pickled on its own, so that `restore(header,
    load_item)` can unpickle an item only when it is asked for.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"kb-index-{key}.pickle"
    try:
        # Mapped, not read: a run touches the header and the few entries it scores, so the
        # pages of the others (most of the file for a big team KB) are never read at all.
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        header_len = int.from_bytes(data[:8], "little")
        header, offsets = pickle.loads(data[8 : 8 + header_len])
        base = 8 + header_len

        def load_item(i: int):
            return pickle.loads(data[base + offsets[i] : base + offsets[i + 1]])

        return restore(header, load_item)
    except Exception:  # missing, truncated, from another Python: rebuild
        pass
    value = build()
    try:
        header, items = value.to_parts()  # type: ignore[attr-defined]
        blobs = [pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL) for item in items]
        offsets = [0]
        for blob in blobs:
            offsets.append(offsets[-1] + len(blob))
        head = pickle.dumps((header, offsets), protocol=pickle.HIGHEST_PROTOCOL)
        data = len(head).to_bytes(8, "little") + head + b"".join(blobs)
    except Exception:  # an unpicklable team entry value: run without a cache
        return value
    if write_atomic(path, data):
        _keep_newest(folder, "kb-index-*.pickle")
    return value


def _keep_newest(folder: Path, pattern: str) -> None:
    """Remove all but the _MEMOS newest files matching `pattern` (one per KB configuration in use)."""
    try:
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[_MEMOS:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass

"""Where a knowledge base's verification report lives, and reading it back.

`tfexplain verify` writes `verification.json` next to a knowledge base only
when that folder is a working copy: writable and not inside an installed
package (site-packages). Otherwise the report goes to the user cache
directory (platformdirs), or wherever `--report PATH` says. Each write leaves
a pointer in the cache, so `show`, the JSON output and the site read the
report from wherever it was last written.

This module is on the explain path: standard library and platformdirs only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import site
import sysconfig
import tempfile
from functools import lru_cache
from pathlib import Path

from ..cache import CACHE_ENV as CACHE_ENV  # re-exported: the variable that moves the folder
from ..cache import base_dir as cache_dir

VERIFICATION_FILE = "verification.json"
POINTERS = "reports.json"


def _install_roots() -> list[Path]:
    roots = set()
    for key in ("purelib", "platlib"):
        with contextlib.suppress(KeyError):
            roots.add(sysconfig.get_paths()[key])
    with contextlib.suppress(AttributeError):
        roots.update(site.getsitepackages())
    with contextlib.suppress(AttributeError):
        roots.add(site.getusersitepackages())
    return [Path(r).resolve() for r in roots if r]


def is_installed_package(folder: Path) -> bool:
    """True for a folder inside site-packages / dist-packages (owned by pip, not by you)."""
    folder = folder.resolve()
    if any(part in ("site-packages", "dist-packages") for part in folder.parts):
        return True
    return any(folder.is_relative_to(root) for root in _install_roots())


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _key(root: Path) -> str:
    resolved = str(Path(root).resolve())
    return f"{Path(resolved).name}-{hashlib.sha1(resolved.encode()).hexdigest()[:12]}"


def default_report_path(root: Path) -> Path:
    """Where `verify` writes the report of the knowledge base at `root` when not told."""
    root = Path(root)
    if _writable(root) and not is_installed_package(root):
        return root / VERIFICATION_FILE
    return cache_dir() / "reports" / _key(root) / VERIFICATION_FILE


def _pointers() -> dict:
    try:
        data = json.loads((cache_dir() / POINTERS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(root: Path, report: Path) -> None:
    """Record that the report of `root` now lives at `report` (best effort)."""
    pointers = _pointers()
    pointers[str(Path(root).resolve())] = str(Path(report).resolve())
    with contextlib.suppress(OSError):
        _atomic_write(cache_dir() / POINTERS, json.dumps(pointers, indent=1, sort_keys=True) + "\n")


def report_path(root: Path) -> Path:
    """Where the current report of the knowledge base at `root` is read from.

    The newest of: the last place `verify` wrote it, the cache, the file shipped
    in the folder (a fresh checkout or upgrade beats an old run elsewhere).
    """
    root = Path(root)
    shipped = root / VERIFICATION_FILE
    candidates = [cache_dir() / "reports" / _key(root) / VERIFICATION_FILE, shipped]
    pointed = _pointers().get(str(root.resolve()))
    if pointed:
        candidates.insert(0, Path(pointed))
    found = []
    for i, path in enumerate(candidates):
        with contextlib.suppress(OSError):
            found.append((path.stat().st_mtime_ns, -i, path))
    return max(found)[2] if found else shipped


@lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_report(root: str | Path) -> dict:
    """The last verification results of a knowledge base, from wherever they were written ({} if none)."""
    path = report_path(Path(root))
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _read(str(path), mtime)


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def save_report(root: Path, data: dict, path: Path | None = None) -> Path:
    """Write `data` as the report of `root` (to `path`, or the default place) and point to it."""
    target = Path(path) if path else default_report_path(root)
    _atomic_write(target, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    remember(root, target)
    return target


def stack_results(data: dict, entry_id: str) -> dict[str, dict]:
    """Per-stack results of one entry in a report: {stack name: result}."""
    entry = data.get("entries", {}).get(entry_id) or {}
    stacks = entry.get("stacks")
    return stacks if isinstance(stacks, dict) else {}


def merge_current(data: dict, results: list[dict], versions: dict, date: str) -> dict:
    """Fold a plain `tfexplain verify` run (this interpreter) into a report.

    The top-level `tensorflow`/`keras` and each entry's own fields describe this
    run, as before the matrix; each entry's `stacks` (the matrix) is kept.
    """
    out = {
        "tensorflow": versions.get("tensorflow", data.get("tensorflow")),
        "keras": versions.get("keras", data.get("keras")),
        "python": versions.get("python", data.get("python")),
        "date": date,
        "entries": dict(data.get("entries", {})),
    }
    if data.get("stacks"):
        out["stacks"] = data["stacks"]
    for item in results:
        item = dict(item)
        entry_id = item.pop("id")
        old = out["entries"].get(entry_id) or {}
        if old.get("stacks"):
            item["stacks"] = old["stacks"]
        out["entries"][entry_id] = item
    out["entries"] = dict(sorted(out["entries"].items()))
    return out


def merge_stack(data: dict, stack: str, info: dict, results: list[dict]) -> dict:
    """Fold one stack's matrix results into a report (entries' `stacks.<stack>`, top-level `stacks`)."""
    out = dict(data)
    out.setdefault("entries", {})
    out["stacks"] = dict(out.get("stacks") or {})
    out["stacks"][stack] = info
    entries = dict(out["entries"])
    for item in results:
        item = dict(item)
        entry_id = item.pop("id")
        item.pop("traceback", None)  # kept as fixture files; the message is what people read
        entry = dict(entries.get(entry_id) or {})
        per_stack = dict(entry.get("stacks") or {})
        per_stack[stack] = item
        entry["stacks"] = dict(sorted(per_stack.items()))
        entries[entry_id] = entry
    out["entries"] = dict(sorted(entries.items()))
    return out

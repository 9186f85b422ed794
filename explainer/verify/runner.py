"""Run every entry's broken.py and fixed.py on the installed TensorFlow.

An entry passes when (a) broken.py raises the exception type it declares,
(b) the traceback it really produced, parsed and matched like user input,
ranks this entry first with confidence, and (c) fixed.py runs clean.

Snippets run in worker processes that import TensorFlow once; entries that
change global TensorFlow state (`isolate = true`) get a fresh process each.
A snippet that runs past its entry's timeout has its worker killed.
"""

from __future__ import annotations

import json
import os
import queue
import selectors
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import kb as kbmod
from .diagnosis import VERIFICATION_FILE, diagnose, verification_report
from .parse import parse_text

STARTUP_TIMEOUT = 180.0


@dataclass
class Result:
    id: str
    ok: bool
    problems: list[str] = field(default_factory=list)
    raised: str = ""
    message: str = ""
    traceback: str = ""
    top: str = ""
    score: float = 0.0
    confident: bool = False
    seconds: float = 0.0


class WorkerDied(Exception):
    pass


class Worker:
    """One Python process with TensorFlow imported, running snippets on request."""

    def __init__(self) -> None:
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="-1")
        env.setdefault("PYTHONHASHSEED", "0")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "explainer._worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.versions = self._read(STARTUP_TIMEOUT)

    def _read(self, timeout: float) -> dict:
        assert self.proc.stdout is not None
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        try:
            if not sel.select(timeout):
                self.kill()
                raise TimeoutError
        finally:
            sel.close()
        line = self.proc.stdout.readline()
        if not line:
            raise WorkerDied(f"worker exited with status {self.proc.wait()}")
        return json.loads(line)

    def run(self, path: Path, timeout: float) -> dict:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"path": str(path)}) + "\n")
        self.proc.stdin.flush()
        return self._read(timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def close(self) -> None:
        if self.proc.poll() is None and self.proc.stdin:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def _raised_expected(run: dict, expected: str) -> bool:
    return expected in run.get("mro", []) or run.get("type") == expected


def judge(entry: kbmod.Entry, broken: dict, fixed: dict, knowledge: kbmod.KnowledgeBase) -> Result:
    result = Result(entry.id, True, seconds=broken.get("seconds", 0) + fixed.get("seconds", 0))
    if broken.get("ok"):
        result.problems.append("broken.py ran without raising")
    elif broken.get("error"):
        result.problems.append(f"broken.py: {broken['error']}")
    else:
        result.raised = broken["type"]
        result.traceback = broken["traceback"]
        if not _raised_expected(broken, entry.raises):
            result.problems.append(f"broken.py raised {broken['type']}, expected {entry.raises}")
        report = parse_text(broken["traceback"])
        diagnosis = diagnose(report, knowledge)
        if report is not None:
            result.message = report.core_message[:2000]
        if diagnosis.best:
            result.top, result.score = diagnosis.best.entry.id, diagnosis.best.score
        result.confident = diagnosis.confident
        if result.top != entry.id:
            ranked = ", ".join(f"{m.entry.id}={m.score}" for m in diagnosis.matches[:3])
            result.problems.append(f"its traceback ranks {ranked or 'nothing'} (this entry not first)")
        elif not diagnosis.confident:
            result.problems.append(f"matched first but not confidently (score {result.score})")
    if not fixed.get("ok"):
        detail = fixed.get("error") or f"{fixed.get('type')}: {fixed.get('traceback', '')[-300:]}"
        result.problems.append(f"fixed.py failed: {detail}")
    result.ok = not result.problems
    return result


def judge_samples(entry: kbmod.Entry, knowledge: kbmod.KnowledgeBase) -> Result:
    """A message-only entry: its real public error texts must match it first, confidently."""
    result = Result(entry.id, True)
    for sample in entry.samples:
        diagnosis = diagnose(parse_text(sample["text"]), knowledge)
        top = diagnosis.best.entry.id if diagnosis.best else "nothing"
        if top != entry.id or not diagnosis.confident:
            result.problems.append(f"sample {sample['url']} ranks {top} first (confident={diagnosis.confident})")
    result.raised = "(message-only)"
    result.message = entry.samples[0]["text"][:2000] if entry.samples else ""
    result.top, result.confident = entry.id, not result.problems
    result.ok = not result.problems
    return result


def _run_pair(entry: kbmod.Entry, get_worker, put_worker) -> tuple[dict, dict, dict]:
    outputs = []
    versions: dict = {}
    for path in (entry.broken, entry.fixed):
        worker = get_worker(entry.isolate)
        versions = worker.versions
        try:
            outputs.append(worker.run(path, entry.timeout))
        except TimeoutError:
            outputs.append({"ok": False, "error": f"timed out after {entry.timeout:.0f}s"})
            worker = None
        except WorkerDied as exc:
            outputs.append({"ok": False, "error": str(exc)})
            worker = None
        put_worker(worker, entry.isolate)
    return outputs[0], outputs[1], versions


def verify(
    entries: list[kbmod.Entry],
    knowledge: kbmod.KnowledgeBase,
    jobs: int = 2,
    progress=None,
) -> tuple[list[Result], dict]:
    """Verify `entries` with `jobs` workers in parallel. Returns results and versions."""
    todo: queue.Queue = queue.Queue()
    results: list[Result] = [judge_samples(e, knowledge) for e in entries if e.message_only]
    if progress:
        for r in results:
            progress(r)
    for entry in sorted(entries, key=lambda e: e.isolate):
        if not entry.message_only:
            todo.put(entry)
    versions: dict = {}
    lock = threading.Lock()

    def lane() -> None:
        pool: list[Worker] = []

        def get_worker(isolate: bool) -> Worker:
            if isolate:
                return Worker()
            if not pool:
                pool.append(Worker())
            return pool[0]

        def put_worker(worker: Worker | None, isolate: bool) -> None:
            if worker is None:
                pool.clear()
            elif isolate:
                worker.close()

        try:
            while True:
                try:
                    entry = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    broken, fixed, found = _run_pair(entry, get_worker, put_worker)
                    result = judge(entry, broken, fixed, knowledge)
                except Exception as exc:  # a worker that cannot start fails the entry, not the run
                    found, result = {}, Result(entry.id, False, [f"could not run: {exc}"])
                with lock:
                    versions.update(found)
                    results.append(result)
                    if progress:
                        progress(result)
        finally:
            for w in pool:
                w.close()

    threads = [threading.Thread(target=lane, daemon=True) for _ in range(max(1, jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.sort(key=lambda r: r.id)
    return results, versions


def write_report(root: Path, results: list[Result], versions: dict) -> Path:
    """Merge results into `<root>/verification.json` (kept for `show` and the docs)."""
    path = root / VERIFICATION_FILE
    data = verification_report(str(root)) or {}
    data = {
        "tensorflow": versions.get("tensorflow", data.get("tensorflow")),
        "keras": versions.get("keras", data.get("keras")),
        "python": ".".join(map(str, sys.version_info[:3])),
        "date": time.strftime("%Y-%m-%d"),
        "entries": dict(data.get("entries", {})),
    }
    for r in results:
        item = asdict(r)
        item.pop("id")
        data["entries"][r.id] = item
    data["entries"] = dict(sorted(data["entries"].items()))
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    verification_report.cache_clear()
    return path

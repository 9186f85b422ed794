"""Run every entry's broken.py and fixed.py on one stack's TensorFlow.

An entry passes when (a) broken.py raises the exception type it declares,
(b) the traceback it really produced, parsed and matched like user input,
ranks this entry first with confidence, and (c) fixed.py runs clean.

Snippets run in worker processes (`worker.py`, run by the stack's own
interpreter) that import TensorFlow once; entries that change global
TensorFlow state (`isolate = true`) get a fresh process each. A snippet that
runs past its entry's timeout has its worker killed. Parsing and matching the
captured traceback happen here, in tfexplain's interpreter, which needs no
TensorFlow.

On a stack where an entry does not apply (its [verify] `tensorflow`/`keras`
specifiers exclude the stack's versions) the snippets still run, and the
result records what happens there instead of judging it.
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

from .. import kb as kbmod
from ..diagnosis import diagnose
from ..parse import parse_text
from .matrix import applies

WORKER = Path(__file__).resolve().with_name("worker.py")

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
    #: verified | failed | not-applicable | message-only
    verdict: str = ""
    #: what broken.py did: raises | clean | error (did not run to an exception)
    outcome: str = ""
    #: where the entry does not apply: what happened there, in one line
    note: str = ""


class WorkerDied(Exception):
    pass


class Worker:
    """One Python process with TensorFlow imported, running snippets on request."""

    def __init__(self, python: str | None = None, extra_env: dict | None = None) -> None:
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="-1", **(extra_env or {}))
        env.setdefault("PYTHONHASHSEED", "0")
        self.proc = subprocess.Popen(
            [python or sys.executable, str(WORKER)],
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
    """`raises = "IndexError | ValueError"` accepts either (Keras 2 and 3 raise different types)."""
    names = [n.strip() for n in expected.split("|") if n.strip()]
    return any(n in run.get("mro", []) or run.get("type") == n for n in names)


def _applicability(entry: kbmod.Entry) -> dict:
    return dict(getattr(entry, "applies", None) or {})


def judge(
    entry: kbmod.Entry, broken: dict, fixed: dict, knowledge: kbmod.KnowledgeBase, versions: dict | None = None
) -> Result:
    if versions is not None and not applies(_applicability(entry), versions):
        return observe(entry, broken, fixed, knowledge)
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
    result.outcome = "clean" if broken.get("ok") else ("error" if broken.get("error") else "raises")
    result.verdict = "verified" if result.ok else "failed"
    return result


def observe(entry: kbmod.Entry, broken: dict, fixed: dict, knowledge: kbmod.KnowledgeBase) -> Result:
    """Where an entry does not apply: record what its snippets do there, judge nothing."""
    result = Result(entry.id, True, seconds=broken.get("seconds", 0) + fixed.get("seconds", 0))
    result.verdict = "not-applicable"
    if broken.get("ok"):
        result.outcome, result.note = "clean", "broken.py runs clean here"
    elif broken.get("error"):
        result.outcome, result.note = "error", f"broken.py did not finish: {broken['error']}"
    else:
        result.outcome, result.raised, result.traceback = "raises", broken["type"], broken["traceback"]
        report = parse_text(broken["traceback"])
        if report is not None:
            result.message = report.core_message[:2000]
            diagnosis = diagnose(report, knowledge)
            if diagnosis.best:
                result.top, result.score = diagnosis.best.entry.id, diagnosis.best.score
            result.confident = diagnosis.confident
        first = result.message.splitlines()[0][:200] if result.message else ""
        result.note = f"broken.py raises {broken['type']} here instead" + (f": {first}" if first else "")
    if not fixed.get("ok"):
        result.note += f"; fixed.py fails here too ({fixed.get('type') or fixed.get('error')})"
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
    result.verdict = "message-only" if result.ok else "failed"
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
    python: str | None = None,
    env: dict | None = None,
    samples: bool = True,
) -> tuple[list[Result], dict]:
    """Verify `entries` with `jobs` workers in parallel. Returns results and versions.

    `python`/`env` choose the stack (default: this interpreter); message-only
    entries are checked on their samples unless `samples` is false.
    """
    todo: queue.Queue = queue.Queue()
    results: list[Result] = [judge_samples(e, knowledge) for e in entries if e.message_only and samples]
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
                return Worker(python, env)
            if not pool:
                pool.append(Worker(python, env))
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
                    result = judge(entry, broken, fixed, knowledge, found or None)
                except Exception as exc:  # a worker that cannot start fails the entry, not the run
                    found, result = {}, Result(entry.id, False, [f"could not run: {exc}"], verdict="failed")
                with lock:
                    versions.update({k: v for k, v in found.items() if k != "ready"})
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


@dataclass
class StackRun:
    """One stack's share of a matrix run."""

    stack: str
    versions: dict
    results: list[Result]
    seconds: float
    setup_seconds: float
    error: str = ""

    def info(self) -> dict:
        counted = [r for r in self.results if r.verdict != "message-only"]
        return {
            **self.versions,
            "date": time.strftime("%Y-%m-%d"),
            "seconds": round(self.seconds, 1),
            "setup_seconds": round(self.setup_seconds, 1),
            "verified": sum(1 for r in counted if r.verdict == "verified"),
            "failed": sum(1 for r in counted if r.verdict == "failed"),
            "not_applicable": sum(1 for r in counted if r.verdict == "not-applicable"),
            **({"error": self.error} if self.error else {}),
        }


def verify_matrix(
    stacks, entries: list[kbmod.Entry], knowledge: kbmod.KnowledgeBase, jobs: int = 2, progress=None, log=None
) -> list[StackRun]:
    """Every entry with snippets on every stack, one stack after the other (each uses `jobs` workers).

    A stack whose environment cannot be built fails every entry on it, named.
    """
    from .matrix import ensure

    runs = []
    runnable = [e for e in entries if not e.message_only]
    for stack in stacks:
        start = time.perf_counter()
        try:
            python, setup = ensure(stack, log=log)
        except Exception as exc:  # pip or venv failure: the whole stack fails, visibly
            problem = f"stack {stack.name} could not be set up: {exc}"
            results = [Result(e.id, False, [problem], verdict="failed") for e in runnable]
            runs.append(StackRun(stack.name, {}, results, time.perf_counter() - start, 0.0, problem))
            continue

        def each(r: Result, name: str = stack.name) -> None:
            if progress:
                progress(name, r)

        results, versions = verify(
            runnable, knowledge, jobs=jobs, progress=each, python=str(python), env=stack.env, samples=False
        )
        runs.append(StackRun(stack.name, versions, results, time.perf_counter() - start - setup, setup))
    return runs


def write_report(root: Path, results: list[Result], versions: dict, path: Path | None = None) -> Path:
    """Fold a run on this interpreter into the report of the KB at `root` (see report.py for where)."""
    from .report import load_report, merge_current, save_report

    items = [asdict(r) for r in results]
    return save_report(root, merge_current(load_report(root), items, versions, time.strftime("%Y-%m-%d")), path)


def write_matrix(root: Path, runs: list[StackRun], ids: set[str], samples: list[Result], path: Path | None = None):
    """Fold a matrix run into the report of the KB at `root`: per-stack results of the entries in `ids`.

    The `current` stack also refreshes the entries' own fields (what a plain `verify` writes).
    """
    from .report import load_report, merge_current, merge_stack, save_report

    data = load_report(root)
    for run in runs:
        mine = [asdict(r) for r in run.results if r.id in ids]
        if run.stack == "current" and run.versions:
            current = mine + [asdict(r) for r in samples if r.id in ids]
            data = merge_current(data, current, run.versions, time.strftime("%Y-%m-%d"))
        data = merge_stack(data, run.stack, run.info(), mine)
    return save_report(root, data, path)


def write_tracebacks(folder: Path, runs: list[StackRun]) -> int:
    """Every captured broken.py traceback as `<folder>/<stack>/<entry>.txt` (parse/match fixtures),
    and `<folder>/stacks.json`: the versions of each stack, to tell where each entry applies."""
    import json

    written = 0
    index = folder / "stacks.json"
    try:
        stacks = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stacks = {}
    for run in runs:
        if run.versions:
            stacks[run.stack] = {k: v for k, v in run.versions.items() if k != "ready"}
        for r in run.results:
            if r.traceback:
                target = folder / run.stack / f"{r.id}.txt"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(r.traceback, encoding="utf-8")
                written += 1
    folder.mkdir(parents=True, exist_ok=True)
    index.write_text(json.dumps(stacks, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return written

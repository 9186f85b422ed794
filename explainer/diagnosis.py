"""parse -> match -> a finished Diagnosis that renderers only read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import kb as kbmod
from . import rx
from .match import Match, context, is_confident, rank
from .parse import parse_exception, parse_text
from .report import ExceptionRecord, Report
from .templating import fill

VERIFICATION_FILE = "verification.json"  # the default name; see verify/report.py for where
#: A cause "fits" when it scores within this of the best (and its own patterns matched).
RIVAL_GAP = 0.3
MAX_RIVALS = 3

#: TensorFlow's own exception classes, for pasted text that names them without their module.
TF_ERROR_TYPES = frozenset(
    {
        "OpError", "InvalidArgumentError", "ResourceExhaustedError", "NotFoundError", "FailedPreconditionError",
        "OutOfRangeError", "UnimplementedError", "InternalError", "UnknownError", "AbortedError",
        "AlreadyExistsError", "DataLossError", "DeadlineExceededError", "PermissionDeniedError",
        "UnauthenticatedError", "UnavailableError", "CancelledError",
    }
)  # fmt: skip
_TF_MODULE = rx.compile(r"^(?:tensorflow|keras|tf_keras|tensorflow_core)\.")
_TF_PATH = rx.compile(r"[/\\](?:tensorflow|keras|tf_keras|tensorflow_core)[/\\]")


def is_tf_record(record: ExceptionRecord) -> bool:
    """Whether TensorFlow or Keras raised this exception, judged by its type's module or its frames.

    A score says how well an entry fits; it cannot say whose error it is, so the
    hooks decide whether to speak from this instead.
    """
    if _TF_MODULE.match(record.type) or record.short_type in TF_ERROR_TYPES:
        return True
    return bool(record.frames) and bool(_TF_PATH.search(record.frames[-1].file))


@dataclass
class Choice:
    """One of the causes that fit an ambiguous error, in the user's values."""

    match: Match
    summary: str
    #: The yes/no question whose answer picks this cause (empty when the entry has none).
    question: str = ""


@dataclass
class Diagnosis:
    """What tfexplain concluded. `report` is None when the input held no error."""

    report: Report | None
    matches: list[Match] = field(default_factory=list)
    confident: bool = False
    summary: str = ""
    explanation: str = ""
    fix: str = ""
    fixed_code: str = ""
    verified: dict | None = None
    #: The outer exception when the diagnosed one is inside a chain (`raise RuntimeError(...) from tf_error`).
    wrapper: ExceptionRecord | None = None
    #: When ambiguous: the causes that fit, each with its summary and telling question.
    choices: list[Choice] = field(default_factory=list)
    #: For interleaved output of several workers: whose error this is, and the others' diagnoses.
    worker: str = ""
    others: list[Diagnosis] = field(default_factory=list)

    @property
    def is_tf_error(self) -> bool:
        """TensorFlow/Keras raised the diagnosed exception (see `is_tf_record`)."""
        return self.report is not None and is_tf_record(self.report.exception)

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def alternatives(self) -> list[Match]:
        """Other causes worth a look: everything after the best, one per cause."""
        if not self.best:
            return []
        seen = {self.best.entry.cause}
        out = []
        for m in self.matches[1:]:
            if m.entry.cause not in seen:
                seen.add(m.entry.cause)
                out.append(m)
        return out

    @property
    def rivals(self) -> list[Match]:
        """The causes that fit when the evidence does not decide: best first, one per cause.

        Only entries whose own message patterns matched are offered, and only
        those close to the best: a list of look-alikes would be noise.
        """
        if not self.best:
            return []
        floor = max(0.5, self.best.score - RIVAL_GAP)
        close = [m for m in self.alternatives if m.hit and m.score >= floor]
        return [self.best, *close[: MAX_RIVALS - 1]]

    @property
    def less_likely(self) -> list[Match]:
        """For a confident diagnosis: other causes whose message patterns also matched."""
        return [m for m in self.alternatives if m.hit and m.score >= 0.5][:2]

    @property
    def ambiguous(self) -> bool:
        """Not confident, yet causes fit the message itself: two or more, or one that the
        paste cannot confirm (its deciding rule needs code the paste lacks)."""
        if self.confident or not self.best or self.best.score < 0.5:
            return False
        return len(self.rivals) >= 2 or (self.best.hit and bool(self.best.doubts))

    @property
    def exit_code(self) -> int:
        if self.report is None:
            return 2
        return 0 if self.confident else 1

    def to_dict(self) -> dict:
        """The JSON contract (see README) as a dict."""
        error = self.report.to_json() if self.report else None
        if error is not None and self.wrapper is not None:
            error["caused"] = {"type": self.wrapper.short_type, "message": self.wrapper.message}
        return {
            "error": error,
            "matches": [
                {
                    "id": m.entry.id,
                    "cause": m.entry.cause,
                    "title": m.entry.title,
                    "score": m.score,
                    "evidence": m.evidence,
                }
                for m in self.matches
            ],
            "confident": self.confident,
            # extra keys (the contract allows them): interleaved workers, each diagnosed on its own
            **({"worker": self.worker} if self.worker else {}),
            **({"others": [o.to_dict() for o in self.others]} if self.others else {}),
            "diagnosis": {
                "summary": self.summary,
                "explanation": self.explanation,
                "fix": self.fix,
                "fixed_example": self.fixed_code,
                "references": self.best.entry.references if self.best else [],
                "verified": self.verified,
                # extra key (the contract allows them): where the entry was verified, each stack's wording
                "verified_on": (self.verified or {}).get("stacks", []),
            }
            if self.best and self.confident
            else None,
        }

    def to_json(self, indent: int | None = None) -> str:
        """The JSON contract as a string (`to_dict()` gives the dict)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self, color: bool = False) -> str:
        from .render import render

        return render(self, "text", color)

    def to_markdown(self) -> str:
        from .render import render

        return render(self, "markdown")

    def to_html(self) -> str:
        """An escaped HTML fragment (the renderer shared with the static site)."""
        from .render import render

        return render(self, "html")

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        if self.report is None:
            return "<Diagnosis: no error found>"
        head = self.report.headline
        head = (head[:60] + "…") if len(head) > 61 else head
        error = f"{self.report.type}: {head}" if self.report.type else head
        if self.best is None:
            verdict = "no entry"
        elif self.confident:
            verdict = f"{self.best.entry.id} (confident, score {self.best.score:.2f})"
        else:
            verdict = f"not confident (closest {self.best.entry.id}, score {self.best.score:.2f})"
        caused = f", caused {self.wrapper.short_type}" if self.wrapper is not None else ""
        return f"<Diagnosis {error!r} -> {verdict}{caused}>"


def verification_report(root: str) -> dict:
    """The last `tfexplain verify` results of a knowledge base, from wherever `verify` wrote them
    (next to the KB, the user cache, or `--report PATH`: see explainer/verify/report.py)."""
    from .verify.report import load_report

    return load_report(root)


def verified_on(entry: kbmod.Entry) -> list[dict]:
    """Per stack of the verification matrix: versions, verdict, and how that stack words the error."""
    from .verify.report import stack_results

    data = verification_report(str(entry.path.parent.parent))
    stacks = data.get("stacks") or {}
    out = []
    results = stack_results(data, entry.id)
    order = {name: i for i, name in enumerate(stacks)}  # the matrix's own order: today's stack first
    for name in sorted(results, key=lambda n: (order.get(n, len(order)), n)):
        result, info = results[name], stacks.get(name) or {}
        out.append(
            {
                "stack": name,
                "tensorflow": info.get("tensorflow"),
                "keras": info.get("keras"),
                "verdict": result.get("verdict", ""),
                "raised": result.get("raised", ""),
                "message": result.get("message", ""),
                "note": result.get("note", ""),
            }
        )
    return out


def verified_info(entry: kbmod.Entry) -> dict | None:
    data = verification_report(str(entry.path.parent.parent))
    result = data.get("entries", {}).get(entry.id)
    if not result:
        return None
    on = verified_on(entry)
    return {
        "ok": result.get("ok", False),
        "tensorflow": data.get("tensorflow"),
        "keras": data.get("keras"),
        "message": result.get("message", ""),
        "stacks": on,
        "wordings": wordings(on),
    }


def wordings(on: list[dict]) -> list[dict]:
    """One wording per Keras generation where the entry was verified: [{"keras": "Keras 2", "message",
    "stacks"}]; equal messages are merged (`show` prints "Keras 2 says ...; Keras 3 says ...")."""
    out: list[dict] = []
    for item in on:
        if item["verdict"] != "verified" or not item["message"]:
            continue
        family = "Keras " + str(item.get("keras") or "?").split(".")[0]
        first = item["message"].strip().splitlines()[0]
        same = next((w for w in out if w["keras"] == family and w["message"] == first), None)
        if same:
            same["stacks"].append(item["stack"])
        else:
            out.append({"keras": family, "message": first, "stacks": [item["stack"]]})
    return out


def diagnose(report: Report | None, knowledge: kbmod.KnowledgeBase) -> Diagnosis:
    """The diagnosis of the whole chain: the last exception, or the TF/Keras error a wrapper hides.

    `raise RuntimeError("training failed") from tf_error` ends the chain with
    the user's own wrapper, which no entry describes; the TensorFlow error
    inside it is the one to explain, and the output says it caused the outer one.
    """
    outer = _diagnose_one(report, knowledge)
    if report is None or len(report.chain) < 2 or (outer.confident and outer.is_tf_error):
        return outer
    best: Diagnosis | None = None
    for i in range(len(report.chain) - 2, -1, -1):
        record = report.chain[i]
        if not is_tf_record(record):
            continue
        inner_report = _refocus(report, i)
        if inner_report is None:
            continue
        inner = _diagnose_one(inner_report, knowledge)
        inner.wrapper = report.exception
        if best is None or (inner.confident and not best.confident):
            best = inner
        if best.confident:
            break
    if best is None or (outer.confident and not best.confident):
        return outer
    return best


def _chain_text(records: list[ExceptionRecord]) -> str:
    """Records printed back as the traceback Python would show for them."""
    parts = []
    for rec in records:
        lines = ["Traceback (most recent call last):"] if rec.frames else []
        for f in rec.frames:
            where = f'  File "{f.file}"' + (f", line {f.line}" if f.line is not None else "")
            lines.append(where + (f", in {f.function}" if f.function else ""))
            if f.code:
                lines.append(f"    {f.code}")
        lines.append(f"{rec.type}: {rec.message}" if rec.type else rec.message)
        parts.append("\n".join(lines))
    return "\n\nThe above exception was the direct cause of the following exception:\n\n".join(parts) + "\n"


def _refocus(report: Report, index: int) -> Report | None:
    """The report the chain would give if it ended at `report.chain[index]`."""
    inner = parse_text(_chain_text(report.chain[: index + 1]))
    if inner is None or inner.exception.type != report.chain[index].type:
        return None
    return inner


def _diagnose_one(report: Report | None, knowledge: kbmod.KnowledgeBase) -> Diagnosis:
    if report is None:
        return Diagnosis(None)
    matches = rank(report, knowledge)
    diagnosis = Diagnosis(report, matches, is_confident(matches))
    best = diagnosis.best
    if best:
        ctx = context(report, best.captures)
        diagnosis.summary = fill(best.entry.summary, ctx)
        diagnosis.explanation = fill(best.entry.explanation, ctx)
        diagnosis.fix = fill(best.entry.fix, ctx)
        try:
            diagnosis.fixed_code = kbmod.read_limited(best.entry.fixed, kbmod.MAX_SNIPPET).strip()
        except (OSError, UnicodeDecodeError):
            diagnosis.fixed_code = ""
        diagnosis.verified = verified_info(best.entry)
        if diagnosis.ambiguous:
            for m in diagnosis.rivals:
                mctx = context(report, m.captures)
                diagnosis.choices.append(Choice(m, fill(m.entry.summary, mctx), fill(m.entry.question, mctx)))
    return diagnosis


def explain_text(text: str, kb_paths: tuple[str, ...] = ()) -> Diagnosis:
    """The diagnosis of pasted text.

    Output of several workers interleaved line by line (`(pid=12)`, `[rank 1]`,
    ...) would merge two tracebacks into one: each worker's lines are parsed
    and diagnosed on their own, the last error is the diagnosis, and the
    others ride along in `Diagnosis.others`, never merged.
    """
    from .workers import split_workers

    knowledge = kbmod.load(kb_paths)
    streams = split_workers(text.split("\n")[:200_000])
    if streams is None:
        return diagnose(parse_text(text, knowledge.recognises), knowledge)
    found: list[Diagnosis] = []
    for worker, lines in streams.items():  # ordered by where each worker's output ends
        d = diagnose(parse_text("\n".join(lines), knowledge.recognises), knowledge)
        if d.report is not None:
            d.worker = worker
            found.append(d)
    if not found:
        return Diagnosis(None)
    primary = found[-1]
    primary.others = found[:-1]
    return primary


def explain_exception(exc: BaseException, kb_paths: tuple[str, ...] = ()) -> Diagnosis:
    return diagnose(parse_exception(exc), kbmod.load(kb_paths))

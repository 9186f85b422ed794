"""Text or a live exception -> `Report`.

The parser knows TensorFlow's and Python's *output formats* (tracebacks,
IPython cells, graph-mode node traces, Keras 3 call summaries, TF1 "Caused by
op" blocks, log noise) and nothing about root causes: that is the knowledge
base's job. Every regular expression here runs on one line at a time (cut to
MAX_LINE) or on a message capped at MAX_MESSAGE, and each is written so that
Python's backtracking engine has at most one way to match at any point, which
keeps it linear in the line:

* no nested quantifiers, and no two adjacent quantified parts that can match
  the same character (`.*?` or `.+?` before `\\s*$` tried every split of a run
  of spaces: 3 s for one padded frame line); a part that takes "the rest of the
  line" is `.*` and is stripped in code instead;
* unanchored searches start at a literal or at a character that the pattern's
  runs exclude, so the runs scanned from different starts do not overlap;
* digit runs are captured whole and turned into numbers only up to MAX_DIGITS.

tests/test_adversarial.py times every pattern of this module (found by
introspection, so a new one is covered) on 16 KB adversarial strings.
"""

from __future__ import annotations

import traceback as _tb
from collections.abc import Iterable

from . import rx
from .report import ExceptionRecord, Frame, Report

#: Lines longer than this are cut before any pattern sees them.
MAX_LINE = 16_384
#: The message the matcher sees is cut to this many characters.
MAX_MESSAGE = 16_384

# Terminal escape sequences, 7-bit and C1 forms: CSI (colours, cursor moves), OSC (titles,
# hyperlinks, clipboard writes) and DCS/SOS/PM/APC strings up to their terminator (or the line's
# end), and the two-byte ESC sequences. Each branch starts at an ESC or C1 byte and its runs are
# disjoint classes, so the pattern is linear.
_ANSI = rx.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
)
# C0 controls but tab and newline, DEL, and the C1 block: nothing of the input reaches the
# terminal or the JSON as a control character.
_CONTROL = rx.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = rx.compile(r"[\ud800-\udfff]")

_TYPE = r"(?:[A-Za-z_]\w*\.){0,8}(?:[A-Z]\w*)?(?:Error|Exception|Exit|Interrupt|Failure)|StopIteration"
_HEADER = rx.compile(
    rf"^(?P<indent>[ \t]*)(?P<type>{_TYPE})(?:\s*\(see above for traceback\))?"
    r"(?::[ \t]?(?P<msg>.*)|[ \t]*)$"
)
# A type named in the middle of a line ("'...errors_impl.InvalidArgumentError: Nan ...").
_INLINE_HEADER = rx.compile(
    r"(?:^|[\s'\".(])(?P<type>(?:[A-Za-z_]\w*\.){1,8}[A-Z]\w*(?:Error|Exception)):\s(?P<msg>.*)$"
)
_TRACEBACK = rx.compile(r"Traceback \(most recent call last\)")
_CHAIN = rx.compile(r"^\s*(?:During handling of the above exception|The above exception was the direct cause)")
_IPY_RULE = rx.compile(r"^-{20,}\s*$")

# No lazy `.*?` before `\s*$`: that pair tries every split of a run of spaces (quadratic on a
# padded line). The function name takes the rest of the line; the code strips its tail.
_PY_FRAME = rx.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)(?:, in (?P<func>.*)|[\s*]*)$')
_IPY_FRAME = rx.compile(r"^\s*File (?P<file>[^\s\"].*?):(?P<line>\d+), in (?P<func>.+)$")
_CELL_FRAME = rx.compile(
    r"^\s*(?:Cell|Input) In ?\[(?P<cell>\d+)\],? (?:line (?P<line>\d+)(?:, in (?P<func>.+))?|in (?P<func2>.+))"
)
_OLD_IPY_FRAME = rx.compile(r"^(?P<file><ipython-input-[\w-]+>|<[\w ]+>|\S+\.py) in (?P<func>[\w<>.]+)\(.*\)\s*$")
_IPY_ARROW = rx.compile(r"^-*>\s*(?P<line>\d+)\s(?P<code>.*)$")
_CARETS = rx.compile(r"^\s*[\^~]+\s*$")

_NOISE = rx.compile(
    r"^(?:"
    r"[IW]\d{4} \d\d:\d\d:\d\d"  # absl/glog info and warning lines
    r"|\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?:? [IW] "  # TF C++ info/warning lines
    r"|WARNING: All log messages before absl"
    r"|(?:WARNING|INFO|DEBUG):(?:tensorflow|absl|root|keras|h5py|\w+):"
    r"|Instructions for updating:"
    r"|Epoch \d+/\d+"
    r"|\s*\d+/\d+ (?:\[|-|━)"  # Keras progress bars
    r"|\S+\.py:\d+: \w*Warning:"  # Python warnings
    r")"
)

_TF_WARNING = rx.compile(r"^(?:WARNING:tensorflow:|W\d{4} [\d:.]+\s+\d+ \S+\] )")
_ERRORISH = rx.compile(
    r"(?i)\b(?:error|exception|expected|incompatible|not found|invalid|must|cannot|can't|"
    r"unable|unsupported|not supported|failed|nan|inf values|oom|out of range|no attribute|"
    r"unknown|does not have|is not in|not compatible|mismatch|expects|but (?:it )?received)\b"
)

_USER_EXCLUDE = rx.compile(
    r"(?:site-packages|dist-packages|[/\\]tensorflow[/\\_]|[/\\]tensorflow_core[/\\]|[/\\]keras[/\\]|"
    r"[/\\]tf_keras[/\\]|[/\\]transformers[/\\]|__autograph_generated|<frozen |[/\\]lib[/\\]python\d[\d.]*[/\\]"
    r"|[/\\]Lib[/\\]|<string>$|[/\\]IPython[/\\]|[/\\]ipykernel[/\\])"
)


# --- TensorFlow facts -------------------------------------------------------

_OP_PATTERNS = [
    rx.compile(r"\[Op:(?P<op>\w+)\]"),
    rx.compile(r"__wrapped__(?:_+)?(?P<op>[A-Za-z][A-Za-z0-9]*?)(?:_[A-Za-z]_\d+)*_device_"),
    rx.compile(r"\(op: '(?P<op>\w+)'\)"),
    rx.compile(r"(?:\}\}|\]|[\w/]) = (?P<op>_?[A-Z]\w*)\["),
    rx.compile(r"cannot compute (?P<op>\w+) as input"),
]
_NODE_PATTERNS = [
    rx.compile(r"\{\{node (?P<node>[^}\s]+)\}\}"),
    rx.compile(r"\[\[node (?P<node>[^\s\]]+)"),
    rx.compile(r"\[\[Node: (?P<node>[^\s=\]]+)"),
    rx.compile(r"Detected at node '?(?P<node>[^'\s]+?)'?(?: defined|\s*$)"),
    rx.compile(r"for '(?P<node>[^'\s{}]+)' \(op:"),
    rx.compile(r"Caused by op '(?P<node>[^']+)'"),
]
_OP_ALIASES = {"FusedMatMul": "MatMul", "NativeMatMul": "MatMul", "BatchMatMulV3": "BatchMatMulV2"}

_DIM = r"(?:-?\d+|\?|None)"
_BRACKET_SHAPE = rx.compile(rf"(?:(?<![\w\]])|(?<=shape))\[\s*{_DIM}(?:\s*,\s*{_DIM}){{0,15}}\s*\]")
_PAREN_SHAPE = rx.compile(rf"(?<![\w])\(\s*{_DIM}(?:\s*,\s*{_DIM}){{0,15}}\s*,?\s*\)")

_DTYPE_NAMES = (
    "bfloat16|float16|float32|float64|half|float|double|complex64|complex128|"
    "int8|int16|int32|int64|uint8|uint16|uint32|uint64|string|bool|resource|variant|object"
)
_DTYPE_PATTERNS = [
    rx.compile(rf"dtype[=:]\s*['\"<]?(?:tf\.|torch\.|np\.|numpy\.|dtype\()?'?(?P<d>{_DTYPE_NAMES})\b"),
    rx.compile(rf"\b(?:a|an) (?P<d>{_DTYPE_NAMES}) tensor"),
    rx.compile(rf"DataType (?P<d>{_DTYPE_NAMES})\b"),
    rx.compile(r"\bDT_(?P<d>[A-Z0-9]+)\b"),
    rx.compile(rf"\bCast (?P<d>{_DTYPE_NAMES}) to (?P<d2>{_DTYPE_NAMES})\b"),
    rx.compile(rf"requested dtype (?P<d>{_DTYPE_NAMES}) for Tensor with dtype (?P<d2>{_DTYPE_NAMES})"),
    rx.compile(rf"\btype (?P<d>{_DTYPE_NAMES}) (?:on|of|that)\b"),
]
_DTYPE_ALIASES = {"float": "float32", "double": "float64", "half": "float16"}

_LAYER_PATTERNS = [
    rx.compile(r"layer [\"'](?P<name>[^\"']+)[\"'](?: \(type (?P<cls>\w+)\))?"),
    rx.compile(r"(?:of|calling|with) layer (?P<name>\w+)(?: \(type (?P<cls>\w+)\))?"),
    rx.compile(r"calling (?P<cls>\w+)\.call\(\)"),
    rx.compile(r"Arguments received by (?P<cls>\w+)\.call\(\)"),
    rx.compile(r"expected (?P<name>\w+) to have (?:shape|\d+ dimensions)"),
    rx.compile(r"Layer (?P<name>\w+) (?:expects|was called)"),
]
_NOT_LAYERS = frozenset(
    {"compile_loss", "compile_metrics", "gradient_tape", "loss", "metrics", "training", "cond", "while"}
)
_ARGUMENT = rx.compile(r"^\s*[•\-*]\s*(?P<k>\w+)=(?P<v>.*)$")  # the value is rstripped in code

#: Values the parser pulls out for any error; entries capture finer ones.
_VALUE_PATTERNS = [
    rx.compile(
        r"label value of (?P<label>-?\d+) which is outside the valid range of "
        r"\[(?P<label_low>-?\d+), (?P<label_high>-?\d+)\)"
    ),
    rx.compile(
        r"indices\[(?P<index_position>[\d, ]+)\] = (?P<index>-?\d+) is not in "
        r"\[(?P<index_low>-?\d+), (?P<index_high>-?\d+)\)"
    ),
    rx.compile(r"(?:Key|Tensor name) \"?(?P<checkpoint_key>[^\s\"]+)\"? not found in checkpoint"),
    rx.compile(
        r"(?:save_path is not a valid checkpoint: |matching files for |Unable to open table file |"
        r"filepath=|No such file or directory: )['\"]?(?P<path>[^\s'\";,]+?)['\"]?(?:[:.;,]?\s|[.:]?$)"
    ),
]


def clean(text: str) -> str:
    """Remove escape sequences and control characters; unify newlines; cap line length.

    This is the boundary where the input becomes a Report, so every string the
    renderers later print is free of what could drive a terminal, and lone
    surrogates (from `surrogateescape`d bytes) become U+FFFD so the text can
    always be encoded.
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = _ANSI.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if any(len(line) > MAX_LINE for line in text.split("\n")):
        text = "\n".join(line[:MAX_LINE] for line in text.split("\n"))
    return text


#: Longer digit runs are not line numbers or dimensions (and int() refuses over 4,300 digits).
MAX_DIGITS = 18


def to_int(digits: str | None) -> int | None:
    """A captured digit run as an int; None when absent or implausibly long."""
    if not digits or len(digits.lstrip("-")) > MAX_DIGITS:
        return None
    return int(digits)


_SPACE_OR_STAR_RUN = rx.compile(r"[\s*]*")


def _strip_func(func: str | None, stars: bool) -> str | None:
    """A frame's function name without trailing white space (and `*`, for Python frames).

    The trailing run is measured on the reversed string with an anchored match: linear, and in
    C (a Python loop over 16 KB of padding per frame line cost seconds on a 4 MB paste).
    """
    if func is None:
        return None
    if stars:
        func = func[: len(func) - _SPACE_OR_STAR_RUN.match(func[::-1]).end()]
    return func.strip() or None


def _frame_from_line(line: str) -> Frame | None:
    m = _PY_FRAME.match(line)
    if m:
        return Frame(m.group("file"), to_int(m.group("line")), _strip_func(m.group("func"), stars=True))
    m = _IPY_FRAME.match(line)
    if m:
        return Frame(m.group("file"), to_int(m.group("line")), _strip_func(m.group("func"), stars=False))
    m = _CELL_FRAME.match(line)
    if m:
        func = m.group("func") or m.group("func2")
        return Frame(f"Cell In[{m.group('cell')}]", to_int(m.group("line")), func)
    m = _OLD_IPY_FRAME.match(line)
    if m:
        return Frame(m.group("file"), None, m.group("func"))
    return None


def _is_bare_code_line(line: str) -> bool:
    """An indented source line with no `File` header above it (the library's `raise` excluded)."""
    return (
        line.startswith("    ")
        and not line.lstrip().startswith("raise ")
        and not _HEADER.match(line)
        and not _frame_from_line(line)
        and not _IPY_ARROW.match(line)
        and not _CARETS.match(line)
    )


def _parse_frames(lines: list[str]) -> list[Frame]:
    """Frames in a block of lines, with the source line that follows each."""
    frames: list[Frame] = []
    expect_code = False
    # A paste cut above its first `File` line can still start with the user's code line.
    partial = not any(_TRACEBACK.search(line) for line in lines)
    for line in lines:
        if partial and not frames and _is_bare_code_line(line):
            frames.append(Frame("<input>", code=line.strip()))
            continue
        frame = _frame_from_line(line)
        if frame:
            frames.append(frame)
            expect_code = True
            continue
        arrow = _IPY_ARROW.match(line)
        if arrow and not frames:  # a pasted IPython excerpt without its frame header
            frames.append(Frame("<input>", to_int(arrow.group("line"))))
        if arrow:
            frames[-1].code = arrow.group("code").strip()
            frames[-1].line = frames[-1].line or to_int(arrow.group("line"))
            expect_code = False
            continue
        if expect_code and line.strip() and not _CARETS.match(line) and not _HEADER.match(line):
            if frames[-1].code is None and line.startswith((" ", "\t")):
                frames[-1].code = line.strip()
            expect_code = False
    return frames


def is_user_file(path: str) -> bool:
    """A frame is the user's when it is not in an installed library or the stdlib."""
    return not _USER_EXCLUDE.search(path)


def _is_message_end(line: str, indent: int) -> bool:
    if _TRACEBACK.search(line) or _CHAIN.match(line) or _IPY_RULE.match(line) or _NOISE.match(line):
        return True
    m = _HEADER.match(line)
    return bool(m and len(m.group("indent").expandtabs()) <= indent and m.group("msg") is not None)


def _split_exceptions(lines: list[str]) -> list[tuple[str, list[str], list[str], bool]]:
    """Walk the lines once: (type, message lines, traceback lines, starts anew) per top-level exception.

    An exception "starts anew" when a `Traceback (most recent call last)` line
    precedes it with no chain marker ("During handling of the above exception",
    "The above exception was the direct cause") since the previous exception:
    two tracebacks one after the other in a log are two errors, not a chain.
    """
    found: list[tuple[str, list[str], list[str], bool]] = []
    pending: list[str] = []
    anew = chained = False
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if _CHAIN.match(line):
            chained = True
        m = _HEADER.match(line)
        is_header = m and (m.group("msg") is not None or (i + 1 < n and not lines[i + 1].strip()))
        if is_header and _frame_from_line(line) is None:
            indent = len(m.group("indent").expandtabs())
            msg = [m.group("msg") or ""]
            i += 1
            while i < n and not _is_message_end(lines[i], indent):
                msg.append(lines[i])
                i += 1
            while len(msg) > 1 and not msg[-1].strip():
                msg.pop()
            found.append((m.group("type"), msg, pending, anew))
            pending = []
            anew = chained = False
            continue
        if _TRACEBACK.search(line):
            pending = []
            if found and not chained:
                anew = True
        pending.append(line)
        i += 1
    return found


def _last_chain(found: list[tuple[str, list[str], list[str], bool]]) -> list[tuple[str, list[str], list[str]]]:
    """The errors of the last chain: warnings dropped, earlier independent tracebacks too."""
    errors: list[tuple[str, list[str], list[str]]] = []
    carry = False
    for type_, msg, tb, anew in found:
        anew = anew or carry
        if type_.endswith("Warning"):  # printed as `SomethingWarning: ...`: not the error
            carry = anew
            continue
        carry = False
        if anew:
            errors = []
        errors.append((type_, msg, tb))
    return errors


# TensorFlow's C++ log lines: `2020-06-01 12:00:00.000000: W tensorflow/...cc:1767] ...` and the absl
# form `W0601 12:00:00.000000  1234 op_kernel.cc:1767] ...`.
_CPP_LOG = rx.compile(
    r"^\s*(?:\d{4}-\d\d-\d\d[ T][\d:.]{8,20}:? (?P<level>[IWEF]) |(?P<level2>[IWEF])\d{4} [\d:.]{8,20} {1,12}\d{1,9} )"
    r"(?P<src>[\w./\\-]{1,300}:\d{1,9})\] (?P<msg>.*)$"
)
# The text form of an absl::Status code, as C++ logs print it, and the Python class it becomes.
_STATUS_TYPES = {
    "Invalid argument": "InvalidArgumentError",
    "Not found": "NotFoundError",
    "Resource exhausted": "ResourceExhaustedError",
    "Failed precondition": "FailedPreconditionError",
    "Out of range": "OutOfRangeError",
    "Unimplemented": "UnimplementedError",
    "Internal": "InternalError",
    "Unknown": "UnknownError",
    "Cancelled": "CancelledError",
    "Aborted": "AbortedError",
    "Data loss": "DataLossError",
    "Already exists": "AlreadyExistsError",
    "Permission denied": "PermissionDeniedError",
    "Unavailable": "UnavailableError",
    "Deadline exceeded": "DeadlineExceededError",
}
_STATUS = rx.compile(
    r"(?:OP_REQUIRES failed at [\w./\\-]{1,300}:\d{1,9} : |StartAbort |^)"
    r"(?P<status>" + "|".join(_STATUS_TYPES) + r")[:.] (?P<msg>.*)$"
)


def _cpp_error(lines: list[str]) -> tuple[str, list[str]] | None:
    """The last error a C++ log line reports (`OP_REQUIRES failed at ... : Invalid argument: ...`)."""
    for idx in range(len(lines) - 1, max(-1, len(lines) - 5000), -1):
        m = _CPP_LOG.match(lines[idx])
        if not m or (m.group("level") or m.group("level2")) == "I":
            continue
        status = _STATUS.search(m.group("msg"))
        if status:
            follow = [ln for ln in lines[idx + 1 : idx + 8] if ln.strip() and not _CPP_LOG.match(ln)]
            return _STATUS_TYPES[status.group("status")], [status.group("msg"), *follow]
    return None


def _recognised(lines: list[str], recognise) -> tuple[str, list[str]] | None:
    """The last line a knowledge-base rule or a known message template recognises."""
    seen = 0
    for idx in range(len(lines) - 1, -1, -1):
        line = lines[idx]
        if not line.strip() or _frame_from_line(line):
            continue
        seen += 1
        if seen > 400:
            break
        m = _CPP_LOG.match(line)
        text = m.group("msg") if m else line
        if recognise(text):
            block = [text]
            for nxt in lines[idx + 1 : idx + 20]:
                if not nxt.strip() or _CPP_LOG.match(nxt) or _NOISE.match(nxt):
                    break
                block.append(nxt)
            return "", block
    return None


def _fallback_exception(lines: list[str], recognise=None) -> tuple[str, list[str]] | None:
    """An error pasted without its `Type:` prefix, with the type mid-line, or in C++ log lines.

    When a knowledge-base rule or a known message template recognises a line,
    the input holds an error, whatever else it looks like.
    """
    for idx in range(len(lines) - 1, -1, -1):
        m = _INLINE_HEADER.search(lines[idx])
        if m:
            return m.group("type"), [m.group("msg"), *lines[idx + 1 : idx + 20]]
    cpp = _cpp_error(lines)
    if cpp:
        return cpp
    if recognise is not None:
        found = _recognised(lines, recognise)
        if found:
            return found
    # The last paragraph of non-noise text, if it reads like an error.
    block: list[str] = []
    for line in reversed(lines):
        if _NOISE.match(line) or _frame_from_line(line):
            if block:
                break
            continue
        if not line.strip():
            if block and any(_ERRORISH.search(b) for b in block):
                break
            if block:
                block = []
            continue
        block.insert(0, line)
        if len(block) > 40:
            break
    if block and any(_ERRORISH.search(b) for b in block):
        return "", block
    # Only TensorFlow warnings (e.g. unrestored checkpoint values): they are the problem.
    warnings = [line for line in lines if _TF_WARNING.match(line)]
    if warnings:
        return "", _dedupe(_TF_WARNING.sub("", w) for w in warnings)[-30:]
    return None


def _core_message(message_lines: list[str]) -> str:
    """The message without embedded frames, so fuzzy matching sees what TF said."""
    out: list[str] = []
    skip_code = False
    for line in message_lines:
        s = line.strip()
        if _frame_from_line(line):
            skip_code = True
            continue
        if skip_code and s and not _HEADER.match(line):
            skip_code = False
            if line.startswith(("        ", "\t\t")) or _CARETS.match(line):
                continue
        skip_code = False
        if not s or _CARETS.match(line):
            continue
        if s in ("in user code:", "Graph execution error:") or s.startswith("Detected at node"):
            continue
        if s.startswith("Caused by op") or s.startswith("Function call stack:"):
            continue
        out.append(s)
    return "\n".join(out)[:MAX_MESSAGE]


_INDEX_SUFFIX = rx.compile(r"_\d+$")  # TensorFlow's `_1` for the second op of a name
_KERNEL_PREFIX = rx.compile(r"^_?(?:MklNative|MklFused|Mkl|Fused)?")
_LABEL_VALUES = rx.compile(r"Label values:.*")  # label values are not shapes
_MODEL_SCOPE = rx.compile(r"(sequential|functional|model)_\d+$")
_OP_TYPE = rx.compile(r"\w{1,100}")


def _node_op(node: str) -> str | None:
    last = node.rstrip("/").rsplit("/", 1)[-1]
    last = _INDEX_SUFFIX.sub("", last)
    return last if last[:1].isupper() else None


def _normalise_op(op: str) -> str:
    op = _KERNEL_PREFIX.sub("", op) or op
    return _OP_ALIASES.get(op, op)


def _dedupe(items: Iterable) -> list:
    seen, out = set(), []
    for item in items:
        key = repr(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _parse_shape(text: str) -> list[int | None]:
    dims = text.strip("[]() ").rstrip(",").split(",")
    out: list[int | None] = []
    for d in dims:
        d = d.strip()
        if not d:
            continue
        out.append(None if d in ("?", "None") or d.startswith("-") else to_int(d))
    return out


def extract_facts(report: Report, message: str) -> None:
    """Fill ops, nodes, shapes, dtypes, layer, arguments and values from a message."""
    ops: list[str] = []
    nodes: list[str] = []
    for pat in _NODE_PATTERNS:
        nodes += [m.group("node") for m in pat.finditer(message)]
    for pat in _OP_PATTERNS:
        ops += [m.group("op") for m in pat.finditer(message) if not m.group("op").startswith("__")]
    ops += [op for op in (_node_op(n) for n in nodes) if op]
    report.nodes = _dedupe(nodes)
    report.ops = _dedupe(_normalise_op(op) for op in ops)

    shape_text = _LABEL_VALUES.sub("", message)
    found = [(m.start(), m.group()) for m in _BRACKET_SHAPE.finditer(shape_text)]
    found += [(m.start(), m.group()) for m in _PAREN_SHAPE.finditer(shape_text)]
    report.shapes = _dedupe(_parse_shape(s) for _, s in sorted(found))

    dtypes: list[str] = []
    for pat in _DTYPE_PATTERNS:
        for m in pat.finditer(message):
            for g in ("d", "d2"):
                value = m.groupdict().get(g)
                if value:
                    value = value.lower()
                    dtypes.append(_DTYPE_ALIASES.get(value, value))
    report.dtypes = _dedupe(dtypes)

    for pat in _LAYER_PATTERNS:
        m = pat.search(message)
        if not m:
            continue
        gd = m.groupdict()
        if gd.get("name") and not report.layer and gd["name"] != "None":
            report.layer = gd["name"]
        if gd.get("cls") and not report.layer_class:
            report.layer_class = gd["cls"]
    if not report.layer:
        for node in report.nodes:
            parts = [p for p in node.split("/") if p and not p[:1].isupper()]
            if parts and parts[0] in _NOT_LAYERS:
                continue  # Keras' loss/gradient scopes, not a layer of the model
            if len(parts) >= 2:
                report.layer = (
                    parts[1]
                    if parts[0] in ("sequential", "functional", "model")
                    or _MODEL_SCOPE.match(parts[0])
                    else parts[0]
                )
                break

    in_args = False
    for line in message.split("\n"):
        if line.strip().startswith("Arguments received by"):
            in_args = True
            continue
        if in_args:
            m = _ARGUMENT.match(line)
            if m:
                report.arguments[m.group("k")] = m.group("v").rstrip()
            elif line.strip():
                in_args = False

    for pat in _VALUE_PATTERNS:
        m = pat.search(message)
        if m:
            report.values.update({k: v.strip() for k, v in m.groupdict().items() if v})


def _pick_user_frame(chain: list[ExceptionRecord], msg_frames: list[list[Frame]]) -> Frame | None:
    """The deepest frame of the user's own code, preferring the last exception.

    Inside the last exception, frames embedded in its message ("in user
    code:" blocks of tf.function and Keras 3) are deeper than the traceback's
    own, when they show the source line; TF1's "(see above for traceback)"
    exception has no frames, so the earlier ones of the chain are the fallback.
    `msg_frames[i]` are the frames parsed from `chain[i].message`.
    """
    for rec, embedded in zip(reversed(chain), reversed(msg_frames), strict=True):
        in_message = [f for f in embedded if is_user_file(f.file)]
        in_traceback = [f for f in rec.frames if is_user_file(f.file)]
        if in_message and in_message[-1].code:
            return in_message[-1]
        if in_traceback:
            return in_traceback[-1]
        if in_message:
            return in_message[-1]
    return None


def parse_text(text: str, recognise=None) -> Report | None:
    """Parse pasted error text. Returns None when it holds no error at all.

    `recognise(line) -> bool`, when given, says whether a line holds a known
    TF/Keras error message (the knowledge base's patterns and catalogue): the
    parser itself knows output formats only, not messages.
    """
    lines = clean(text).split("\n")
    errors = _last_chain(_split_exceptions(lines))
    chain: list[ExceptionRecord] = []
    tb_frames: list[Frame] = []
    message_lines: list[str] = []
    for type_, msg, tb in errors:
        frames = _parse_frames(tb)
        chain.append(ExceptionRecord(type_, "\n".join(msg).strip(), frames))
        tb_frames, message_lines = frames, msg
    if not chain:
        fallback = _fallback_exception(lines, recognise)
        if fallback is None:
            return None
        type_, message_lines = fallback
        chain.append(ExceptionRecord(type_, "\n".join(message_lines).strip(), []))
    primary = chain[-1]
    msg_frames = [_parse_frames(rec.message.split("\n")) for rec in chain]
    report = Report(exception=primary, chain=chain, frames=tb_frames + msg_frames[-1])
    report.core_message = _core_message(message_lines) or primary.message[:MAX_MESSAGE]
    report.user_frame = _pick_user_frame(chain, msg_frames)
    report.user_code = _dedupe(
        f.code
        for rec, embedded in zip(chain, msg_frames, strict=True)
        for f in rec.frames + embedded
        if f.code and is_user_file(f.file)
    )[-40:]
    facts_text = report.core_message
    if not report.type and len(chain) == 1:
        facts_text = primary.message[:MAX_MESSAGE]
    extract_facts(report, facts_text)
    # Earlier exceptions of the chain can carry values the last one lost.
    for rec in chain[:-1]:
        extra = Report(exception=rec)
        extract_facts(extra, rec.message[:MAX_MESSAGE])
        for key, value in extra.values.items():
            report.values.setdefault(key, value)
    return report


def parse_exception(exc: BaseException) -> Report | None:
    """Parse a live exception: the same Report its printed traceback would give."""
    try:
        text = "".join(_tb.format_exception(type(exc), exc, exc.__traceback__))
    except KeyboardInterrupt:
        raise
    except BaseException:  # a __str__ or __notes__ that raises (even SystemExit): the type is still known
        text = f"{type(exc).__name__}: {_safe_str(exc)}"
    report = parse_text(text)
    if report is None or report.type != type(exc).__name__:
        # A class whose name the text parser does not take for an exception (`class Boom(Exception)`)
        # would be found as some other line of the traceback: the live object knows better.
        message = clean(_safe_str(exc))
        frames = _parse_frames(clean(text).split("\n")[:20_000])
        record = ExceptionRecord(type(exc).__name__, message, frames)
        user = [f for f in frames if is_user_file(f.file)]
        report = Report(
            exception=record,
            chain=[record],
            frames=frames,
            user_frame=user[-1] if user else None,
            user_code=_dedupe(f.code for f in user if f.code)[-40:],
        )
        report.core_message = message[:MAX_MESSAGE]
        extract_facts(report, report.core_message)
    # TensorFlow's OpError knows the failing op even when the text does not say it.
    op_type = _safe_attr(_safe_attr(exc, "op"), "type")
    if isinstance(op_type, str) and _OP_TYPE.fullmatch(op_type) and op_type not in report.ops:
        report.ops.append(_normalise_op(op_type))
    return report


def _safe_str(exc: BaseException) -> str:
    """str(exc), or a stand-in when the exception's own __str__ fails."""
    try:
        return str(exc)
    except KeyboardInterrupt:
        raise
    except BaseException:
        return f"<{type(exc).__name__} whose str() failed>"


def _safe_attr(obj: object, name: str) -> object:
    """getattr that survives properties raising anything (SystemExit included) but KeyboardInterrupt."""
    if obj is None:
        return None
    try:
        return getattr(obj, name, None)
    except KeyboardInterrupt:
        raise
    except BaseException:
        return None

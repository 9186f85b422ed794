"""The facts extracted from one error: what every later stage reads.

Plain dataclasses with no behaviour beyond serialisation, so the parser can
fill them from text or from a live exception and the matcher and renderers
never need to know which.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import rx

_FUNCTION_NODE = rx.compile(r"\{\{function_node [^}]*\}\}\s*")
_BOILERPLATE = rx.compile(
    r"^\s*(?:\w+(?:Error|Exception): )?(?:Exception encountered when calling|in user code:|"
    r"Graph execution error:|Arguments received by)"
)
_NESTED_TYPE = rx.compile(r"^\s*\w+(?:Error|Exception): ")
_NAME_SUFFIX = rx.compile(r"\s+name:\s*$")
# Lines that say where the error happened rather than what it is.
_WHERE_LINE = rx.compile(
    r"^\s*(?:\[\[\s*(?:\{\{\s*)?node\b|Node: '|File \"|Cell In ?\[|Detected at node|\(defined at |"
    r"Function call stack:|in user code:|Caused by op)"
)
#: Longest headline shown; longer ones are cut at a word boundary.
HEADLINE = 240


@dataclass
class Frame:
    """One stack frame as printed in a traceback."""

    file: str
    line: int | None = None
    function: str | None = None
    code: str | None = None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@dataclass
class ExceptionRecord:
    """One exception of a (possibly chained) traceback: its type and message."""

    type: str
    message: str
    frames: list[Frame] = field(default_factory=list)

    @property
    def short_type(self) -> str:
        """`tensorflow.python.framework.errors_impl.InvalidArgumentError` -> `InvalidArgumentError`."""
        return self.type.rsplit(".", 1)[-1]


@dataclass
class Report:
    """Everything tfexplain learned about one error.

    `exception` is the one the user saw last (the end of the chain); `chain`
    holds every exception in the order they were printed, the last included.
    """

    exception: ExceptionRecord
    chain: list[ExceptionRecord] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    user_frame: Frame | None = None
    ops: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)
    shapes: list[list[int | None]] = field(default_factory=list)
    dtypes: list[str] = field(default_factory=list)
    layer: str | None = None
    layer_class: str | None = None
    arguments: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    user_code: list[str] = field(default_factory=list)
    core_message: str = ""

    @property
    def headline(self) -> str:
        """The first line that says what went wrong, at most HEADLINE characters, cut at a word.

        Boilerplate (`Exception encountered when calling ...`), frame lines
        and node lines (`[[{{node loss/...}}]]`, `Node: '...'`) say where, not
        what, so they are skipped; TensorFlow's function-node wrapper and the
        trailing ` name:` go too.
        """
        lines = [ln for ln in (self.core_message or self.message).split("\n") if ln.strip()] or [""]
        first = next((ln for ln in lines if not _BOILERPLATE.match(ln) and not _WHERE_LINE.match(ln)), lines[0])
        first = _NAME_SUFFIX.sub("", _FUNCTION_NODE.sub("", _NESTED_TYPE.sub("", first))).strip()
        if len(first) > HEADLINE:
            cut = first.rfind(" ", HEADLINE // 2, HEADLINE)
            first = first[: cut if cut > 0 else HEADLINE].rstrip(" ,;:") + " …"
        return first

    @property
    def type(self) -> str:
        return self.exception.short_type

    @property
    def message(self) -> str:
        return self.exception.message

    def to_json(self) -> dict:
        """The `error` object of the JSON contract (plus a few extra keys)."""
        uf = asdict(self.user_frame) if self.user_frame else None
        return {
            "type": self.type,
            "message": self.core_message or self.message,
            "ops": self.ops,
            "shapes": self.shapes,
            "dtypes": self.dtypes,
            "layer": self.layer,
            "layer_class": self.layer_class,
            "user_frame": uf,
            "values": self.values,
            "arguments": self.arguments,
            "chain": [{"type": e.type, "message": e.message} for e in self.chain],
        }

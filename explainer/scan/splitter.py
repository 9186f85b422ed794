"""Cut a stream of lines into error blocks, one worker at a time, in bounded memory.

A block starts at `Traceback (most recent call last):` or at an exception
header on its own (`tensorflow...InvalidArgumentError: ...` printed by a
logger), takes in a chained traceback (`The above exception was the direct
cause...`), and ends after its last exception's message: at a log line, two
blank lines, a new traceback, or after `MAX_MESSAGE_LINES`. Each block keeps at
most `HEAD + TAIL` lines (the middle of a huge traceback is dropped), so nothing
here grows with the size of the input.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from ..workers import split_prefix

HEAD = 120
TAIL = 280
MAX_MESSAGE_LINES = 120
MAX_FRAMES_LINES = 4000
#: A worker silent for this many lines has ended its block (its process died mid-traceback).
STALE_AFTER = 20_000
MAX_OPEN = 64

TRACEBACK = re.compile(r"Traceback \(most recent call last\)")
_CHAIN = re.compile(r"^\s*(?:During handling of the above exception|The above exception was the direct cause)")
_HEADER = re.compile(r"^(?:[A-Za-z_]\w*\.){0,8}[A-Z]\w*(?:Error|Exception|Exit|Interrupt)(?::\s|:$|$)")
_LONE_HEADER = re.compile(r"^(?:[A-Za-z_]\w*\.){0,8}[A-Z]\w*(?:Error|Exception): \S")
_NOISE = re.compile(
    r"^(?:[IWEF]\d{4} \d\d:\d\d:\d\d"  # absl / glog
    r"|[IWEF] (?:external/|tensorflow/|third_party/)\S+:\d+\]"  # TF C++ after its timestamp
    r"|(?:WARNING|INFO|DEBUG):\w+:"
    r"|(?:WARNING|INFO|DEBUG) -? "
    r"|Epoch \d+/\d+"
    r"|\s*\d+/\d+ (?:\[|━)"  # Keras progress bars
    r"|\S+\.py:\d+: \w*Warning:"
    r")"
)

#: Substrings one of which every line that can start a block holds (a fast prefilter).
NEEDLES = ("Traceback (most recent call last)", "Error: ", "Exception: ")


def may_start(line: str) -> bool:
    return any(n in line for n in NEEDLES)


@dataclass
class Block:
    """One error as its worker printed it."""

    line: int  # where it starts in the input, 1-based
    worker: str
    lines: list[str]
    truncated: int = 0  # lines dropped from the middle

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@dataclass
class _Open:
    line: int
    worker: str
    head: list[str] = field(default_factory=list)
    tail: deque = field(default_factory=lambda: deque(maxlen=TAIL))
    count: int = 0
    header_seen: bool = False
    chained: bool = False
    after_header: int = 0
    blanks: int = 0
    last: int = 0

    def add(self, text: str) -> None:
        self.count += 1
        if len(self.head) < HEAD:
            self.head.append(text)
        else:
            self.tail.append(text)

    def close(self) -> Block:
        dropped = max(0, self.count - len(self.head) - len(self.tail))
        lines = self.head + ([f"... [{dropped} lines dropped by tfexplain scan] ..."] if dropped else [])
        return Block(self.line, self.worker, lines + list(self.tail), dropped)


class Splitter:
    """Feed it lines with their numbers; it hands back finished blocks."""

    def __init__(self) -> None:
        self.open: dict[str, _Open] = {}
        self._fed = 0

    @property
    def idle(self) -> bool:
        """No block is open: lines that cannot start one may be skipped unread."""
        return not self.open

    def feed(self, lineno: int, line: str) -> list[Block]:
        done: list[Block] = []
        worker, text = split_prefix(line)
        state = self.open.get(worker)
        if state is not None:
            ended = self._continue(state, text, lineno)
            if not ended:
                state.last = lineno
                self._housekeeping(lineno, done)
                return done
            done.append(self.open.pop(worker).close())
        if TRACEBACK.search(text) or _LONE_HEADER.match(text):
            state = _Open(lineno, worker, last=lineno)
            state.add(text)
            state.header_seen = not TRACEBACK.search(text)
            self.open[worker] = state
            if len(self.open) > MAX_OPEN:
                oldest = min(self.open.values(), key=lambda s: s.last)
                done.append(self.open.pop(oldest.worker).close())
        self._housekeeping(lineno, done)
        return done

    def _continue(self, state: _Open, text: str, lineno: int) -> bool:
        """Add `text` to the open block; True when the block ended before it."""
        if TRACEBACK.search(text):
            if not state.chained:
                return True  # a new error
            state.chained = state.header_seen = False
            state.blanks = 0
            state.add(text)
            return False
        if _NOISE.match(text):
            return state.header_seen and not state.chained
        if not text.strip():
            state.blanks += 1
            if state.header_seen and state.blanks >= 2 and not state.chained:
                return True
            state.add(text)
            return False
        state.blanks = 0
        if _CHAIN.match(text):
            state.chained = True
            state.add(text)
            return False
        if _HEADER.match(text) and not state.chained:
            state.header_seen, state.after_header = True, 0
        elif state.header_seen:
            state.after_header += 1
            if state.after_header > MAX_MESSAGE_LINES:
                return True
        elif state.count > MAX_FRAMES_LINES:
            return True
        state.add(text)
        return False

    def _housekeeping(self, lineno: int, done: list[Block]) -> None:
        self._fed += 1
        if self._fed & 1023 or not self.open:
            return
        for worker in [w for w, s in self.open.items() if lineno - s.last > STALE_AFTER]:
            done.append(self.open.pop(worker).close())

    def flush(self) -> list[Block]:
        """The blocks still open at the end of the input."""
        done = [s.close() for s in sorted(self.open.values(), key=lambda s: s.line)]
        self.open.clear()
        return done

"""The sandboxed Jinja2 environment for knowledge-base entry texts.

Entry texts and boost conditions come from folders teams write themselves, so
they run in Jinja2's immutable sandbox with lenient undefined values (a capture
that one wording of a message lacks renders as nothing), and every evaluation
is bounded: loop iterations, the size of `*` and `**` results, and the length
of the output. A leaf module: kb, match and diagnosis use it; it imports none
of them.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import rx

_BLANK_RUNS = rx.compile(r"\n{3,}")
#: Bounds for one evaluation of an entry's text or boost condition.
MAX_OUTPUT = 64 * 1024
MAX_ITERATIONS = 20_000
MAX_POWER_DIGITS = 64
MAX_SEQUENCE = 64 * 1024


class TemplateLimit(Exception):
    """An entry text exceeded its evaluation budget."""


def format_shape(value: Any) -> str:
    """[None, 28, 28] -> (None, 28, 28); strings pass through."""
    if isinstance(value, (list, tuple)):
        inner = ", ".join("None" if d is None else str(d) for d in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return str(value)


def _dims(value: Any) -> list[int | None]:
    """'[2,3]', '(None, 5)', '2, 3' or a list -> [2, 3]."""
    if isinstance(value, (list, tuple)):
        return list(value)
    out: list[int | None] = []
    for part in str(value).strip("[]() ").split(","):
        part = part.strip()
        if part:
            # over 18 digits is no dimension (and int() refuses over 4,300)
            out.append(int(part) if part.isdigit() and len(part) <= 18 else None)
    return out


def _prod(value: Any) -> int | None:
    """Number of elements of a shape; None if any dimension is unknown."""
    dims = _dims(value)
    if any(d is None for d in dims):
        return None
    return math.prod(dims)  # type: ignore[arg-type]


def _first(value: Any) -> Any:
    dims = _dims(value)
    return dims[0] if dims else None


def _last(value: Any) -> Any:
    dims = _dims(value)
    return dims[-1] if dims else None


def _fits(value: Any, other: Any) -> bool:
    """Whether two shapes agree axis by axis, an unknown (None) size agreeing with any.

    Keras prints the declared input shape with None for free axes, so "(32, None,
    224, 224, 3)[1:] fits (None, 224, 224, 3)" is how an entry says "the whole
    declared shape, with one more axis in front".
    """
    a, b = _dims(value), _dims(other)
    return len(a) == len(b) and all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def _num(value: Any, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _bounded_range(counter: list[int]):
    def bounded_range(*args: int) -> range:
        r = range(*args)
        counter[0] += len(r)
        if counter[0] > MAX_ITERATIONS:
            raise TemplateLimit(f"more than {MAX_ITERATIONS} loop iterations")
        return r

    return bounded_range


@lru_cache(maxsize=1)
def _sandbox():
    from jinja2 import ChainableUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """`x ** 99999999` and `'x' * 300000000` are refused before they are computed."""

        intercepted_binops = frozenset({"*", "**", "+"})

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                if isinstance(left, (int, float)) and isinstance(right, (int, float)):
                    size = abs(right) * math.log10(max(abs(left), 2))
                    if size > MAX_POWER_DIGITS:
                        raise TemplateLimit("power too large")
            elif operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_SEQUENCE:
                        raise TemplateLimit("repetition too large")
            elif (
                operator == "+"
                and isinstance(left, (str, list, tuple))
                and isinstance(right, type(left))
                and len(left) + len(right) > MAX_SEQUENCE
            ):
                raise TemplateLimit("concatenation too large")
            return super().call_binop(context, operator, left, right)

    # Entry texts are prose: block tags sit inline, so no whitespace trimming.
    env = BoundedSandbox(undefined=ChainableUndefined, autoescape=False)
    env.filters.update(shape=format_shape, dims=_dims, prod=_prod, num=_num, first=_first, last=_last, fits=_fits)
    env.globals.update(max=max, min=min, abs=abs, len=len)
    return env


def _globals() -> dict:
    """Per-evaluation globals: a range() that counts every iteration it hands out."""
    return {"range": _bounded_range([0])}


@lru_cache(maxsize=1)
def _code_cache():
    import jinja2

    from .cache import CodeCache

    salt = f"jinja2 {jinja2.__version__}|" + Path(__file__).read_text(encoding="utf-8")
    return CodeCache("entry-templates", salt)


def compile_template(source: str):
    """A sandboxed Template; its bytecode comes from the cache when this source was seen before."""
    env = _sandbox()
    cache = _code_cache()
    code = cache.get(source)
    if code is None:
        code = env.compile(source)  # raises TemplateSyntaxError
        cache.put(source, code)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


@lru_cache(maxsize=1024)
def variables(expression: str) -> frozenset[str]:
    """The context names a boost condition reads (empty if it does not parse)."""
    from jinja2 import meta

    try:
        return frozenset(meta.find_undeclared_variables(_sandbox().parse("{{ (" + expression + ") }}")))
    except Exception:
        return frozenset()


def compile_expression(source: str):
    """Validate a boost condition the way Jinja2 parses expressions (kb check)."""
    return _sandbox().compile_expression(source)


def evaluate(expression: str, ctx: dict) -> bool:
    """A boost condition; any failure (missing value, bad arithmetic, a limit) is False."""
    try:
        template = _compiled_template("{% set result = (" + expression + ") %}")
        context = template.new_context({**ctx, **_globals()})
        for _ in template.root_render_func(context):
            pass
        return bool(context.vars.get("result"))
    except Exception:
        return False


@lru_cache(maxsize=512)
def _compiled_template(source: str):
    return compile_template(source)


def _render_bounded(template, ctx: dict) -> str:
    out: list[str] = []
    size = 0
    for chunk in template.generate(**ctx, **_globals()):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"output over {MAX_OUTPUT} characters")
        out.append(chunk)
    return "".join(out)


def fill(source: str, ctx: dict) -> str:
    """Render one entry text; a broken or runaway template degrades to its raw text."""
    try:
        text = _render_bounded(_compiled_template(source), ctx)
    except Exception:
        text = source[:MAX_OUTPUT]
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return _BLANK_RUNS.sub("\n\n", text)

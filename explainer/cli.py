"""The `tfexplain` command line.

`tfexplain [FILE]` explains (the default command); `show`, `list`, `verify`,
`kb check` and `scan` work on the knowledge base and on long logs; `run`
runs a script and explains its uncaught exception. Exit status: 0 confident
diagnosis, 1 error found but not diagnosed, 2 no error text or a usage error
(`scan` and `run` document their own). Nothing tfexplain does wrong may end
in a traceback.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .kb import AREAS

FORMATS = ("text", "markdown", "json")
SCAN_EXIT_HELP = """\b
Exit status (for CI steps):
  0  no error found in the log
  1  errors found, every one diagnosed
  2  usage error, or the input cannot be read
  3  errors found, some not diagnosed (or past --max-errors)"""


class DefaultGroup(click.Group):
    """A group that runs `explain` when the first argument is not a command."""

    default_command = "explain"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def _fail(message: str) -> None:
    click.echo(f"tfexplain: {message}", err=True)
    sys.exit(2)


def _warn_skipped(kb_paths: tuple[str, ...]) -> None:
    """Faulty entries are skipped, never fatal; say which, so their authors learn of it."""
    from . import kb as kbmod

    for problem in kbmod.load(kb_paths).skipped:
        click.echo(f"tfexplain: skipped a knowledge-base entry: {problem}", err=True)


def _use_color(color: bool | None) -> bool:
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty()  # stdout may be closed (`>&-`)


class InputText(str):
    """The text read for explaining; `note` says when it is only part of the input."""

    note: str | None = None


def _read_input(file: str | None) -> InputText:
    from .inputs import InputError, read_input

    try:
        if file in (None, "-"):
            if sys.stdin is None or (sys.stdin.isatty() and file is None):
                _fail("give a traceback on stdin (tfexplain < error.txt) or as a FILE argument")
            got = read_input(sys.stdin.buffer)
        else:
            with open(file, "rb") as fh:
                got = read_input(fh)
        text = InputText(got.text)
        text.note = got.note
        return text
    except InputError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot read {file}: {exc.strerror or exc}")
    raise AssertionError("unreachable")


kb_option = click.option(
    "--kb",
    "kb_paths",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Extra knowledge-base folder (repeatable; also $TFEXPLAIN_KB_PATH).",
)
format_option = click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
color_option = click.option(
    "--color/--no-color", default=None, help="Colour output (default: on a terminal, unless NO_COLOR)."
)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tfexplain")
def cli() -> None:
    """Explain TensorFlow/Keras errors: tfexplain < traceback.txt"""


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@format_option
@color_option
@kb_option
def explain(file: str | None, fmt: str, color: bool | None, kb_paths: tuple[str, ...]) -> None:
    """Diagnose the error in FILE (or stdin). This is the default command."""
    from .diagnosis import explain_text
    from .render import render

    text = _read_input(file)
    diagnosis = explain_text(text, kb_paths)
    _warn_skipped(kb_paths)
    if diagnosis.report is None:
        reason = "no error found in the input (expected a Python traceback or a TensorFlow error message)"
        _fail(f"{reason}; {text.note}" if text.note else reason)
    if text.note:  # only part of the input was looked at: say so, on stderr
        click.echo(f"tfexplain: {text.note}", err=True)
    use_color = _use_color(color)
    try:
        click.echo(render(diagnosis, fmt, use_color), nl=False, color=use_color)
    except BrokenPipeError:  # `tfexplain < log | head -1`: the reader left; that is no error
        _quiet_stdout()
    sys.exit(diagnosis.exit_code)


@cli.command(epilog=SCAN_EXIT_HELP)
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="json writes JSON Lines: one object per distinct error (the explain contract + file, line, count).",
)
@click.option(
    "--max-errors",
    type=click.IntRange(1, 100_000),
    default=100,
    show_default=True,
    help="Distinct errors listed and diagnosed; the rest are counted.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: on a terminal, for files of 64 MiB or more).",
)
@kb_option
def scan(file: str | None, fmt: str, max_errors: int, progress: bool | None, kb_paths: tuple[str, ...]) -> None:
    """Every distinct error in a training or CI log of any size (FILE or stdin), streamed.

    Each error is listed once, at the FILE:LINE where it first starts, with
    its count, the lines of its repeats, your frame and its diagnosis, then a
    summary by cause. Errors that differ only in numbers, paths or addresses
    are one error; output of several workers (`(pid=123)`, `[worker 3]`,
    `rank 0:`) is separated per worker first.
    """
    from .scan.command import scan_command

    sys.exit(scan_command(file, fmt, kb_paths, max_errors, progress))


@cli.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.argument("script", type=click.Path(dir_okay=False))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@format_option
@kb_option
def run(script: str, args: tuple[str, ...], fmt: str, kb_paths: tuple[str, ...]) -> None:
    """Run SCRIPT as `python SCRIPT ARGS...` would, and explain an uncaught exception.

    Everything after SCRIPT goes to the script (its own sys.argv); the exit
    status is the script's. On an uncaught exception the usual traceback is
    printed, then the diagnosis (nothing more for errors tfexplain knows
    nothing about).
    """
    from .run import run_script

    global _ran_user_code
    _ran_user_code = True
    sys.exit(run_script(script, list(args), fmt, kb_paths))


@cli.command()
@click.argument("entry_id")
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "markdown")), default="text")
@color_option
@kb_option
def show(entry_id: str, fmt: str, color: bool | None, kb_paths: tuple[str, ...]) -> None:
    """Explain one knowledge-base entry in full (like `rustc --explain`)."""
    from . import kb as kbmod
    from .entryview import entry_view
    from .render import render_entry

    knowledge = kbmod.load(kb_paths)
    entry = knowledge.get(entry_id)
    if entry is None:
        from rapidfuzz import process

        close = process.extract(entry_id, [e.id for e in knowledge.entries], limit=3)
        hint = ", ".join(c[0] for c in close)
        _fail(f"no entry {entry_id!r}; did you mean: {hint}? (tfexplain list shows all)")
    use_color = _use_color(color)
    click.echo(render_entry(entry_view(entry, knowledge), fmt, use_color), nl=False, color=use_color)


@cli.command("list")
@click.option("--area", type=click.Choice(AREAS))
@kb_option
def list_(area: str | None, kb_paths: tuple[str, ...]) -> None:
    """List knowledge-base entries by area."""
    from . import kb as kbmod

    knowledge = kbmod.load(kb_paths)
    by_area: dict[str, list] = {}
    for entry in knowledge.entries:
        by_area.setdefault(entry.area, []).append(entry)
    for name in kbmod.AREAS:
        if (area and name != area) or name not in by_area:
            continue
        click.echo(click.style(name, bold=True) if _use_color(None) else name)
        for entry in sorted(by_area[name], key=lambda e: e.id):
            click.echo(f"  {entry.id:<38} {entry.title}")


@cli.command()
@click.argument("entry_ids", nargs=-1)
@click.option("--jobs", "-j", type=click.IntRange(1, 16), default=2, show_default=True)
@click.option("--no-report", is_flag=True, help="Do not write verification.json.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report here (default: next to the KB when it is a writable working copy, "
    "else the user cache directory).",
)
@click.option("--matrix", is_flag=True, help="Verify on every stack (TF/Keras versions in their own environments).")
@click.option("--stack", "stack_names", multiple=True, help="Only this stack (repeatable; implies --matrix).")
@click.option(
    "--tracebacks",
    type=click.Path(file_okay=False),
    help="Also save every captured broken.py traceback as DIR/<stack>/<entry>.txt (test fixtures).",
)
@kb_option
def verify(
    entry_ids: tuple[str, ...],
    jobs: int,
    no_report: bool,
    report_path: str | None,
    matrix: bool,
    stack_names: tuple[str, ...],
    tracebacks: str | None,
    kb_paths: tuple[str, ...],
) -> None:
    """Run entries' broken.py/fixed.py on the installed TensorFlow (or, with --matrix, on every stack)."""
    import importlib.util
    import time
    from pathlib import Path

    from . import kb as kbmod

    have_tf = importlib.util.find_spec("tensorflow") is not None
    matrix = matrix or bool(stack_names)
    if not have_tf and not matrix:
        _fail("verify needs TensorFlow: pip install 'tfexplain-errors[verify]' (or use --matrix)")
    problems = kbmod.check(kb_paths)
    if problems:
        click.echo("\n".join(problems), err=True)
        _fail(f"{len(problems)} knowledge-base fault(s); fix them first (tfexplain kb check)")
    knowledge = kbmod.load(kb_paths, strict=True)  # cached by check()
    if entry_ids:
        unknown = [i for i in entry_ids if knowledge.get(i) is None]
        if unknown:
            _fail(f"no such entry: {', '.join(unknown)}")
        entries = [knowledge.get(i) for i in entry_ids]
    elif kb_paths:
        entries = [e for e in knowledge.entries if not e.builtin]
    else:
        entries = knowledge.entries
    roots = sorted({e.path.parent.parent for e in entries})
    if report_path and len(roots) > 1:
        _fail("--report takes one knowledge base; these entries come from several (name entries or one --kb)")
    target = Path(report_path) if report_path else None
    start = time.perf_counter()
    if matrix:
        _verify_matrix(entries, knowledge, jobs, stack_names, have_tf, roots, target, no_report, tracebacks, start)
    from .verify.runner import verify as run_verify
    from .verify.runner import write_report

    def progress(r) -> None:
        mark = "ok  " if r.ok else "FAIL"
        click.echo(f"{mark} {r.id:<40} {r.seconds:6.1f}s  {r.raised}")
        for p in r.problems:
            click.echo(f"       {p}")

    results, versions = run_verify(entries, knowledge, jobs=jobs, progress=progress)
    elapsed = time.perf_counter() - start
    if not no_report and results:
        for root in roots:
            ids = {e.id for e in entries if e.path.parent.parent == root}
            written = write_report(Path(root), [r for r in results if r.id in ids], versions, target)
            click.echo(f"report: {written}")
    failed = [r for r in results if not r.ok]
    message_only = sum(1 for e in entries if e.message_only)
    click.echo(
        f"{len(results) - len(failed)} passed, {len(failed)} failed"
        + (f" ({message_only} message-only, checked on their real samples)" if message_only else "")
        + f" in {elapsed:.1f}s on TensorFlow {versions.get('tensorflow')} / Keras {versions.get('keras')}"
    )
    sys.exit(1 if failed else 0)


def _verify_matrix(entries, knowledge, jobs, stack_names, have_tf, roots, target, no_report, tracebacks, start):
    """`verify --matrix`: every entry on every stack; prints one line per entry and stack, then a summary."""
    import time
    from pathlib import Path

    from .verify.matrix import STACKS, get_stack
    from .verify.runner import judge_samples, verify_matrix, write_matrix, write_tracebacks

    unknown = [n for n in stack_names if get_stack(n) is None]
    if unknown:
        _fail(f"no such stack: {', '.join(unknown)} (stacks: {', '.join(s.name for s in STACKS)})")
    stacks = [get_stack(n) for n in stack_names] if stack_names else list(STACKS)
    if not have_tf and any(s.current for s in stacks):
        click.echo("skipping stack current: TensorFlow is not installed in this interpreter", err=True)
        stacks = [s for s in stacks if not s.current]
    samples = [judge_samples(e, knowledge) for e in entries if e.message_only]
    for r in samples:
        click.echo(f"{'ok  ' if r.ok else 'FAIL'} {'(samples)':<16} {r.id:<40} message-only")
        for p in r.problems:
            click.echo(f"       {p}")

    def progress(stack: str, r) -> None:
        mark = {"verified": "ok  ", "not-applicable": "n/a "}.get(r.verdict, "FAIL")
        click.echo(f"{mark} {stack:<16} {r.id:<40} {r.seconds:6.1f}s  {r.note or r.raised}"[:220])
        for p in r.problems:
            click.echo(f"       {p}")

    runs = verify_matrix(stacks, entries, knowledge, jobs=jobs, progress=progress, log=lambda m: click.echo(m))
    elapsed = time.perf_counter() - start
    if not no_report:
        for root in roots:
            ids = {e.id for e in entries if e.path.parent.parent == root}
            click.echo(f"report: {write_matrix(Path(root), runs, ids, samples, target)}")
    if tracebacks:
        click.echo(f"{write_tracebacks(Path(tracebacks), runs)} tracebacks saved under {tracebacks}")
    click.echo(f"{'stack':<16} {'TensorFlow':<11} {'Keras':<7} verified failed n/a  seconds (setup)")
    failed = sum(1 for r in samples if not r.ok)
    for run in runs:
        info = run.info()
        failed += info["failed"]
        click.echo(
            f"{run.stack:<16} {info.get('tensorflow') or '-':<11} {info.get('keras') or '-':<7} "
            f"{info['verified']:>8} {info['failed']:>6} {info['not_applicable']:>4} "
            f"{info['seconds']:>8.0f} ({info['setup_seconds']:.0f})"
        )
    click.echo(
        f"matrix: {len(runs)} stacks, {failed} failure(s), {len(samples)} message-only entries checked on "
        f"their samples, in {elapsed:.0f}s"
    )
    sys.exit(1 if failed else 0)


@cli.group("kb")
def kb_group() -> None:
    """Knowledge-base maintenance."""


@kb_group.command("check")
@kb_option
def kb_check(kb_paths: tuple[str, ...]) -> None:
    """Validate every entry (fields, cause ids, patterns, templates, snippet files)."""
    from . import kb as kbmod

    problems = kbmod.check(kb_paths)
    for p in problems:
        click.echo(p, err=True)
    knowledge = kbmod.load(kb_paths, strict=True) if not problems else None  # cached by check()
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(2)
    click.echo(f"{len(knowledge.entries)} entries OK, {len(knowledge.causes)} causes")


@cli.group("site")
def site_group() -> None:
    """The knowledge base as a static HTML site, searchable by error text."""


@site_group.command("build")
@click.argument("out", type=click.Path(file_okay=False))
@kb_option
def site_build(out: str, kb_paths: tuple[str, ...]) -> None:
    """Render the site into OUT (replacing its contents); open OUT/index.html or serve it."""
    from pathlib import Path

    from .site import build

    target = Path(out).resolve()
    if target.exists() and any(target.iterdir()) and not (target / "index.html").is_file():
        _fail(f"{out} is not empty and holds no site: refusing to replace it")
    if target in (Path.cwd().resolve(), Path.home().resolve()) or target == Path(target.anchor):
        _fail(f"refusing to build into {out}: give a folder of its own")
    try:
        result = build(target, kb_paths)
    except OSError as exc:
        _fail(f"cannot write the site to {out}: {exc.strerror or exc}")
    click.echo(
        f"{result.pages} pages ({result.entries} entries) in {out} in {result.seconds:.1f}s; "
        f"search index {result.index_bytes / 1024:.0f} KiB\n"
        f"open {Path(out) / 'index.html'} or serve it: tfexplain site serve {out}"
    )


@site_group.command("serve")
@click.argument("folder", type=click.Path(file_okay=False, exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--bind", default="127.0.0.1", show_default=True)
def site_serve(folder: str, port: int, bind: str) -> None:
    """Serve a built site over HTTP (what `python3 -m http.server -d FOLDER` does)."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler = functools.partial(SimpleHTTPRequestHandler, directory=folder)
    try:
        server = ThreadingHTTPServer((bind, port), handler)
    except OSError as exc:
        _fail(f"cannot listen on {bind}:{port}: {exc.strerror or exc}")
    click.echo(f"serving {folder} at http://{bind}:{server.server_address[1]}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _quiet_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so that no later flush complains (the BrokenPipe convention)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def main() -> None:
    """Console-script entry point: any unexpected failure becomes one line and exit 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:  # one line, not click's usage block
        _fail(f"{_one_line(exc.format_message())} (see tfexplain --help)")
    except click.ClickException as exc:
        _fail(_one_line(exc.format_message()))
    except click.exceptions.Abort:
        _fail("aborted")
    except KeyboardInterrupt:
        _fail("interrupted")
    except BrokenPipeError:  # as click itself does for the other commands: quiet, status 1
        _quiet_stdout()
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as exc:  # a bug in tfexplain: one line, never a traceback
        _fail(f"internal error ({type(exc).__name__}: {exc}); please report it")


#: Set by `run`: the user's script ran in this process, so it gets Python's whole shutdown.
_ran_user_code = False


def console() -> None:
    """The `tfexplain` console script: `main()`, then a quick exit.

    Tearing down the interpreter (freeing every module and the knowledge
    base's objects, a last garbage collection) costs about 60 ms, as much as
    explaining itself; a finished command has nothing left to release. So,
    once output is flushed and atexit handlers (the caches' writes) have run,
    the process ends with `os._exit`. A script started by `tfexplain run`
    keeps Python's ordinary shutdown: its objects' finalizers are its own.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if _ran_user_code:
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (BrokenPipeError, OSError, ValueError):  # the reader left: as main() does, quietly
        _quiet_stdout()
    import atexit

    atexit._run_exitfuncs()
    os._exit(code & 0xFF)

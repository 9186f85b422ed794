"""`tfexplain scan` and `explainer.scan_lines`: streaming, grouping, workers, positions, formats, exit codes, memory."""

from __future__ import annotations

import io
import json
import os
import subprocess
import threading

import pytest
from conftest import ROOT, corpus_text, run_cli, tfexplain_cmd

import explainer
from explainer.scan import Scanner
from explainer.workers import split_prefix

MATMUL = (ROOT / "examples" / "matmul.txt").read_text()
LABELS = (ROOT / "examples" / "labels.txt").read_text()
TB_LINE = MATMUL.split("\n").index("Traceback (most recent call last):")  # 0-based line of the traceback


def progress_lines(n: int, start: int = 0) -> list[str]:
    return [
        f"{(start + i) % 500:>4}/500 ━━━━━━━━━━━━━━━━━━━━ 3s 7ms/step - accuracy: 0.{(start + i) * 37 % 9000 + 1000} "
        f"- loss: 0.{(start + i) * 53 % 9000 + 1000}"
        for i in range(n)
    ]


def matmul(k: int, path: str = "/home/ada/project/train.py") -> str:
    """The bundled traceback with other numbers, path and address: the same error."""
    return (
        MATMUL.replace("[3,2]", f"[{k},2]")
        .replace("/home/ada/project/train.py", path)
        .replace("line 13", f"line {10 + k}")
        .replace("7833", str(1000 + k))
    )


def test_repeats_that_differ_in_numbers_paths_and_addresses_are_one_error_with_their_lines():
    lines: list[str] = []
    starts = []
    for k in range(3, 40):
        lines += progress_lines(5, k)
        starts.append(len(lines) + TB_LINE + 1)
        lines += matmul(k, f"/tmp/job{k}/train.py").rstrip("\n").split("\n")
        lines.append(f"<__main__.Model object at 0x7f{k:04x}beef> failed")
    records = list(explainer.scan_lines(lines, source="train.log"))
    assert len(records) == 1
    rec = records[0]
    assert rec.count == 37 and rec.lines == starts
    assert rec.location == f"train.log:{starts[0]}"
    assert rec.diagnosis.confident and rec.cause == "matmul-inner-dim"
    assert rec.diagnosis.report.user_frame.file == "/tmp/job3/train.py"


def test_an_early_error_in_a_long_log_is_found_with_its_line(tmp_path):
    log = tmp_path / "train.log"
    noise = "\n".join(progress_lines(20_000)) + "\n"
    with log.open("w") as f:
        f.write(noise[: noise.index("\n") + 1])  # line 1
        f.write(MATMUL)
        for _ in range(10):  # ~10 MB after the error, more than any tail window
            f.write(noise)
    assert log.stat().st_size > 10 * 1024 * 1024
    res = run_cli("scan", str(log))
    out = res.stdout.decode()
    assert res.returncode == 1, res.stderr  # errors found, all diagnosed
    assert out.startswith(f"1. {log}:{1 + TB_LINE + 1}  InvalidArgumentError: Matrix size-incompatible")
    assert "-> matmul-inner-dim" in out
    assert "Summary: 1 distinct error(s), 1 occurrence(s)" in out


def test_interleaved_workers_are_separated_before_splitting():
    a = MATMUL.rstrip("\n").split("\n")[TB_LINE:]
    b = LABELS.rstrip("\n").split("\n")
    b = b[next(i for i, line in enumerate(b) if line.startswith("Traceback")) :]
    lines = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            lines.append(f"(pid=4242) {a[i]}")
        if i < len(b):
            lines.append(f"(RayTrainWorker pid=77, ip=10.0.0.7) {b[i]}")
        lines.append(f"(pid=9) {progress_lines(1, i)[0]}")
    records = list(explainer.scan_lines(lines, source="ray.log"))
    assert [r.cause for r in records] == ["matmul-inner-dim", "label-out-of-range"]
    assert [r.workers for r in records] == [["pid=4242"], ["pid=77"]]
    assert [r.line for r in records] == [1, 2]


@pytest.mark.parametrize(
    ("line", "worker", "rest"),
    [
        ("(pid=123) Traceback (most recent call last):", "pid=123", "Traceback (most recent call last):"),
        ("[worker 3] ValueError: x", "worker 3", "ValueError: x"),
        ('rank 0:   File "a.py", line 1', "rank 0", '  File "a.py", line 1'),
        ("[rank1]: Traceback (most recent call last):", "rank1", "Traceback (most recent call last):"),
        ("[1,0]<stderr>:    x = f()", "1,0", "    x = f()"),
        ("worker-2  | KeyError: 'a'", "worker-2", "KeyError: 'a'"),
        ("2024-05-01 10:00:00,123 [worker 1] ValueError: y", "worker 1", "ValueError: y"),
        ("2024-05-01T10:00:00.1234567Z Traceback (most recent call last):", "", "Traceback (most recent call last):"),
        ("    indented code stays as it is", "", "    indented code stays as it is"),
    ],
)
def test_worker_prefixes_and_timestamps(line, worker, rest):
    assert split_prefix(line) == (worker, rest)


def test_a_chained_traceback_in_a_log_is_one_error_diagnosed_through_the_chain():
    chained = (
        MATMUL
        + "\nThe above exception was the direct cause of the following exception:\n\n"
        + "Traceback (most recent call last):\n"
        + '  File "/home/ada/project/run.py", line 7, in <module>\n'
        + "    raise RuntimeError('training failed') from exc\n"
        + "RuntimeError: training failed\n"
        + "Epoch 2/3\n"
    )
    records = list(explainer.scan_lines(chained.split("\n"), source="ci.log"))
    assert len(records) == 1
    assert records[0].cause == "matmul-inner-dim"
    assert records[0].diagnosis.wrapper.short_type == "RuntimeError"


def test_distinct_errors_past_the_bound_are_counted_not_listed():
    lines = []
    for i in range(10):
        lines += [
            "Traceback (most recent call last):",
            f'  File "t.py", line {i}, in f',
            f"KeyError: 'col_{chr(97 + i)}{chr(97 + i)}'",
            "",
        ]
    scanner = Scanner("t.log", max_errors=3)
    scanner.feed_lines(lines)
    records = scanner.finish()
    assert len(records) == 3
    s = scanner.summary
    assert (s.occurrences, s.distinct, s.unlisted_distinct, s.unlisted_occurrences) == (10, 10, 7, 7)
    assert s.exit_code == 3


def test_memory_bound_on_cached_keys_does_not_change_results(monkeypatch):
    monkeypatch.setattr("explainer.scan.scanner.MAX_QUICK_KEYS", 0)  # every repeat parsed again
    lines = []
    for k in range(3, 8):
        lines += matmul(k).split("\n")
    records = list(explainer.scan_lines(lines))
    assert [(r.count, r.cause) for r in records] == [(5, "matmul-inner-dim")]


def test_json_lines_markdown_and_exit_codes(tmp_path):
    log = tmp_path / "ci.log"
    undiagnosed = "Traceback (most recent call last):\n  File \"/srv/job.py\", line 3, in <module>\n    main()\nKeyError: 'learning_rate'\n"
    log.write_text("start\n" + MATMUL + "between\n" + corpus_text("gen-dtype-mismatch-2") + "\n" + undiagnosed)
    res = run_cli("scan", "--format", "json", str(log))
    assert res.returncode == 3  # some error not diagnosed
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert len(rows) == 3
    for row in rows:
        assert set(row) >= {"error", "matches", "confident", "file", "line", "count", "lines"}
        assert set(row["error"]) >= {"type", "message", "ops", "shapes", "dtypes", "layer", "user_frame"}
        assert row["file"] == str(log) and row["count"] == 1
    assert rows[0]["line"] == 2 + TB_LINE and rows[0]["matches"][0]["cause"] == "matmul-inner-dim"
    assert [r["confident"] for r in rows] == [True, True, False]
    assert rows[2]["error"]["type"] == "KeyError"

    md = run_cli("scan", "-f", "markdown", str(log)).stdout.decode()
    assert md.startswith(f"# tfexplain scan of `{log}`")
    assert "| # | first at | error | count | diagnosis |" in md
    assert "## 1. Matrix multiply with non-matching inner dimensions" in md
    assert "## 3. Not diagnosed" in md and "## By cause" in md

    clean = tmp_path / "clean.log"
    clean.write_text("\n".join(progress_lines(100)) + "\nTraining finished\n")
    res = run_cli("scan", str(clean))
    assert res.returncode == 0 and res.stdout == b""
    assert b"no error found in 101 lines" in res.stderr

    diagnosed = tmp_path / "one.log"
    diagnosed.write_text(MATMUL)
    assert run_cli("scan", str(diagnosed)).returncode == 1
    res = run_cli("scan", str(tmp_path / "missing.log"))
    assert res.returncode == 2 and res.stderr.decode().startswith("tfexplain: cannot read")
    assert b"Exit status" in run_cli("scan", "--help").stdout


def test_bad_input_gets_no_traceback(tmp_path):
    huge_line = tmp_path / "one-line.log"
    with huge_line.open("wb") as f:
        f.write(b"x" * (30 * 1024 * 1024))  # one 30 MB line, no newline
        f.write(b"\n" + MATMUL.encode())
    res = run_cli("scan", str(huge_line))
    assert res.returncode == 1, res.stderr
    assert "matmul-inner-dim" in res.stdout.decode()

    binary = tmp_path / "bin.log"
    binary.write_bytes(bytes(range(256)) * 4000)
    res = run_cli("scan", str(binary))
    assert res.returncode == 0 and b"Traceback" not in res.stderr

    utf16 = tmp_path / "utf16.log"
    utf16.write_bytes(MATMUL.encode("utf-16"))
    res = run_cli("scan", str(utf16))
    assert res.returncode == 1 and "matmul-inner-dim" in res.stdout.decode()


def test_progress_bar_only_on_a_terminal(tmp_path):
    import pty

    log = tmp_path / "t.log"
    log.write_text(MATMUL)
    plain = run_cli("scan", "--progress", str(log))  # stderr is a pipe here: forced, but click keeps it quiet
    assert plain.returncode == 1
    main, secondary = pty.openpty()
    try:
        res = subprocess.run(
            [*tfexplain_cmd(), "scan", "--progress", str(log)],
            stdout=subprocess.PIPE,
            stderr=secondary,
            timeout=60,
            check=False,
        )
        os.close(secondary)
        secondary = -1
        tty_err = b""
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            tty_err += data
    finally:
        os.close(main)
        if secondary >= 0:
            os.close(secondary)
    assert res.returncode == 1
    assert b"scanning" in tty_err and b"100%" in tty_err
    assert b"%" not in plain.stderr  # on a pipe click writes the label once, never a bar
    default = run_cli("scan", str(log))  # not a terminal, small input: no progress at all
    assert default.stderr == b""


def _peak_rss_of_scan(chunks, total: int) -> tuple[int, subprocess.CompletedProcess]:
    """Stream `chunks` into `tfexplain scan` through a pipe; its peak RSS in KiB (from wait4)."""
    proc = subprocess.Popen(
        [*tfexplain_cmd(), "scan", "--format", "json", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out: dict[str, bytes] = {}

    def write():
        try:
            for chunk in chunks:
                proc.stdin.write(chunk)
        finally:
            proc.stdin.close()

    def read(name, stream):
        out[name] = stream.read()

    threads = [
        threading.Thread(target=write),
        threading.Thread(target=read, args=("out", proc.stdout)),
        threading.Thread(target=read, args=("err", proc.stderr)),
    ]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    for t in threads:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss, subprocess.CompletedProcess(proc.args, proc.returncode, out["out"], out["err"])


def _training_stream(total: int, errors: dict[int, str]):
    """A training log of `total` bytes, made on the fly; errors[i] goes after the i-th MiB. Yields chunks."""
    block = ("\n".join(progress_lines(8000)) + "\n").encode()[: 1024 * 1024]
    block = block[: block.rfind(b"\n") + 1]
    per_block = block.count(b"\n")
    written = lines = 0
    positions = {}
    i = 0
    while written < total:
        yield block
        written += len(block)
        lines += per_block
        if i in errors:
            text = errors[i].encode()
            positions[i] = lines + 1 + errors[i].split("\n").index("Traceback (most recent call last):")
            yield text
            written += len(text)
            lines += text.count(b"\n")
        i += 1
    _training_stream.positions = positions  # type: ignore[attr-defined]


def test_a_multi_gigabyte_stream_is_scanned_in_memory_independent_of_its_size():
    """2 GiB through a pipe vs 64 MiB: the same errors found, the same peak memory."""
    gib = 1024**3
    big_errors = {1: MATMUL, 1000: LABELS, 2040: matmul(7)}
    rss_big, big = _peak_rss_of_scan(_training_stream(2 * gib, big_errors), 2 * gib)
    positions = dict(_training_stream.positions)
    assert big.returncode == 1, big.stderr
    rows = [json.loads(line) for line in big.stdout.splitlines()]
    assert [(r["matches"][0]["cause"], r["count"]) for r in rows] == [
        ("matmul-inner-dim", 2),
        ("label-out-of-range", 1),
    ]
    assert rows[0]["lines"] == [positions[1], positions[2040]] and rows[1]["line"] == positions[1000]

    rss_small, small = _peak_rss_of_scan(_training_stream(64 * 1024 * 1024, {1: MATMUL, 40: LABELS}), 0)
    assert small.returncode == 1
    # Peak RSS (KiB) must not grow with the input: 32x more data, at most 20% (+8 MiB of noise) more memory.
    assert rss_big <= rss_small * 1.2 + 8 * 1024, (rss_big, rss_small)


def test_a_read_error_in_the_reader_thread_reaches_the_caller():
    class Failing(io.RawIOBase):
        def __init__(self):
            self.calls = 0

        def readable(self):
            return True

        def readinto(self, b):
            self.calls += 1
            if self.calls > 2:
                raise OSError("disk went away")
            b[:6] = b"line\n\n"[: len(b)]
            return min(6, len(b))

    with pytest.raises(OSError, match="disk went away"):
        Scanner("x").feed_stream(Failing())


def test_the_reader_thread_ends_with_the_scan():
    from explainer.scan.scanner import _chunks

    before = threading.active_count()
    chunks = _chunks(io.BytesIO(b"a\n" * 100_000), size=4096)
    next(chunks)
    chunks.close()  # the caller stops early
    for t in threading.enumerate():
        if t.name == "tfexplain-scan-reader":
            t.join(timeout=5)
    assert threading.active_count() == before

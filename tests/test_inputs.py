"""Reading input: encodings, NUL padding, endless streams, huge logs, closed stdout, usage errors.

Through the real command (a subprocess reading real pipes and devices) where
the behaviour is the command's, in-process where a cap would take minutes to
reach for real.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT, run_cli, tfexplain_cmd

from explainer.inputs import MAX_NUL_RUN, InputError, read_input, sniff_encoding

EXAMPLE = ROOT / "examples" / "matmul.txt"
DIAGNOSED = b"Matrix size-incompatible"
NOISE_LINE = b"I0000 00:00:1.0 123 port.cc:153] oneDNN custom operations are on.\n"


def _one_line_exit_2(res) -> str:
    # warnings about skipped knowledge-base entries are the KB's own channel, not the input's
    err = "".join(line for line in res.stderr.decode().splitlines(True) if not line.startswith("tfexplain: skipped a"))
    assert res.returncode == 2, (res.returncode, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert res.stdout == b""
    return err


# --- encodings and NUL padding -----------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig"])
def test_utf16_and_utf32_logs_with_and_without_bom_are_explained(cli, codec):
    res = cli("-f", "json", stdin=EXAMPLE.read_text().encode(codec))
    assert res.returncode == 0, res.stderr  # UTF-16/32 used to be refused as binary
    assert DIAGNOSED in res.stdout


def test_encoding_is_recognised_by_bom_or_by_the_nul_pattern():
    text = EXAMPLE.read_text()
    assert sniff_encoding(text.encode("utf-16-le")) == ("utf-16-le", 0)
    assert sniff_encoding(text.encode("utf-16")) == ("utf-16-le", 2)
    assert sniff_encoding(text.encode("utf-32-be")) == ("utf-32-be", 0)
    assert sniff_encoding(text.encode("utf-8")) == ("utf-8", 0)
    assert sniff_encoding("Ünïcödé ✖ 漢字 text".encode()) == ("utf-8", 0)


def test_a_run_of_nuls_before_the_traceback_is_tolerated(cli):
    res = cli(stdin=b"\x00" * 300_000 + EXAMPLE.read_bytes() + b"\x00" * 4096)
    assert res.returncode == 0, res.stderr  # used to be refused: "contains NUL bytes"
    assert DIAGNOSED in res.stdout


def test_only_nuls_is_one_line_and_exit_2(cli):
    err = _one_line_exit_2(cli(stdin=b"\x00" * 10_000))
    assert "NUL" in err


# --- endless and slow streams ----------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_on_stdin_finishes_with_one_line(device):
    start = time.perf_counter()
    with open(device, "rb") as stream:
        res = subprocess.run(tfexplain_cmd(), stdin=stream, capture_output=True, timeout=120, check=False)
    took = time.perf_counter() - start
    _one_line_exit_2(res)
    assert took < 60, f"{device}: {took:.0f}s"


def test_a_stream_that_never_ends_is_cut_by_the_time_limit():
    """A writer that trickles log lines forever: reading stops after TFEXPLAIN_READ_SECONDS."""
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nwhile True:\n    print('Epoch 1/1', flush=True)\n    time.sleep(0.05)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        start = time.perf_counter()
        res = subprocess.run(
            tfexplain_cmd(),
            stdin=writer.stdout,
            capture_output=True,
            timeout=60,
            check=False,
            env=dict(os.environ, TFEXPLAIN_READ_SECONDS="2"),
        )
        took = time.perf_counter() - start
    finally:
        writer.kill()
        writer.wait()
    err = _one_line_exit_2(res)
    assert "stopped reading after 2 s" in err
    assert took < 30


def test_the_time_limit_still_explains_what_arrived():
    text = EXAMPLE.read_text().replace("\n", "\\n")
    writer = subprocess.Popen(
        [sys.executable, "-c", f"import sys, time\nsys.stdout.write('{text}'); sys.stdout.flush(); time.sleep(60)"],
        stdout=subprocess.PIPE,
    )
    try:
        res = subprocess.run(
            tfexplain_cmd(),
            stdin=writer.stdout,
            capture_output=True,
            timeout=60,
            check=False,
            env=dict(os.environ, TFEXPLAIN_READ_SECONDS="2"),
        )
    finally:
        writer.kill()
        writer.wait()
    assert res.returncode == 0 and DIAGNOSED in res.stdout
    assert "stopped reading after 2 s" in res.stderr.decode()


class _Endless(io.RawIOBase):
    """An endless stream of one repeated block, like `yes`."""

    def __init__(self, block: bytes):
        self.block = block
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = 1 << 20 if n is None or n < 0 else n
        out = (self.block * (n // len(self.block) + 1))[:n]
        self.served += len(out)
        return out


def test_an_endless_text_stream_stops_at_the_byte_cap():
    stream = _Endless(b"Epoch 1/1\n")
    got = read_input(stream, max_bytes=8 << 20)
    assert stream.served < 10 << 20
    assert "stopped reading after 8.0 MiB" in got.note


def test_endless_nuls_after_some_text_stop_and_keep_the_text():
    class TextThenZeros(_Endless):
        def read(self, n: int = -1) -> bytes:
            if self.served == 0:
                self.served = 1
                return EXAMPLE.read_bytes()
            return super().read(n)

    got = read_input(TextThenZeros(b"\x00"))
    assert "Matrix size-incompatible" in got.text
    assert "NUL" in got.note


def test_text_that_turns_binary_stops_reading():
    class TextThenBinary(_Endless):
        def read(self, n: int = -1) -> bytes:
            if self.served == 0:
                self.served = 1
                return EXAMPLE.read_bytes() * 100  # more than the first sample
            return super().read(n)

    got = read_input(TextThenBinary(bytes(range(256))))
    assert "Matrix size-incompatible" in got.text
    assert "turned binary" in got.note


def test_nul_cap_is_bounded():
    with pytest.raises(InputError, match="only NUL bytes"):
        read_input(_Endless(b"\x00" * 4096))
    assert MAX_NUL_RUN <= 64 << 20


# --- huge inputs: the last error, found by streaming ------------------------------------


def test_an_error_followed_by_a_long_tail_of_noise_is_still_found(cli):
    """4 MiB+ of log after the traceback: the old blind tail cut the error away."""
    data = NOISE_LINE * 1000 + EXAMPLE.read_bytes() + NOISE_LINE * 200_000
    assert len(data) > 12 << 20
    res = cli("-f", "json", stdin=data)
    assert res.returncode == 0, res.stderr
    assert DIAGNOSED in res.stdout
    err = res.stderr.decode()
    assert "looked at" in err and "not the whole input" in err  # says it read part only


def test_when_the_window_and_the_tail_cover_the_input_it_is_read_whole():
    data = NOISE_LINE * 1000 + EXAMPLE.read_bytes() + NOISE_LINE * 60_000  # 4-8 MiB
    got = read_input(io.BytesIO(data))
    assert got.note is None and len(got.text) == len(data)


def test_the_last_of_two_errors_is_the_one_explained(cli):
    first = b"Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nKeyError: 'first'\n"
    data = first + NOISE_LINE * 100_000 + EXAMPLE.read_bytes() + NOISE_LINE * 100_000
    res = cli("-f", "json", stdin=data)
    assert res.returncode == 0 and DIAGNOSED in res.stdout


def test_noise_with_error_words_after_the_traceback_does_not_push_it_out():
    """Shutdown warnings that contain `Error: ` after the traceback are not the error to explain."""
    warning = b"W0000 00:00:1.0 123 generator_dataset_op.cc:108] Error: iterator finalised late\n"
    chunk = (NOISE_LINE * 2000 + warning) * 120  # 15 MiB, a warning every 130 KiB
    got = read_input(io.BytesIO(NOISE_LINE * 1000 + EXAMPLE.read_bytes() + chunk))
    assert "Matrix size-incompatible" in got.text
    assert "not the whole input" in got.note


def test_a_small_input_is_read_whole_and_says_nothing(cli):
    res = cli(stdin=EXAMPLE.read_bytes())
    assert res.returncode == 0
    assert b"looked at" not in res.stderr and b"stopped reading" not in res.stderr


def test_reading_a_huge_log_is_streamed_in_bounded_memory():
    data = NOISE_LINE * 200_000 + EXAMPLE.read_bytes() + NOISE_LINE * 200_000
    got = read_input(io.BytesIO(data))
    assert "Matrix size-incompatible" in got.text
    assert len(got.text) < 9 << 20 and got.total == len(data)


# --- closed stdout, usage errors -------------------------------------------------------


def test_a_closed_stdout_exits_quietly():
    res = subprocess.run(
        [*tfexplain_cmd(), str(EXAMPLE)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    assert res.returncode == 0
    # `>&-`: no stdout at all used to be "internal error (AttributeError ...)"
    closed = subprocess.run(
        [*tfexplain_cmd(), str(EXAMPLE)],
        stdout=None,
        stderr=subprocess.PIPE,
        check=False,
        pass_fds=(),
        preexec_fn=lambda: os.close(1),
    )
    assert closed.stderr == b"", closed.stderr
    assert closed.returncode in (0, 1)


@pytest.mark.parametrize("args", [[str(EXAMPLE)], ["-f", "json", str(EXAMPLE)], ["list"]])
def test_a_reader_that_goes_away_gets_no_error_message(args):
    """`tfexplain < log | head -1`: the pipe closes before tfexplain writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        res = subprocess.run([*tfexplain_cmd(), *args], stdout=write_end, stderr=subprocess.PIPE, check=False)
    finally:
        os.close(write_end)
    assert res.stderr == b"", res.stderr
    assert res.returncode in (0, 1)


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--format", "yaml", str(EXAMPLE)], "'yaml' is not one of"),
        (["--bogus"], "No such option"),
        (["show"], "Missing argument"),
        (["list", "--area", "nowhere"], "'nowhere' is not one of"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, problem):
    res = run_cli(*args)
    err = _one_line_exit_2(res)
    assert err.startswith("tfexplain: ") and problem in err and err.rstrip().endswith("(see tfexplain --help)")

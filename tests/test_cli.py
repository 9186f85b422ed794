"""The command line through a real subprocess: contract, exit codes, bad input."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import ROOT, corpus_text

EXAMPLE = ROOT / "examples" / "matmul.txt"


def test_explains_the_bundled_example_in_its_own_values(cli):
    res = cli(stdin=EXAMPLE.read_bytes())
    out = res.stdout.decode()
    assert res.returncode == 0, res.stderr
    assert "Matrix multiply with non-matching inner dimensions" in out
    assert "Here A is (2, 2) and B is (3, 2)" in out
    assert "A has 2 columns but B has 3 rows" in out
    assert "train.py:13" in out  # the user's frame
    assert "\x1b[" not in out  # no colour when not a terminal


def test_file_argument_and_explicit_explain_command(cli):
    assert cli(str(EXAMPLE)).returncode == 0
    assert cli("explain", str(EXAMPLE)).returncode == 0
    assert cli("explain", "-", stdin=EXAMPLE.read_bytes()).returncode == 0


def test_json_contract(cli):
    res = cli("--format", "json", str(EXAMPLE))
    assert res.returncode == 0
    data = json.loads(res.stdout)
    assert set(data) >= {"error", "matches", "confident"}
    err = data["error"]
    assert set(err) >= {"type", "message", "ops", "shapes", "dtypes", "layer", "user_frame"}
    assert err["type"] == "InvalidArgumentError"
    assert err["ops"] == ["MatMul"]
    assert err["shapes"] == [[2, 2], [3, 2]]
    assert err["user_frame"]["line"] == 13
    assert data["confident"] is True
    best = data["matches"][0]
    assert set(best) >= {"id", "cause", "title", "score"}
    assert best["cause"] == "matmul-inner-dim"
    scores = [m["score"] for m in data["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_markdown_format(cli):
    res = cli("-f", "markdown", str(EXAMPLE))
    out = res.stdout.decode()
    assert out.startswith("## Matrix multiply with non-matching inner dimensions")
    assert "```python" in out


def test_colour_only_when_asked_or_on_a_tty(cli):
    assert "\x1b[" in cli("--color", str(EXAMPLE)).stdout.decode()
    assert "\x1b[" not in cli("--no-color", str(EXAMPLE)).stdout.decode()


def test_exit_1_for_an_error_outside_the_knowledge_base(cli):
    text = "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    x = {}['a']\nKeyError: 'a'\n"
    res = cli("-f", "json", stdin=text)
    assert res.returncode == 1
    data = json.loads(res.stdout)
    assert data["confident"] is False
    assert data["error"]["type"] == "KeyError"
    assert "Not in the knowledge base" in cli(stdin=text).stdout.decode()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "white space"),
        (b"\x00\x01\x02ELF\x00" * 100, "binary"),
        (bytes(range(128, 256)) * 400, "not UTF-8"),
        (b"just some words\nnothing wrong here\n", "no error found"),
    ],
    ids=["empty", "blank", "binary", "latin1-noise", "no-error"],
)
def test_bad_input_gets_one_line_and_exit_2(cli, data, reason):
    res = cli(stdin=data)
    assert res.returncode == 2
    err = res.stderr.decode()
    assert reason in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert res.stdout == b""


def test_a_50mb_line_is_refused_cleanly(cli):
    res = cli(stdin=b"x" * (50 * 1024 * 1024))
    assert res.returncode == 2
    assert res.stderr.decode().count("\n") == 1


def test_a_huge_log_with_the_error_at_the_end(cli):
    noise = b"Epoch 1/1\n" + b"I0000 00:00:1.0 123 port.cc:153] oneDNN custom operations are on.\n" * 400_000
    res = cli(stdin=noise + EXAMPLE.read_bytes())
    assert res.returncode == 0
    assert b"A has 2 columns but B has 3 rows" in res.stdout


def test_invalid_utf8_inside_a_real_traceback_is_still_explained(cli):
    data = b"log line \xff\xfe caf\xe9\n" + EXAMPLE.read_bytes()
    assert cli(stdin=data).returncode == 0


def test_truncated_traceback(cli):
    text = EXAMPLE.read_text()
    cut = text[: text.index("[Op:MatMul]")]
    res = cli("-f", "json", stdin=cut)
    assert res.returncode == 0
    assert json.loads(res.stdout)["matches"][0]["cause"] == "matmul-inner-dim"


def test_missing_file_and_usage_errors(cli):
    res = cli("/nonexistent/trace.txt")
    assert res.returncode == 2 and "cannot read" in res.stderr.decode()
    assert cli("--format", "yaml", str(EXAMPLE)).returncode == 2
    assert cli("show", "no-such-entry").returncode == 2


def test_show_renders_an_entry_with_its_verified_example(cli):
    res = cli("show", "matmul-inner-dim")
    out = res.stdout.decode()
    assert res.returncode == 0
    assert "Example of the mistake (broken.py)" in out
    assert "tf.matmul(a, tf.transpose(b))" in out
    assert "it raises:" in out and "Matrix size-incompatible" in out


def test_list_groups_entries_by_area(cli):
    out = cli("list").stdout.decode()
    assert "shape\n" in out and "matmul-inner-dim" in out
    only = cli("list", "--area", "shape").stdout.decode()
    assert "padding\n" not in only


def test_kb_check_passes_on_the_builtin_kb(cli):
    res = cli("kb", "check")
    assert res.returncode == 0, res.stderr.decode()
    assert "entries OK" in res.stdout.decode()


TEAM_ENTRY = """\
id = "{id}"
cause = "dtype-mismatch"
title = "Our feature store returns float64 columns"
summary = "Column {{{{ column }}}} arrived as float64."
explanation = "The feature store serialises doubles."
fix = "Call `fs.read(..., dtype='float32')`."
references = ["https://www.tensorflow.org/api_docs/python/tf/cast"]

[match]
exceptions = ["FeatureStoreError"]
patterns = ['feature store column (?P<column>\\w+) has dtype float64']
examples = ["FeatureStoreError: feature store column age has dtype float64"]

[verify]
raises = "FeatureStoreError"
"""


def _team_kb(tmp_path, entry_id="team-feature-store-float64", body=None):
    folder = tmp_path / "team-kb" / "dtype" / entry_id
    folder.mkdir(parents=True)
    (folder / "entry.toml").write_text(body or TEAM_ENTRY.format(id=entry_id))
    (folder / "broken.py").write_text("raise SystemExit('not run in this test')\n")
    (folder / "fixed.py").write_text("pass\n")
    return tmp_path / "team-kb"


def test_a_team_kb_folder_is_matched_beside_the_builtin_one(cli, tmp_path):
    kb = _team_kb(tmp_path)
    text = "FeatureStoreError: feature store column income has dtype float64\n"
    assert cli(stdin=text).returncode == 1  # unknown without the team folder
    res = cli("-f", "json", "--kb", str(kb), stdin=text)
    assert res.returncode == 0
    assert json.loads(res.stdout)["matches"][0]["id"] == "team-feature-store-float64"
    out = cli("--kb", str(kb), stdin=text).stdout.decode()
    assert "Column income arrived as float64." in out
    # the same through the environment variable
    res = cli("-f", "json", stdin=text, env={"TFEXPLAIN_KB_PATH": str(kb)})
    assert res.returncode == 0
    assert cli("kb", "check", "--kb", str(kb)).returncode == 0


def test_a_broken_team_kb_names_the_file_and_field(cli, tmp_path):
    body = TEAM_ENTRY.format(id="team-bad").replace('cause = "dtype-mismatch"', 'cause = "no-such-cause"')
    body = body.replace("patterns = ['", "patterns = ['(unclosed")
    kb = _team_kb(tmp_path, "team-bad", body)
    res = cli("kb", "check", "--kb", str(kb))
    err = res.stderr.decode()
    assert res.returncode == 2
    assert "team-bad/entry.toml: field `cause`: 'no-such-cause' is not in the cause registry" in err
    assert "[match] patterns[0]: RE2 cannot compile it (missing )" in err
    # explaining still works: the faulty entry is skipped, not fatal
    assert cli("--kb", str(kb), str(EXAMPLE)).returncode == 0


def test_duplicate_ids_and_patterns_the_linear_engine_cannot_run_are_rejected(cli, tmp_path):
    body = TEAM_ENTRY.format(id="team-lookaround").replace("(?P<column>\\w+)", "(?P<column>(?!id)\\w+)")
    kb = _team_kb(tmp_path, "team-lookaround", body)
    err = cli("kb", "check", "--kb", str(kb)).stderr.decode()
    assert "patterns[0]: RE2 cannot compile it (invalid perl operator: (?!)" in err
    body = TEAM_ENTRY.format(id="matmul-inner-dim")
    kb2 = _team_kb(tmp_path / "two", "matmul-inner-dim", body)
    err = cli("kb", "check", "--kb", str(kb2)).stderr.decode()
    assert "'matmul-inner-dim' is already used by" in err


def test_scan_finds_each_distinct_error_in_a_log(cli):
    log = (
        "Epoch 1/3\n"
        + EXAMPLE.read_text()
        + "some more training output\n"
        + corpus_text("gen-dtype-mismatch-2")
        + EXAMPLE.read_text()  # repeated: reported once
    )
    res = cli("scan", stdin=log)
    out = res.stdout.decode()
    assert out.count("\n1. ") + out.startswith("1. ") == 1
    assert "2. " in out and "3. " not in out
    assert "matmul-inner-dim" in out


def test_version_and_help(cli):
    assert cli("--version").stdout.decode().startswith("tfexplain, version")
    assert "tfexplain < traceback.txt" in cli("--help").stdout.decode()


def test_explaining_never_imports_tensorflow():
    import subprocess
    import sys

    code = textwrap.dedent(
        f"""
        import sys, explainer
        assert "jinja2" not in sys.modules and "rapidfuzz" not in sys.modules
        d = explainer.diagnose(open({str(EXAMPLE)!r}).read())
        assert d.confident
        print("tensorflow" in sys.modules, "keras" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"

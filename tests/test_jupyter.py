"""`%load_ext explainer` in a real Jupyter kernel (nbclient + ipykernel) and in terminal IPython."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[test]' (nbclient, ipykernel)")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

CELLS = [
    "%load_ext explainer",
    "import os\nos.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'\nimport tensorflow as tf",
    # Cell In[3]: the failing call is on line 5.
    "def step():\n    a = tf.ones((2, 2))\n    b = tf.ones((3, 2))\n\n    return tf.matmul(a, b)\n\nstep()",
    "1 / 0",
    "tf.strings.to_number('abc')",
    "%unload_ext explainer",
    "step()",
]


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in CELLS])
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True)
    client.execute()
    return nb.cells


def outputs(cell, kind):
    return [o for o in cell.outputs if o.output_type == kind]


def test_a_tensorflow_error_in_a_cell_is_shown_as_rich_output_naming_the_cell(executed):
    cell = executed[2]
    assert cell.execution_count == 3
    (error,) = outputs(cell, "error")
    assert error.ename == "InvalidArgumentError"
    (shown,) = outputs(cell, "display_data")
    data = shown.data
    assert {"text/html", "text/markdown", "text/plain"} <= set(data)
    assert "Matrix multiply with non-matching inner dimensions" in data["text/html"]
    assert "Cell In[3], line 5" in data["text/html"] and "ipykernel_" not in data["text/html"]
    assert "`Cell In[3], line 5`" in data["text/markdown"]
    assert data["text/plain"].startswith("<Diagnosis 'InvalidArgumentError") and "\n" not in data["text/plain"]
    assert not outputs(cell, "stream")  # nothing on stderr/stdout beside the rich output


def test_the_kernel_stays_quiet_on_other_errors_and_says_one_line_for_unknown_tf_errors(executed):
    zero = executed[3]
    assert [o.ename for o in outputs(zero, "error")] == ["ZeroDivisionError"]
    assert not outputs(zero, "display_data") and not outputs(zero, "stream")
    unknown = executed[4]
    assert [o.ename for o in outputs(unknown, "error")] == ["InvalidArgumentError"]
    streams = "".join(o.text for o in outputs(unknown, "stream"))
    assert (
        streams.strip()
        == "tfexplain: no knowledge-base entry fits this InvalidArgumentError (tfexplain --help for what it knows)"
    )
    assert not outputs(unknown, "display_data")


def test_unload_ext_removes_the_handler(executed):
    again = executed[6]
    assert [o.ename for o in outputs(again, "error")] == ["InvalidArgumentError"]
    assert not outputs(again, "display_data")


def test_terminal_ipython_prints_text_and_names_the_cell():
    lines = [
        "%load_ext explainer",
        'raise ValueError("Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2]")',
        "1/0",
        'print("end")',
    ]
    res = subprocess.run(
        [sys.executable, "-m", "IPython", "--simple-prompt", "--no-banner", "--colors=NoColor"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, NO_COLOR="1"),
        check=False,
    )
    out = res.stdout
    assert "Diagnosis: Matrix multiply with non-matching inner dimensions" in out
    assert "in your code: Cell In[2], line 1 (<module>)" in out
    after_zero = out[out.index("ZeroDivisionError") : out.index("end")]
    assert "tfexplain" not in after_zero and "Diagnosis" not in after_zero

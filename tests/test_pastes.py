"""Pastes that hold an error however little of it there is (issue 6, point 1).

A message without its exception type, an issue title, TensorFlow's C++ log
lines: when a knowledge-base rule or a known message template recognises a
line, the input holds an error, and it is never refused with exit 2.
"""

from __future__ import annotations

import json

from conftest import CORPUS

from explainer import kb as kbmod
from explainer.diagnosis import explain_text
from explainer.parse import parse_text

CPP_OP_REQUIRES = (
    "2020-04-30 09:42:43.542769: W tensorflow/core/framework/op_kernel.cc:1622] OP_REQUIRES failed at "
    "sparse_xent_op.cc:90 : Invalid argument: Received a label value of 67 which is outside the valid range "
    "of [0, 2).  Label values: 0 67 57\n"
)
ABSL_NOT_FOUND = (
    "W1221 18:46:13.067473  4242 op_kernel.cc:1192] Not found: Unsuccessful TensorSliceReader constructor: "
    "Failed to find any matching files for log/model.ckpt\n"
)


def causes(text: str) -> tuple[list[str], bool]:
    d = explain_text(text)
    assert d.report is not None, "refused a paste that holds an error"
    out: list[str] = []
    for m in d.matches:
        if m.entry.cause not in out:
            out.append(m.entry.cause)
    return out, d.confident


def test_a_message_without_its_exception_type():
    got, confident = causes("Received a label value of 1 which is outside the valid range of [0, 1)")
    assert got[0] == "label-out-of-range" and confident


def test_cpp_op_requires_line_becomes_the_error_with_its_type():
    report = parse_text(CPP_OP_REQUIRES)
    assert report.type == "InvalidArgumentError"
    assert report.core_message.startswith("Received a label value of 67")
    assert report.values["label"] == "67" and report.values["label_high"] == "2"
    assert causes(CPP_OP_REQUIRES)[0][0] == "label-out-of-range"


def test_absl_form_of_a_cpp_log_line():
    report = parse_text(ABSL_NOT_FOUND)
    assert report.type == "NotFoundError"
    assert causes(ABSL_NOT_FOUND)[0][0] == "checkpoint-path-not-found"


def test_info_lines_alone_are_still_no_error(cli):
    text = "2020-04-30 09:42:43.542769: I tensorflow/core/platform/cpu_feature_guard.cc:142] Your CPU supports AVX2\n"
    assert parse_text(text) is None
    assert cli(stdin=text).returncode == 2


def test_a_line_recognised_by_the_knowledge_base_is_an_error():
    kb = kbmod.load()
    line = "Input arrays should have the same number of samples as target arrays. Found 10 input samples and 50 target samples."
    assert kb.recognises(line)
    assert parse_text(line, kb.recognises) is not None
    assert causes(line)[0][0] == "data-cardinality"
    assert not kb.recognises("Epoch 3/10 - loss: 0.25 - accuracy: 0.91")


def test_no_in_registry_case_of_the_shared_corpus_is_refused():
    refused = []
    for path in sorted(CORPUS.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if case["cause"] != "other" and explain_text(case["text"]).report is None:
            refused.append(path.name)
    assert not refused


TB_A = "Traceback (most recent call last):\n  File \"prep.py\", line 3, in <module>\n    load()\nKeyError: 'label'\n"
TB_B = (
    "Traceback (most recent call last):\n"
    '  File "train.py", line 9, in <module>\n'
    "    tf.matmul(a, b)\n"
    "tensorflow.python.framework.errors_impl.InvalidArgumentError: Matrix size-incompatible: "
    "In[0]: [2,2], In[1]: [3,2] [Op:MatMul]\n"
)


def test_two_tracebacks_one_after_the_other_are_two_errors_not_a_chain():
    report = parse_text(TB_A + "retrying...\n" + TB_B)
    assert [r.short_type for r in report.chain] == ["InvalidArgumentError"]
    assert report.user_frame.file == "train.py"


def test_a_real_chain_keeps_every_link():
    text = TB_B + "\nDuring handling of the above exception, another exception occurred:\n\n" + TB_A
    report = parse_text(text)
    assert [r.short_type for r in report.chain] == ["InvalidArgumentError", "KeyError"]


def test_the_headline_says_what_not_where_and_is_cut_at_a_word():
    text = (
        "Node: 'sparse_categorical_crossentropy/SparseSoftmaxCrossEntropyWithLogits'\n"
        "Received a label value of 1640 which is outside the valid range of [0, 1640).\n"
        " [[{{node sparse_categorical_crossentropy/SparseSoftmaxCrossEntropyWithLogits}}]]"
    )
    assert explain_text(text).report.headline.startswith("Received a label value of 1640")
    long = parse_text("ValueError: " + "incompatible " * 40).headline
    assert long.endswith("incompatible …") and len(long) <= 245


def test_interleaved_workers_are_explained_one_by_one_never_merged():
    a = [
        "Traceback (most recent call last):",
        '  File "train.py", line 9, in <module>',
        "    tf.matmul(a, b)",
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: Matrix size-incompatible: "
        "In[0]: [2,2], In[1]: [3,2] [Op:MatMul]",
    ]
    b = [
        "Traceback (most recent call last):",
        '  File "train.py", line 20, in <module>',
        "    model.fit(x, y)",
        "ValueError: Received a label value of 5 which is outside the valid range of [0, 4).  Label values: 1 5",
    ]
    lines = [f"{p} {line}" for x, y in zip(a, b, strict=True) for p, line in (("(pid=11)", x), ("(pid=12)", y))]
    d = explain_text("\n".join(lines) + "\n")
    assert d.worker == "pid=12" and d.best.entry.cause == "label-out-of-range" and d.confident
    assert [o.worker for o in d.others] == ["pid=11"]
    assert d.others[0].best.entry.cause == "matmul-inner-dim"
    data = d.to_dict()
    assert data["worker"] == "pid=12" and data["others"][0]["matches"][0]["cause"] == "matmul-inner-dim"
    assert "[pid=11] InvalidArgumentError: Matrix size-incompatible" in d.to_text()


class Boom(Exception):  # a name the text parser does not take for an exception class
    pass


def test_a_live_exception_keeps_its_own_type_and_message_whatever_its_name():
    from explainer.parse import parse_exception

    def fail():
        raise Boom("Incompatible shapes: [2,3] vs. [4,5]")

    try:
        fail()
    except Boom as exc:
        report = parse_exception(exc)
    assert report.type == "Boom" and report.core_message == "Incompatible shapes: [2,3] vs. [4,5]"
    assert report.shapes == [[2, 3], [4, 5]]
    assert report.user_frame is not None and report.user_frame.function == "fail"

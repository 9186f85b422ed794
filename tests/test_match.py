"""Ranking: one message, several causes; and abstaining when nothing fits."""

from __future__ import annotations

import pytest
from conftest import corpus_text

from explainer import kb as kbmod
from explainer.diagnosis import Choice, Diagnosis, explain_text
from explainer.match import CONFIDENT, Match, is_confident
from explainer.parse import parse_text
from explainer.render import render


def causes(d: Diagnosis) -> list[str]:
    out = []
    for m in d.matches:
        if m.entry.cause not in out:
            out.append(m.entry.cause)
    return out


def traceback_with(code: str, message: str) -> str:
    return (
        "Traceback (most recent call last):\n"
        '  File "/home/u/train.py", line 12, in <module>\n'
        f"    {code}\n"
        '  File "/home/u/.venv/lib/python3.11/site-packages/keras/src/utils/traceback_utils.py", line 122, in error_handler\n'
        "    raise e.with_traceback(filtered_tb) from None\n"
        f"{message}\n"
    )


GATHER = (
    "tensorflow.python.framework.errors_impl.InvalidArgumentError: Exception encountered when calling "
    "Embedding.call().\n\n{{{{function_node __wrapped__GatherV2_device_/job:localhost/replica:0/task:0/"
    "device:CPU:0}}}} indices[{pos}] = {index} is not in [0, {high}) [Op:GatherV2]\n"
)


@pytest.mark.parametrize(
    ("code", "pos", "index", "high", "want", "other"),
    [
        # a position id equal to its own time index: the sequence outgrew the position table
        ("x = self.pos_emb(tf.range(seq_len))", "0,64", 64, 64, "sequence-longer-than-model", "token-id-out-of-vocab"),
        # an id far past a vocabulary table, at an arbitrary position
        (
            "vec = user_emb(tf.constant(new_users))",
            "2,0",
            1041,
            1000,
            "token-id-out-of-vocab",
            "sequence-longer-than-model",
        ),
    ],
)
def test_gather_index_out_of_range_position_vs_vocabulary(code, pos, index, high, want, other):
    d = explain_text(traceback_with(code, GATHER.format(pos=pos, index=index, high=high)))
    assert causes(d)[0] == want
    assert other in causes(d)[:3]  # the rival is still shown
    assert d.confident


def test_incompatible_shapes_from_a_mask_vs_a_plain_broadcast():
    message = (
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: Incompatible shapes: "
        "[2,4,12,12] vs. [2,1,1,10] [Op:AddV2]"
    )
    masked = explain_text(traceback_with("scores += (padding_mask * -1e9)", message))
    plain = explain_text(traceback_with("out = scores + bias", message))
    assert causes(masked)[0] == "attention-mask-mismatch" and masked.confident
    assert causes(plain)[0] == "broadcast-incompatible"
    assert "attention-mask-mismatch" in causes(plain)[:3]


def test_matrix_size_incompatible_plain_matmul_vs_rnn_state():
    # In[1] = (256, 1024) is an LSTM recurrent kernel (units, 4*units): the state is 257 wide
    rnn = explain_text("InvalidArgumentError: Matrix size-incompatible: In[0]: [3,257], In[1]: [256,1024] [Op:MatMul]")
    plain = explain_text("InvalidArgumentError: Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2] [Op:MatMul]")
    assert causes(rnn)[0] == "rnn-initial-state-shape"
    assert "matmul-inner-dim" in causes(rnn)[:3]
    assert causes(plain)[0] == "matmul-inner-dim" and plain.confident


def test_rank_errors_depend_on_the_layer():
    lstm = explain_text(
        'ValueError: Input 0 of layer "lstm" is incompatible with the layer: expected ndim=3, found ndim=2. '
        "Full shape received: (None, 300)"
    )
    conv = explain_text(
        'ValueError: Input 0 of layer "conv2d" is incompatible with the layer: expected min_ndim=4, found ndim=3. '
        "Full shape received: (None, 28, 28)"
    )
    assert causes(lstm)[0] == "rnn-input-rank" and lstm.confident
    assert causes(conv)[0] == "input-rank" and conv.confident


@pytest.mark.parametrize(
    "text",
    [
        'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\n    cfg["lr"]\nKeyError: \'lr\'\n',
        "ImportError: DLL load failed: The specified module could not be found.",
        "ModuleNotFoundError: No module named 'sklearn'",
        "ZeroDivisionError: division by zero",
        corpus_text("c-neg-dll-load-failed-windows"),
        corpus_text("b-bojone-19-batch-dot-version"),
    ],
)
def test_errors_outside_the_registry_are_not_diagnosed(text):
    d = explain_text(text)
    assert d.report is not None
    assert not d.confident
    assert d.exit_code == 1
    assert "Not in the knowledge base" in render(d) or "Two causes fit" in render(d)


def test_confidence_needs_score_and_margin():
    knowledge = kbmod.load()
    a, b = knowledge.get("matmul-inner-dim"), knowledge.get("rnn-initial-state-shape-units")
    assert is_confident([Match(a, CONFIDENT + 0.2), Match(b, CONFIDENT)])
    assert not is_confident([Match(a, CONFIDENT + 0.05), Match(b, CONFIDENT)])  # too close
    assert not is_confident([Match(a, CONFIDENT - 0.01)])  # too weak
    same_cause = knowledge.get("rnn-initial-state-shape-batch")
    assert is_confident([Match(b, 0.9), Match(same_cause, 0.89)])  # one cause, two wordings


def test_ambiguous_diagnosis_says_so_and_shows_both_best_first():
    knowledge = kbmod.load()
    report = parse_text("InvalidArgumentError: Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2] [Op:MatMul]")
    a, b = knowledge.get("matmul-inner-dim"), knowledge.get("rnn-initial-state-shape-units")
    c = knowledge.get("label-out-of-range-sparse-ce")
    # c scores close too, but none of its patterns matched the message: it is not a cause that fits
    matches = [Match(a, 0.8, hit=True), Match(b, 0.77, hit=True), Match(c, 0.75)]
    d = Diagnosis(report, matches, confident=False, summary="S", fix="F")
    d.choices = [Choice(matches[0], "first summary", "Is it a plain matmul?"), Choice(matches[1], "second summary")]
    text = render(d)
    assert d.ambiguous and d.exit_code == 1
    assert [m.entry.id for m in d.rivals] == ["matmul-inner-dim", "rnn-initial-state-shape-units"]
    assert "Two causes fit this message; the evidence does not decide between them." in text
    assert text.index("1. Matrix multiply") < text.index("2. RNN")
    assert "Tell-tale: Is it a plain matmul? (yes: this cause)" in text
    assert "label" not in text.lower().split("causes fit")[1]  # the look-alike is not listed


def test_less_likely_lists_only_causes_whose_patterns_matched():
    knowledge = kbmod.load()
    report = parse_text("InvalidArgumentError: Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2] [Op:MatMul]")
    a, b = knowledge.get("matmul-inner-dim"), knowledge.get("label-out-of-range-sparse-ce")
    d = Diagnosis(report, [Match(a, 1.2, hit=True), Match(b, 0.55)], confident=True)
    assert d.less_likely == []
    d = Diagnosis(report, [Match(a, 1.2, hit=True), Match(b, 0.55, hit=True)], confident=True)
    assert [m.entry.id for m in d.less_likely] == ["label-out-of-range-sparse-ce"]


def test_a_message_two_causes_share_needs_a_fact_beyond_it():
    # Keras 2 prints the same check for an LSTM's and a Conv1D's (or any 3-D) model input: with
    # a generic input name the message cannot tell the causes apart, so neither is confident.
    shared = "ValueError: Error when checking input: expected input_1 to have 3 dimensions, but got array with shape (100, 24)"
    d = explain_text(shared)
    assert not d.confident
    assert {"input-rank", "rnn-input-rank"} <= set(causes(d)[:2])
    # The name Keras gives the input of a first LSTM layer settles it.
    named = explain_text(shared.replace("input_1", "lstm_1_input"))
    assert causes(named)[0] == "rnn-input-rank" and named.confident


def test_a_catalogue_message_shared_with_another_cause_is_said_to_be_so():
    message = "RuntimeError: Attempting to capture an EagerTensor without building a function."
    bare = explain_text(message)
    assert causes(bare)[0] == "eager-graph-mixing" and not bare.confident
    text = render(bare, "text", False)
    assert "Probably:" in text and "TF1 name-based checkpoint" in text  # the other cause, in words
    # The user's own graph-building line is the fact that singles the cause out.
    framed = explain_text(traceback_with("with tf.Graph().as_default(): y = w * 2", message))
    assert causes(framed)[0] == "eager-graph-mixing" and framed.confident


def test_inside_a_loss_the_ranks_of_the_two_operands_tell_labels_from_a_constant():
    # Labels and predictions both carry the batch axis; a rank-1 operand is a constant vector.
    weights = explain_text(corpus_text("gen-broadcast-incompatible-1"))  # (32, 3) * 4 target weights
    assert causes(weights)[0] == "broadcast-incompatible" and weights.confident
    labels = explain_text(
        "ValueError: Dimensions must be equal, but are 3 and 4 for '{{node compile_loss/mean_squared_error/sub}} "
        "= Sub[T=DT_FLOAT](data_1, sequential_1/dense_1/BiasAdd)' with input shapes: [32,4], [32,3]."
    )
    assert causes(labels)[0] == "output-units-vs-labels" and labels.confident


@pytest.mark.parametrize(
    ("message", "cause"),
    [
        # NanTensorHook's log line, re-raised by training frameworks (OpenNMT-tf#744)
        ("RuntimeError: Model diverged with loss = NaN.", "nan-inf-values"),
        ("Epoch 12: loss = nan, stopping", "nan-inf-values"),
        # Keras 3 Layer.__call__ (keras-team/keras#18676)
        (
            "ValueError: Exception encountered when calling TFVideoFocalNet.call().\nOnly input tensors may be "
            "passed as positional arguments. The following argument value should be passed as a keyword "
            "argument: 56 (of type <class 'int'>)",
            "keras3-compat",
        ),
    ],
)
def test_catalogued_wordings_of_other_frameworks_and_versions(message, cause):
    d = explain_text(message)
    assert d.report is not None and causes(d)[0] == cause


def test_numpy_out_of_bounds_on_axis_1_is_a_class_id_only_inside_to_categorical():
    message = "IndexError: index 10 is out of bounds for axis 1 with size 10"
    labels = explain_text(traceback_with("y = keras.utils.to_categorical(y, num_classes=10)", message))
    assert causes(labels)[0] == "label-out-of-range" and labels.confident
    assert "numbered 1..10" in labels.summary
    plain = explain_text(traceback_with("col = table[:, 10]", message))  # any NumPy indexing prints this
    assert not plain.confident

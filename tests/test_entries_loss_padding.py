"""Loss and padding entries: other versions' wordings, reasoning from the numbers, honest ambiguity (issue 6).

Every test explains a message in a real TensorFlow/Keras wording (the format strings
catalogued in the entries, see their `[[match.message]]` tables) and checks the ranking
and what the rendered texts say.
"""

from __future__ import annotations

import re

from explainer import kb as kbmod
from explainer.diagnosis import diagnose
from explainer.parse import parse_text

KB = kbmod.load()


def explain(text: str):
    return diagnose(parse_text(text, KB.recognises), KB)


def texts(d) -> str:
    return "\n".join([d.summary, d.explanation, d.fix])


def causes(d) -> list[str]:
    out: list[str] = []
    for m in d.matches:
        if m.entry.cause not in out:
            out.append(m.entry.cause)
    return out


def assert_clean(body: str) -> None:
    """The rendering bugs of issue 6, point 6: no "1 units", "0..0", doubled parentheses or None counts."""
    assert not re.search(r"\b1 units\b", body), body
    assert "0..0" not in body, body
    assert "((" not in body, body
    assert "None wide" not in body and "None predictions" not in body, body


# --- label out of range --------------------------------------------------------------


def test_untyped_label_message_with_one_class_says_only_class_zero():
    d = explain("Received a label value of 1 which is outside the valid range of [0, 1)")
    assert d.report is not None and d.best.entry.id == "label-out-of-range-sparse-ce"
    assert d.confident
    assert "the only valid class id is 0" in d.summary
    assert "at least 2 units" in d.summary
    assert "binary" in d.explanation and 'Dense(1, activation="sigmoid")' in d.explanation
    assert_clean(texts(d))


def test_label_equal_to_the_class_count_counts_up_from_the_users_numbers():
    d = explain(
        "Node: 'sparse_categorical_crossentropy/SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits'\n"
        "Received a label value of 1640 which is outside the valid range of [0, 1640).\n"
    )
    assert d.best.entry.id == "label-out-of-range-sparse-ce"
    assert "0..1639" in d.summary and "at least 1641 units" in d.summary
    assert_clean(texts(d))


def test_torch_backend_wording_reaches_label_out_of_range():
    d = explain("IndexError: Target 7 is out of bounds.")
    assert causes(d)[:1] == ["label-out-of-range"]


# --- label dtype and NaN --------------------------------------------------------------


def test_keras3_string_array_and_untyped_cast_reach_label_dtype():
    for text in ("ValueError: Invalid dtype: str96", "Cast string to float is not supported"):
        d = explain(text)
        assert causes(d)[:1] == ["label-dtype"], text


def test_histogram_and_check_numerics_callback_wordings():
    d = explain("InvalidArgumentError: Infinity in Histogram for: dense_1/kernel_0")
    assert causes(d)[:1] == ["nan-inf-values"]
    d = explain(
        'InvalidArgumentError: \n\n!!! Detected Infinity or NaN in output 0 of eagerly-executing op "Log" '
        "(# of outputs: 1) !!!\n  dtype: <dtype: 'float32'>\n  shape: (4,)\n"
    )
    assert d.best.entry.id == "nan-inf-values-check-numerics"
    assert "`Log`" in d.summary


# --- Keras 1/2 target checks ---------------------------------------------------------------


def test_keras1_model_target_wording_with_batch_axis_is_integer_labels():
    d = explain(
        "ValueError: Error when checking model target: expected dense_2 to have shape (None, 10) "
        "but got array with shape (60000, 1)"
    )
    assert d.best.entry.id == "sparse-vs-categorical-labels-integer-targets"
    assert "num_classes=10" in d.fix


def test_keras2_target_shape_wording_one_unit_head():
    d = explain(
        "ValueError: Error when checking target: expected dense_3 to have shape (1,) but got array with shape (2,)"
    )
    assert d.best.entry.cause == "output-units-vs-labels"
    assert "outputs 1 value per sample" in d.summary and "needs 2 units" in d.summary
    assert_clean(texts(d))


def test_keras2_rank_wording_with_a_recurrent_output_layer_is_return_sequences():
    d = explain(
        "ValueError: Error when checking target: expected lstm_1 to have 3 dimensions, but got array with shape (100, 1)"
    )
    assert d.best.entry.id == "sequence-target-shape-return-sequences" and d.confident
    assert any("recurrent" in e for e in d.best.evidence)


# --- the shared sparse wordings: one-hot labels vs a missing return_sequences -------------


def test_keras3_sparse_rank_same_shape_is_one_hot():
    d = explain(
        "ValueError: Argument `output` must have rank (ndim) `target.ndim - 1`. "
        "Received: target.shape=(None, 10), output.shape=(None, 10)"
    )
    assert d.best.entry.id == "sparse-vs-categorical-labels-onehot-sparse-loss" and d.confident
    assert "(None,)" in d.summary
    assert_clean(texts(d))


def test_keras3_sparse_rank_with_rank3_logits_is_return_sequences():
    d = explain(
        "ValueError: Argument `output` must have rank (ndim) `target.ndim - 1`. "
        "Received: target.shape=(None,), output.shape=(None, 20, 10)"
    )
    assert d.best.entry.id == "sequence-target-shape-return-sequences" and d.confident
    assert "20 predictions per sample" in d.explanation
    assert_clean(texts(d))


def test_tf1_ranks_only_wording_decides_by_the_ranks():
    d = explain(
        "ValueError: Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2)."
    )
    assert causes(d)[:1] == ["sparse-vs-categorical-labels"] and d.confident
    d = explain(
        "ValueError: Rank mismatch: Rank of labels (received 1) should equal rank of logits minus 1 (received 3)."
    )
    assert causes(d)[:1] == ["sequence-target-shape"] and d.confident


def test_one_hot_labels_against_per_timestep_logits_ask_which_it_is():
    # labels end in the class count (one-hot) AND the logits have a time axis: both facts hold
    d = explain(
        "ValueError: Shape mismatch: The shape of labels (received (32, 10)) should equal the shape of logits "
        "except for the last dimension (received (32, 20, 10))."
    )
    assert not d.confident
    assert set(causes(d)[:2]) == {"sequence-target-shape", "sparse-vs-categorical-labels"}
    questions = {c.match.entry.cause: c.question for c in d.choices}
    assert "one-hot" in questions["sparse-vs-categorical-labels"]
    assert "return_sequences" in questions["sequence-target-shape"]
    assert "(32, 20, 10)" in questions["sequence-target-shape"] and "((" not in questions["sequence-target-shape"]
    for c in d.choices:
        assert_clean(c.summary)


def test_per_sequence_labels_against_per_timestep_logits_is_return_sequences():
    d = explain(
        "ValueError: `labels.shape` must equal `logits.shape` except for the last dimension. "
        "Received: labels.shape=(32, 1) and logits.shape=(32, 20, 10)"
    )
    assert d.best.entry.id == "sequence-target-shape-return-sequences" and d.confident


def test_keras2_flattened_labels_decide_by_arithmetic():
    one_hot = explain(
        "InvalidArgumentError: logits and labels must have the same first dimension, "
        "got logits shape [32,10] and labels shape [320]"
    )
    assert one_hot.best.entry.id == "sparse-vs-categorical-labels-onehot-sparse-loss" and one_hot.confident
    assert "10 values per sample" in one_hot.summary
    timesteps = explain(
        "InvalidArgumentError: logits and labels must have the same first dimension, got logits shape [3200,10] "
        "and labels shape [32]\n\t [[{{node loss/lstm_1_loss/SparseSoftmaxCrossEntropyWithLogits/"
        "SparseSoftmaxCrossEntropyWithLogits}}]]"
    )
    assert timesteps.best.entry.id == "sequence-target-shape-return-sequences" and timesteps.confident
    assert "100 predictions per label" in timesteps.explanation

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


# --- token ids, positions: an embedding needs evidence ------------------------------------


def test_plain_tf_gather_is_not_diagnosed_as_an_embedding_vocabulary():
    d = explain("InvalidArgumentError: indices[3] = 7 is not in [0, 5) [Op:GatherV2]")
    assert not d.confident
    assert causes(d)[:1] == ["token-id-out-of-vocab"]
    assert "tf.gather" in d.best.entry.summary or "tf.gather" in d.summary
    assert any("plain tf.gather" in e for e in d.best.evidence)


def test_embedding_evidence_makes_the_vocabulary_diagnosis_confident():
    d = explain(
        "InvalidArgumentError: indices[5,3] = 43511 is not in [0, 43511) "
        "[[node sequential_2/embedding/embedding_lookup]]"
    )
    assert d.best.entry.id == "token-id-out-of-vocab-embedding" and d.confident
    assert "input_dim=43512" in d.fix and "must be 43512" in d.explanation
    # the `len(word_index) + 1` advice is qualified: with num_words the tokenizer never emits ids >= num_words
    assert "Tokenizer(num_words=N)" in d.fix and "`input_dim=N` is enough" in d.fix
    assert_clean(texts(d))


def test_one_row_table_renders_the_only_valid_id():
    d = explain(
        "InvalidArgumentError: Exception encountered when calling Embedding.call(). "
        "indices[0,3] = 1 is not in [0, 1) [Op:GatherV2]"
    )
    assert "the only valid id is 0" in d.summary
    assert_clean(texts(d))


def test_hugging_face_input_ids_check_reaches_token_id_out_of_vocab():
    d = explain(
        "InvalidArgumentError: input_ids must be smaller than the embedding layer's input dimension "
        "(got 50257 >= 50257)"
    )
    assert causes(d)[:1] == ["token-id-out-of-vocab"] and d.confident


def test_value_equal_to_its_own_index_is_a_position_table():
    d = explain("InvalidArgumentError: indices[0,512] = 512 is not in [0, 512) [Op:GatherV2]")
    assert d.best.entry.id == "sequence-longer-than-model-position-embedding" and d.confident
    assert "0..511" in d.summary and "at least 513 tokens" in d.summary


# --- tf.data batching and structure ---------------------------------------------------------


def test_generator_yielding_single_examples_against_a_batched_signature():
    d = explain(
        "InvalidArgumentError: TypeError: `generator` yielded an element of shape (28, 28) "
        "where an element of shape (None, 28, 28) was expected."
    )
    assert d.best.entry.cause == "dataset-batching"
    assert "yields single examples" in d.summary


def test_generator_yielding_batches_against_a_per_example_signature():
    d = explain(
        "InvalidArgumentError: TypeError: `generator` yielded an element of TensorSpec(shape=(32, 28, 28), "
        "dtype=tf.float32, name=None) where an element of TensorSpec(shape=(28, 28), dtype=tf.float32, name=None) "
        "was expected."
    )
    assert d.best.entry.cause == "dataset-batching"
    assert "already yields batches" in d.summary


def test_keras2_input_count_wordings_reach_the_structure_entry():
    for text in (
        "ValueError: Layer sequential expects 1 inputs, but it received 2 input tensors. Input received: [x, y]",
        'ValueError: Layer "model" expects 1 input(s), but it received 2 input tensors. Inputs received: [a, b]',
    ):
        d = explain(text)
        assert d.best.entry.id == "dataset-batching-structure-keras2", text


# --- padding lengths, ragged rows, masks, pad tokens ------------------------------------------


def test_keras2_embedding_input_length_is_reasoned_from_both_lengths():
    d = explain(
        "ValueError: Error when checking input: expected embedding_1_input to have shape (50,) "
        "but got array with shape (100,)"
    )
    assert d.best.entry.id == "padded-length-mismatch-input-shape" and d.confident
    assert "length 50 but this batch is 100 long" in d.summary
    assert "100 - 50 = 50 positions longer" in d.explanation
    assert "MAXLEN = 50" in d.fix


def test_keras1_embedding_input_with_batch_axis():
    d = explain(
        "ValueError: Error when checking model input: expected embedding_1_input to have shape (None, 80) "
        "but got array with shape (25000, 120)"
    )
    assert d.best.entry.id == "padded-length-mismatch-input-shape"
    assert "length 80 but this batch is 120 long" in d.summary


def test_numpy_inhomogeneous_rows_and_tf_batch_wordings():
    d = explain(
        "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape "
        "after 1 dimensions. The detected shape was (3,) + inhomogeneous part."
    )
    assert causes(d)[:1] == ["ragged-batch"]
    d = explain(
        "InvalidArgumentError: Cannot batch tensors with different shapes in component 0. "
        "First element had shape [2] and element 1 had shape [8]."
    )
    assert d.best.entry.id == "ragged-batch-tf-data-batch" and "[2]" in d.summary and "[8]" in d.summary


def test_keras3_softmax_mask_check_reaches_attention_mask():
    d = explain(
        "ValueError: The `mask` must be broadcastable to `inputs`. Each mask dimension must be 1 or match the "
        "corresponding input dimension. Received: inputs.shape=(2, 4, 12, 12), mask.shape=(2, 1, 1, 10)"
    )
    assert causes(d)[:1] == ["attention-mask-mismatch"]


def test_missing_pad_token_wordings():
    for text in (
        "AssertionError: Cannot handle batch sizes > 1 if no padding token is defined.",
        "ValueError: You are attempting to pad samples but the tokenizer you are using (GPT2Tokenizer) does not have one.",
    ):
        d = explain(text)
        assert causes(d)[:1] == ["tokenizer-missing-pad-token"], text


def test_flatten_width_is_factorised_into_sequence_length_times_embedding_size():
    d = explain(
        "ValueError: Exception encountered when calling Sequential.call().\n\n"
        "Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected axis -1 of input "
        "shape to have value 800, but received input with shape (32, 1600)\n\n"
        "Arguments received by Sequential.call():\n"
        "  • inputs=tf.Tensor(shape=(32, 100), dtype=int32)\n  • training=True\n"
    )
    assert d.best.entry.id == "padded-length-mismatch-input-shape" and d.confident
    assert "100 × 16 = 1600" in d.summary and "50 × 16 = 800" in d.summary
    assert "MAXLEN = 50" in d.fix
    # float features of another width are not a padding length
    d = explain(
        'ValueError: Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input shape '
        "to have value 13, but received input with shape (None, 14)"
    )
    assert d.best is None or d.best.entry.id != "padded-length-mismatch-input-shape"


def test_keras2_flattened_tf_nn_wording_decides_by_arithmetic():
    # captured from tf.keras 2.15 / tf-keras 2.21: Keras 2 flattens labels and logits before tf.nn's check
    d = explain(
        "ValueError: `labels.shape` must equal `logits.shape` except for the last dimension. "
        "Received: labels.shape=(90,) and logits.shape=(30, 3)"
    )
    assert d.best.entry.id == "sparse-vs-categorical-labels-onehot-sparse-loss" and d.confident
    assert "90 = 30 × 3" in d.summary
    d = explain(
        "ValueError: `labels.shape` must equal `logits.shape` except for the last dimension. "
        "Received: labels.shape=(20,) and logits.shape=(200, 3)"
    )
    assert d.best.entry.id == "sequence-target-shape-return-sequences" and d.confident
    assert "200 = 20 × 10" in d.summary


def test_mask_applied_by_keras_softmax_points_to_multi_head_attention():
    d = explain(
        "InvalidArgumentError: Exception encountered when calling layer 'softmax' (type Softmax).\n\n"
        "{{function_node __wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: "
        "[2,2,12,12] vs. [2,1,1,10] [Op:AddV2] name: \n\nCall arguments received by layer 'softmax' (type Softmax):\n"
        "  • inputs=tf.Tensor(shape=(2, 2, 12, 12), dtype=float32)\n  • mask=tf.Tensor(shape=(2, 1, 1, 10), dtype=bool)\n"
    )
    assert d.best.entry.id == "attention-mask-mismatch-mha"


def test_class_names_given_to_int_conversion_are_string_labels():
    d = explain(
        "Error in py_call_impl(callable, dots$args, dots$keywords) : \n  ValueError: invalid literal for long() with base 10: 'setosa'"
    )
    assert d.best.entry.id == "label-dtype-string-labels"
    assert "'setosa'" in d.summary and "class names" in d.summary


def test_sigmoid_wording_with_per_timestep_logits_is_return_sequences_even_when_cut_short():
    # a paste cut after the label shape: the final parenthesis is missing
    d = explain("ValueError: `logits` and `labels` must have the same shape, received ((None, 15, 1) vs (None,)")
    assert d.best.entry.id == "sequence-target-shape-return-sequences" and d.confident
    d = explain("ValueError: `logits` and `labels` must have the same shape, received ((32, 2) vs (32, 1)).")
    assert d.best.entry.id == "output-units-vs-labels-head-width" and d.confident

"""Entries of the state and resource areas, rendered on real messages.

Each test feeds a real TensorFlow/Keras message (quoted from the sources the
entry's templates name, with the user's numbers) through parse -> match ->
diagnose and checks what the user reads: the cause ranked first, and the
arithmetic the text does with the user's numbers.
"""

from __future__ import annotations

import pytest

from explainer import kb as kbmod
from explainer.diagnosis import diagnose
from explainer.parse import parse_text

KB = kbmod.load()


def explain(text: str):
    return diagnose(parse_text(text), KB)


def texts(d) -> str:
    return "\n".join([d.summary, d.explanation, d.fix])


# --- out-of-memory -----------------------------------------------------------------------------------


def test_oom_bytes_are_the_product_of_the_shape_times_the_dtype_size():
    # TF 2.x, a C++ log line as pasted from a GPU run (op_kernel.cc + BFC allocator)
    d = explain(
        "2022-01-30 10:37:36.926021: W tensorflow/core/framework/op_kernel.cc:1651] OP_REQUIRES failed at "
        "cwise_ops_common.cc:82 : Resource exhausted: OOM when allocating tensor with shape[255,256,256,69] and "
        "type float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc"
    )
    assert d.best.entry.cause == "out-of-memory"
    assert "255 x 256 x 256 x 69 = 1,153,105,920 elements x 4 bytes = 4,612,423,680 bytes (4.3 GiB)" in d.summary
    # halving the batch: the arithmetic is shown, not just the result
    assert "batch 127 needs 127 x 256 x 256 x 69 = 574,291,968 values (2.1 GiB)" in d.explanation
    assert d.fix.splitlines()[1].startswith("1. Lower the batch size")


def test_oom_of_an_unsized_dtype_claims_no_byte_count():
    d = explain(
        "ResourceExhaustedError: OOM when allocating tensor with shape[64,12,2048,2048] and type string on "
        "/job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc"
    )
    assert d.best.entry.cause == "out-of-memory"
    assert "64 x 12 x 2048 x 2048 = 3,221,225,472 elements, more than" in d.summary
    assert "bytes" not in d.summary
    assert "has no fixed size" in d.explanation
    # a (seq x seq) block: shorten the sequence first
    assert "1. Shorten the sequences" in d.fix


def test_oom_in_a_weight_initializer_puts_the_layer_size_first_not_the_batch():
    d = explain(
        "tensorflow.python.framework.errors_impl.ResourceExhaustedError: {{function_node "
        "__wrapped__StatelessRandomUniformV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} OOM when "
        "allocating tensor with shape[16777216,8192] and type float on /job:localhost/replica:0/task:0/device:CPU:0 "
        "by allocator mklcpu [Op:StatelessRandomUniformV2] name: "
    )
    assert d.best.entry.cause == "out-of-memory" and d.confident
    assert "16777216 x 8192 = 137,438,953,472 elements x 4 bytes = 549,755,813,888 bytes (512.0 GiB)" in d.summary
    assert "weight initializer" in d.summary
    assert "no batch size will help" in d.explanation
    assert "1. Make the layer smaller" in d.fix
    assert "((" not in texts(d)  # no doubled parentheses around the shape


def test_oom_of_a_one_hot_names_the_depth_axis():
    d = explain(
        "ResourceExhaustedError: {{function_node __wrapped__OneHot_device_/job:localhost/replica:0/task:0/device:CPU:0}}"
        " OOM when allocating tensor with shape[4096,512,50000] and type float on "
        "/job:localhost/replica:0/task:0/device:CPU:0 by allocator mklcpu [Op:OneHot] name: "
    )
    assert d.best.entry.cause == "out-of-memory"
    assert "last axis (50000) is the number of classes" in d.summary
    assert "4096 x 512 ids, each expanded to 50000 values" in d.explanation
    assert "1. Do not materialise the one-hot tensor" in d.fix


@pytest.mark.parametrize(
    "line",
    [
        # TF1 stream executor log line (cuda_driver.cc)
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:936] failed to allocate 11.17G (11996954624 bytes) from "
        "device: CUDA_ERROR_OUT_OF_MEMORY",
        # BFC allocator warning (bfc_allocator.cc); bare or with its `W tensorflow/...]` log prefix the parser
        # does not take it for an error line yet (reported to the lead), so it is given a type here
        "ResourceExhaustedError: Allocator (GPU_0_bfc) ran out of memory trying to allocate 2.00GiB.  Current "
        "allocation summary follows.",
        "ResourceExhaustedError: OOM when allocating temporary tensor with shape[1024,1024,64]",
    ],
)
def test_oom_wordings_of_other_versions_reach_the_entry(line):
    d = explain(line)
    assert d.best is not None and d.best.entry.cause == "out-of-memory"


def test_numpy_memory_error_says_array_and_shows_the_product():
    d = explain(
        "MemoryError: Unable to allocate 7.45 GiB for an array with shape (100000, 10000) and data type float64"
    )
    assert d.best.entry.cause == "out-of-memory"
    assert "(100000, 10000) float64 array" in d.summary
    assert "100000 x 10000 = 1,000,000,000 elements x 8 bytes = 8,000,000,000 bytes" in d.summary


# --- rnn-input-rank ----------------------------------------------------------------------------------


def test_rnn_input_width_equal_to_an_rnn_of_the_user_puts_return_sequences_first():
    d = explain(
        "Traceback (most recent call last):\n"
        '  File "t.py", line 5, in <module>\n'
        "    model = Sequential([LSTM(64, input_shape=(10, 8)), LSTM(32), Dense(1)])\n"
        'ValueError: Input 0 of layer "lstm_1" is incompatible with the layer: expected ndim=3, found ndim=2. '
        "Full shape received: (None, 64)\n"
    )
    assert d.best.entry.cause == "rnn-input-rank" and d.confident
    assert "64 is the width of an RNN with 64 units in your code" in d.summary
    assert d.fix.startswith(
        "1. Set `return_sequences=True` on the recurrent layer that feeds `lstm_1` (the one with 64"
    )


@pytest.mark.parametrize(
    ("message", "stacked"),
    [
        # Keras 3.13+: the spec name is printed too
        (
            "ValueError: Input 0 with name 'keras_tensor_3' of layer 'gru_2' is incompatible with the layer: "
            "expected ndim=3, found ndim=2. Full shape received: (None, 20)",
            True,
        ),
        # multi-backend Keras 2.2: numbering starts at lstm_1, so lstm_1 is the first LSTM
        ("ValueError: Input 0 is incompatible with layer lstm_1: expected ndim=3, found ndim=2", False),
        ("ValueError: Input 0 is incompatible with layer lstm_2: expected ndim=3, found ndim=2", True),
        # Keras 2 standardize_input_data, first layer an LSTM
        (
            "ValueError: Error when checking input: expected lstm_1_input to have 3 dimensions, but got array with "
            "shape (100, 20)",
            False,
        ),
    ],
)
def test_rnn_input_rank_wordings_and_layer_numbering(message, stacked):
    d = explain(message)
    assert d.best.entry.cause == "rnn-input-rank" and d.confident
    assert ("probably not the first" in d.explanation) is stacked
    assert d.fix.startswith("1. Set `return_sequences=True`") is stacked


def test_a_1d_convolution_with_the_same_spec_is_not_called_recurrent():
    d = explain(
        'ValueError: Input 0 of layer "conv1d_2" is incompatible with the layer: expected ndim=3, found ndim=2. '
        "Full shape received: (None, 300)"
    )
    assert not (d.confident and d.best.entry.cause == "rnn-input-rank")
    from explainer.match import context
    from explainer.templating import fill

    entry = next(e for e in KB.entries if e.id == "rnn-input-rank-2d")
    report = parse_text('ValueError: Input 0 of layer "conv1d_2" is incompatible with the layer: expected ndim=3')
    text = fill(entry.summary, context(report, {"lname": "conv1d_2"}))
    assert text.startswith("The layer `conv1d_2` needs 3-D input")


# --- recurrent kernels decoded (encoder-decoder-state-mismatch, rnn-initial-state-shape) ---------------

TF1_LSTM = (
    "ValueError: Dimensions must be equal, but are {got} and 300 for "
    "'rnn/while/rnn/multi_rnn_cell/cell_{layer}/basic_lstm_cell/MatMul' (op: 'MatMul') with input shapes: "
    "[?,{got}], [300,512]."
)


def test_tf1_lstm_kernel_is_decoded_into_units_and_input_width():
    d = explain(TF1_LSTM.format(got=301, layer=0))
    assert d.best.entry.cause in {"rnn-initial-state-shape", "encoder-decoder-state-mismatch"}
    text = texts(d)
    # 4 x units = 512 -> 128 units; input + units = 300 -> 172-wide input
    assert "4 x units = 512 gives 128 units, and input + units = 300 gives an input 172 wide" in text
    assert "301 columns where the kernel takes 300 = 172 + 128: 1 more" in text
    assert "either the input is 173 wide instead of 172, or the state is 129 wide instead of 128" in text
    # the TF1 message's second number is kernel rows (input + units), never "300 units"
    assert "300 units" not in text


def test_tf1_multirnncell_reusing_one_cell_is_recognised_from_the_numbers():
    d = explain(TF1_LSTM.format(got=256, layer=1))
    text = texts(d)
    assert "256 = 128 + 128: this cell's input is 128 wide" in text
    assert "MultiRNNCell([cell] * n)" in text
    assert "1. TF1: build one cell per layer, `MultiRNNCell([LSTMCell(128) for _ in range(n)])`" in d.fix


def test_keras_recurrent_kernel_names_the_cell_type_from_its_columns():
    d = explain(
        "InvalidArgumentError: Exception encountered when calling GRUCell.call(). Matrix size-incompatible: "
        "In[0]: [2,32], In[1]: [64,192] [Op:MatMul] name: "
    )
    assert d.best.entry.cause in {"encoder-decoder-state-mismatch", "rnn-initial-state-shape"}
    text = texts(d)
    assert "192 = 3 x 64, a GRU (3 gates) with 64 units" in text
    assert "yours is 32 wide" in text


def test_bidirectional_states_twice_the_decoder_width_come_first_in_the_fix():
    d = explain(
        "ValueError: Exception encountered when calling LSTMCell.call(). Dimensions must be equal, but are 64 and 32 "
        "for '{{node functional_1/lstm_1_1/lstm_cell_1/MatMul_1}} = MatMul[T=DT_FLOAT, grad_a=false, grad_b=false, "
        "transpose_a=false, transpose_b=false](functional_1/concatenate_1/concat, "
        "functional_1/lstm_1_1/lstm_cell_1/Cast_1/ReadVariableOp)' with input shapes: [2,64], [32,128]."
    )
    assert d.best.entry.cause == "encoder-decoder-state-mismatch" and d.confident
    assert "128 = 4 x 32, an LSTM (4 gates) with 32 units" in d.explanation
    assert "64 = 2 x 32" in d.explanation
    assert d.fix.startswith("1. Give the decoder as many units as the states it receives (64)")


def test_a_non_recurrent_second_operand_is_not_called_a_kernel_of_units():
    d = explain(
        "InvalidArgumentError: Exception encountered when calling LSTMCell.call(). Matrix size-incompatible: "
        "In[0]: [4,10], In[1]: [8,64] [Op:MatMul] name: "
    )
    text = texts(d)
    assert "is not shaped like a recurrent kernel" in text
    assert "8 units" not in text


# --- batch of the state (rnn-initial-state-shape-batch) ------------------------------------------------


def test_state_batch_text_says_one_row_not_one_rows():
    d = explain(
        "InvalidArgumentError: Exception encountered when calling GRUCell.call(). {{function_node "
        "__wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [1,256] vs. "
        "[32,256] [Op:AddV2] name: "
    )
    assert d.best.entry.id == "rnn-initial-state-shape-batch"
    text = texts(d)
    assert "a batch of 1 row to that of a state of 32 rows" in text
    assert "1 rows" not in text and "1 example(s)" not in text
    assert "4. For inference on 1 example, make sure the state has 1 row too." in d.fix


# --- state count and stateful batch ------------------------------------------------------------------


def test_state_count_names_the_cell_types_from_the_counts():
    d = explain("ValueError: Layer has 2 states but was passed 1 initial states.")
    assert d.best.entry.cause == "rnn-state-count" and d.confident
    assert "2 is an LSTM's [h, c], and 1 is the single [h] a GRU or SimpleRNN returns" in d.summary
    d = explain(
        "ValueError: Layer lstm_1 expects 2 states, but it received 1 state values. Input received: "
        "[<tf.Tensor 'zeros:0' shape=(4, 16) dtype=float32>]"
    )
    assert d.best.entry.cause == "rnn-state-count"


def test_unpacking_names_what_each_count_of_values_is():
    d = explain(
        'Traceback (most recent call last):\n  File "s2s.py", line 9, in <module>\n'
        "    enc_out, state_h, state_c = GRU(64, return_state=True)(enc_in)\n"
        "ValueError: not enough values to unpack (expected 3, got 2)\n"
    )
    assert d.best.entry.cause == "rnn-state-count"
    assert "expects 3 values, as for `output, h, c` of an LSTM" in d.explanation
    assert "returned 2, as `output, h` of a GRU or SimpleRNN does" in d.explanation


def test_the_word_state_in_a_message_is_not_code_evidence_for_unpacking():
    d = explain('ValueError: Expected state to be a tuple of length 2, but received: Tensor("x:0", shape=(?, 8))')
    assert d.best.entry.cause == "encoder-decoder-state-mismatch"


def test_keras2_sample_count_check_reaches_the_last_batch_entry_with_the_arithmetic():
    d = explain(
        "ValueError: In a stateful network, you should only pass inputs with a number of samples that can be "
        "divided by the batch size. Found: 1001 samples"
    )
    assert d.best.entry.id == "stateful-rnn-batch-last-batch" and d.confident
    assert "1001 samples do not split into whole batches" in d.summary
    assert "(for B = 32: 992, dropping 9)" in d.explanation


def test_stateful_batch_check_is_dated_to_the_keras_release_that_added_it():
    d = explain(
        "ValueError: If an RNN is stateful, the batch size of the input sequences must be the same as the batch "
        "size of the initial state. \n- Expected batch size: 4\n- Received batch size: 1"
    )
    assert d.best.entry.id == "stateful-rnn-batch-changed" and d.confident
    assert "Keras 3.12 and later" in d.explanation and "keras-team/keras#21742" in d.explanation
    assert "https://github.com/keras-team/keras/pull/21742" in d.best.entry.references


# --- attention ---------------------------------------------------------------------------------------


def test_attention_width_capture_keeps_no_trailing_period():
    # tf.keras 2.11-2.15 prints the second line of this message without its f-prefix: literal braces
    d = explain(
        "ValueError: The last dimension of `query_shape` and `value_shape` must be equal, but are 16, 32. "
        "Received: query_shape={query_shape}, value_shape={value_shape}"
    )
    assert d.best.entry.cause == "attention-shape-mismatch" and d.confident
    assert d.summary.endswith("16 vs. 32.")
    assert "32.." not in d.summary


def test_dot_attention_reads_the_transposed_key_axis():
    d = explain(
        "InvalidArgumentError: Exception encountered when calling Attention.call(). Matrix size-incompatible: "
        "In[0]: [2,5,16], In[1]: [2,32,7] [Op:BatchMatMulV2] name: "
    )
    assert d.best.entry.cause == "attention-shape-mismatch" and d.confident
    assert "so 16 vs. 32 features" in d.summary
    assert "(2, 32, 7), which is why the 32 appears in the middle" in d.explanation


def test_additive_attention_query_without_time_axis_in_graph_mode():
    d = explain(
        "ValueError: Exception encountered when calling BahdanauAttention.call(). Dimensions must be equal, but are "
        "8 and 17 for '{{node decoder_1/bahdanau_attention_1/add}} = AddV2[T=DT_FLOAT](decoder_1/bahdanau_attention_1"
        "/dense_1/BiasAdd, decoder_1/bahdanau_attention_1/dense_1_2/BiasAdd)' with input shapes: [8,10], [8,17,10]."
    )
    assert d.best.entry.id == "attention-shape-mismatch-additive-query" and d.confident
    assert "[8, 10] is read as [1, 8, 10] and compared with [8, 17, 10]" in d.explanation


def test_tf1_nest_check_of_decoder_states_counts_layers_and_bare_nest_errors_stay_unsure():
    d = explain(
        "ValueError: The two structures don't have the same number of elements.\n\n"
        "First structure (8 elements): (LSTMStateTuple(c=<tf.Tensor 'a:0' shape=(?, 64) dtype=float32>, h=<tf.Tensor "
        "'b:0' shape=(?, 64) dtype=float32>), ...)\n\nSecond structure (4 elements): (LSTMStateTuple(c=1, h=2), ...)"
    )
    assert d.best.entry.cause == "encoder-decoder-state-mismatch" and d.confident
    assert "the first has 8 tensors, the second 4" in d.summary
    assert "8 and 4 differ by 4 tensors, 2 layers of (c, h)" in d.explanation
    bare = explain(
        "ValueError: The two structures don't have the same number of elements.\n\n"
        "First structure (2 elements): [1, 2]\n\nSecond structure (3 elements): [1, 2, 3]"
    )
    assert not bare.confident


def test_keras2_layer_input_count_of_a_recurrent_layer_is_its_initial_states():
    # tf.keras 2.7+ quotes the name and says input(s); Keras 2.2 says inputs
    for message in (
        'ValueError: Layer "lstm_1" expects 3 input(s), but it received 2 input tensors. Inputs received: '
        "[<KerasTensor: shape=(None, 10, 8) dtype=float32>, <KerasTensor: shape=(None, 16) dtype=float32>]",
        "ValueError: Layer lstm_1 expects 3 inputs, but it received 2 input tensors. Input received: "
        "[<tf.Tensor 'input_1:0' shape=(?, 10, 8) dtype=float32>, <tf.Tensor 'input_2:0' shape=(?, 16) dtype=float32>]",
    ):
        d = explain(message)
        assert d.best.entry.cause == "rnn-state-count", message
        assert d.summary.startswith("`lstm_1` expects 3 inputs, the sequence plus 2 initial states, but received 2")


def test_a_paste_without_user_code_is_not_evidence_against_the_encoder_decoder_entry():
    d = explain(
        "InvalidArgumentError: Exception encountered when calling GRUCell.call(). Matrix size-incompatible: "
        "In[0]: [2,32], In[1]: [64,192] [Op:MatMul] name: "
    )
    entry = next(m for m in d.matches if m.entry.id == "encoder-decoder-state-mismatch-eager")
    assert not any("nothing in your code" in e for e in entry.evidence)


@pytest.mark.parametrize(
    ("message", "cause"),
    [
        # Keras 1.0 - 1.1 raised bare Exceptions for these checks (keras/engine/topology.py, training.py)
        ("Exception: Input 0 is incompatible with layer lstm_2: expected ndim=3, found ndim=2", "rnn-input-rank"),
        (
            "Exception: In a stateful network, you should only pass inputs with a number of samples that can be "
            "divided by the batch size. Found: 1001 samples",
            "stateful-rnn-batch",
        ),
        (
            "Exception: If a RNN is stateful, a complete input_shape must be provided (including batch size).",
            "stateful-rnn-batch",
        ),
    ],
)
def test_keras1_bare_exceptions_are_not_held_against_the_entries(message, cause):
    d = explain(message)
    assert d.best.entry.cause == cause and d.confident


def test_keras3_call_arguments_show_which_side_is_the_state():
    d = explain(
        "InvalidArgumentError: Exception encountered when calling LSTMCell.call().\n\n"
        "{{function_node __wrapped__MatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Matrix "
        "size-incompatible: In[0]: [4,17], In[1]: [16,64] [Op:MatMul] name: \n\n"
        "Arguments received by LSTMCell.call():\n"
        "  \u2022 inputs=tf.Tensor(shape=(4, 8), dtype=float32)\n"
        "  \u2022 states=('tf.Tensor(shape=(4, 17), dtype=float32)', 'tf.Tensor(shape=(4, 17), dtype=float32)')\n"
        "  \u2022 training=False\n"
    )
    text = texts(d)
    assert "64 = 4 x 16, an LSTM (4 gates) with 16 units" in text
    assert "inputs (4, 8) and state (4, 17)" in text

"""Facts derived from the message that entries reason with (issue 6, points 3 and 4)."""

from __future__ import annotations

import pytest

from explainer.match import layer_kind
from explainer.parse import parse_text


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ('ValueError: Input 0 of layer "lstm_1" is incompatible with the layer: expected ndim=3, found ndim=2.', "rnn"),
        ("ValueError: Input 0 is incompatible with layer gru_3: expected ndim=3, found ndim=2", "rnn"),
        ("ValueError: Input 0 of layer conv2d_1 is incompatible with the layer: expected ndim=4, found ndim=3", "conv"),
        ('ValueError: Exception encountered when calling layer "embedding" (type Embedding).', "embedding"),
        ("ValueError: Input 0 of layer dense_2 is incompatible with the layer: expected axis -1 of input shape "
         "to have value 784 but received input with shape (None, 28, 28)", "dense"),
        ("ValueError: Shapes (None, 1) and (None, 10) are incompatible", ""),
    ],
)
def test_layer_kind_from_the_layer_the_message_names(message, kind):
    assert layer_kind(parse_text(message)) == kind


def test_fits_compares_shapes_axis_by_axis_with_none_agreeing():
    from explainer.templating import evaluate

    assert evaluate("((a | dims)[1:]) | fits(b)", {"a": "(32, None, 224, 224, 3)", "b": "(None, 224, 224, 3)"})
    assert not evaluate("a | fits(b)", {"a": "(None, 224, 224, 3)", "b": "(None, 240, 240, 3)"})
    assert not evaluate("a | fits(b)", {"a": "(None, 3)", "b": "(None, 3, 1)"})


@pytest.mark.parametrize(
    ("message"),
    [
        # a real report (tensorflow#78621): an EfficientNet fed a dataset batched twice
        'ValueError: Input 0 of layer "efficientnetb0" is incompatible with the layer: expected '
        "shape=(None, 224, 224, 3), found shape=(32, None, 224, 224, 3).",
        # the same structure with other numbers and another model
        'ValueError: Input 0 of layer "functional_3" is incompatible with the layer: expected '
        "shape=(None, 128), found shape=(64, None, 128)",
    ],
)
def test_the_whole_declared_shape_behind_one_more_axis_is_a_dataset_batched_twice(message):
    from explainer.diagnosis import explain_text

    d = explain_text(message)
    assert d.best.entry.id == "dataset-batching-batched-twice" and d.confident
    assert "batched twice" in d.summary


def test_a_time_axis_inserted_between_batch_and_width_is_a_sequence_question_not_a_broadcast():
    from explainer.diagnosis import explain_text

    # a real report (tensorflow/federated#3920): return_sequences=False against per-timestep targets
    bare = explain_text("Incompatible shapes: [32,12] vs. [32,998,12]")
    top = [m.entry.cause for m in bare.matches[:2]]
    assert set(top) == {"sequence-target-shape", "attention-shape-mismatch"} and not bare.confident
    # two unrelated 2-D shapes stay a plain broadcast
    plain = explain_text("InvalidArgumentError: Incompatible shapes: [10000,200] vs. [128,200] [Op:Mul]")
    assert plain.best.entry.cause == "broadcast-incompatible"


_LOAD_OWN_VARIABLES = """Traceback (most recent call last):
  File "/home/u/train.py", line 41, in <module>
    clf.load_weights("ckpt/clf.weights.h5")
  File "/usr/lib/python3/site-packages/tf_keras/src/engine/base_layer.py", line 3645, in load_own_variables
    raise ValueError(
ValueError: Layer 'head' expected {expected} variables, but received 4 variables during loading. Expected: {names}"""


def test_keras2_layer_expecting_zero_variables_at_load_is_an_unbuilt_model():
    from explainer.diagnosis import explain_text

    # tf-keras's per-layer count check: 0 expected means the layer has not been built yet
    unbuilt = explain_text(_LOAD_OWN_VARIABLES.format(expected=0, names="[]"))
    assert unbuilt.best.entry.id == "weights-before-build-load-weights" and unbuilt.confident
    # a built layer with another variable count is a different model, not an unbuilt one
    other = explain_text(_LOAD_OWN_VARIABLES.format(expected=2, names="['head/kernel:0', 'head/bias:0']"))
    assert not (other.confident and other.best.entry.cause == "weights-before-build")


_KERAS2_INPUT_SPEC = """Traceback (most recent call last):
  File "/home/u/{script}", line 30, in <module>
    {line}
  File "/usr/lib/python3/site-packages/tf_keras/src/engine/input_spec.py", line 308, in assert_input_compatibility
    raise ValueError(
ValueError: Input 0 of layer "{layer}" is incompatible with the layer: expected shape={want}, found shape={got}"""


@pytest.mark.parametrize(("want", "got"), [("(None, 3072)", "(64, 32, 32, 3)"), ("(None, 20)", "(None, 4, 5)")])
def test_keras2_shape_check_with_extra_axes_that_multiply_to_the_width_is_a_missing_flatten(want, got):
    from explainer.diagnosis import explain_text

    # tf-keras compares a functional model's input shape axis by axis (zip), so an unflattened
    # batch prints both shapes: the extra axes multiplying to the declared width is the tell
    text = _KERAS2_INPUT_SPEC.format(script="mlp.py", line="mlp.fit(x_train, y_train)", layer="mlp", want=want, got=got)
    d = explain_text(text)
    assert d.best.entry.id == "dense-input-last-dim-flatten" and d.confident, [(m.entry.id, m.score) for m in d.matches]
    # extra axes that do not multiply to the width are no missing Flatten
    other = explain_text(text.replace(got, "(64, 7, 9)"))
    assert other.best.entry.id != "dense-input-last-dim-flatten"


_KERAS2_RNN_ADD = """Traceback (most recent call last):
  File "/home/u/seq.py", line 52, in <module>
    out = encoder(x_val, initial_state=[h0, c0])
  File "/usr/lib/python3/site-packages/tf_keras/src/layers/rnn/lstm.py", line 970, in step
    z += backend.dot(h_tm1, recurrent_kernel)
tensorflow.python.framework.errors_impl.InvalidArgumentError: Exception encountered when calling layer 'lstm_2' (type LSTM).

{{function_node __wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [3,128] vs. [16,128] [Op:AddV2] name:

Call arguments received by layer 'lstm_2' (type LSTM):
  • inputs=tf.Tensor(shape=(3, 20, 10), dtype=float32)
  • mask=None
  • training=None
  • initial_state=['tf.Tensor(shape=(16, 32), dtype=float32)', 'tf.Tensor(shape=(16, 32), dtype=float32)']"""


def test_keras2_recurrent_layer_add_with_an_initial_state_of_another_batch_is_a_state_batch_mismatch():
    from explainer.diagnosis import explain_text

    # tf-keras names the LSTM layer (not the cell) and lists `mask=None`: that is no attention mask;
    # the initial_state's 16 rows are the second operand's, the input's 3 the first's
    d = explain_text(_KERAS2_RNN_ADD)
    top = [(m.entry.id, m.score) for m in d.matches]
    assert d.best.entry.id == "rnn-initial-state-shape-batch" and d.confident, top
    assert "3 rows" in d.summary and "16 rows" in d.summary


_KERAS2_STATEFUL = """Traceback (most recent call last):
  File "/home/u/forecast.py", line 61, in <module>
    preds = model.predict(x_test, batch_size=7)
  File "/usr/lib/python3/site-packages/keras/src/engine/input_spec.py", line 298, in assert_input_compatibility
    raise ValueError(
ValueError: Exception encountered when calling layer 'sequential_3' (type Sequential).

Input 0 of layer "lstm_1" is incompatible with the layer: expected shape=(32, None, 5), found shape=(7, 10, 5)

Call arguments received by layer 'sequential_3' (type Sequential):
  • inputs=tf.Tensor(shape=(7, 10, 5), dtype=float32)
  • training=False
  • mask=None"""


def test_keras2_fixed_batch_before_a_free_time_axis_is_a_stateful_rnn_batch():
    from explainer.diagnosis import explain_text

    # Keras 2's RNN.build keeps the batch axis in its InputSpec only when stateful=True:
    # (32, None, 5) is a stateful layer's spec, and only the batch axis of (7, 10, 5) differs
    d = explain_text(_KERAS2_STATEFUL)
    assert d.best.entry.id == "stateful-rnn-batch-changed" and d.confident, [(m.entry.id, m.score) for m in d.matches]
    assert "32" in d.summary and "7" in d.summary
    # a free batch axis, (None, None, 5), is no stateful layer: the features differ there
    other = explain_text(_KERAS2_STATEFUL.replace("(32, None, 5)", "(None, None, 6)"))
    assert other.best.entry.cause != "stateful-rnn-batch"


_KERAS2_STATE_SPEC = """Traceback (most recent call last):
  File "/home/u/{script}", line 77, in <module>
    {outer}
  File "/usr/lib/python3/site-packages/tf_keras/src/utils/traceback_utils.py", line 70, in error_handler
    raise e.with_traceback(filtered_tb) from None
  File "/home/u/{script}", line 41, in call
    {inner}
ValueError: Exception encountered when calling layer '{layer}' (type {cls}).

An `initial_state` was passed that is not compatible with `cell.state_size`. Received `state_spec`=ListWrapper({spec}); however `cell.state_size` is {sizes}

Call arguments received by layer '{layer}' (type {cls}):
{args}"""


def test_keras2_state_size_check_in_a_decoder_fed_the_encoder_state_is_an_encoder_decoder_mismatch():
    from explainer.diagnosis import explain_text

    # the same Keras 2 message for both causes: the layer that received the state (a decoder, its
    # encoder_states argument) and the concrete batch of an eager state tell them apart
    spec = "[InputSpec(shape=(8, 256), ndim=2), InputSpec(shape=(8, 256), ndim=2)]"
    d = explain_text(
        _KERAS2_STATE_SPEC.format(
            script="nmt.py",
            outer="logits = translator_decoder(tgt_in, [fwd_bwd_h, fwd_bwd_c])",
            inner="seq = self.lstm(self.embedding(tokens), initial_state=encoder_states)",
            layer="nmt_decoder",
            cls="NMTDecoder",
            spec=spec,
            sizes="[128, 128]",
            args="  • tokens=tf.Tensor(shape=(8, 12), dtype=int32)\n  • encoder_states=['tf.Tensor(shape=(8, 256))']",
        )
    )
    top = [(m.entry.id, m.score) for m in d.matches]
    assert d.best.entry.id == "encoder-decoder-state-mismatch-eager" and d.confident, top
    assert "2 x 128" in d.summary
    # a hand-built state of the wrong width in a layer that is no decoder stays an initial_state problem
    hand = explain_text(
        _KERAS2_STATE_SPEC.format(
            script="tagger.py",
            outer='print(tagger(np.ones((4, 9), "int32")).shape)',
            inner="return self.gru(self.embed(x), initial_state=tf.zeros((4, 17)))",
            layer="tagger",
            cls="Tagger",
            spec="[InputSpec(shape=(4, 17), ndim=2)]",
            sizes="[16]",
            args="  • x=tf.Tensor(shape=(4, 9), dtype=int32)",
        )
    )
    assert hand.best.entry.cause == "rnn-initial-state-shape" and hand.confident


_KERAS2_PADDED = """Traceback (most recent call last):
  File "/home/u/serve.py", line 44, in <module>
    {line}
  File "/usr/lib/python3/site-packages/keras/src/engine/input_spec.py", line 298, in assert_input_compatibility
    raise ValueError(
ValueError: Input 0 of layer "model_2" is incompatible with the layer: expected shape=(None, 40), found shape=(None, 57)"""


def test_keras2_fixed_width_input_is_a_padding_length_only_when_the_code_pads():
    from explainer.diagnosis import explain_text

    # Keras 2 names no input and no dtype: the failing line padding the batch is the fact that tells
    line = "scores = clf.predict(pad_sequences(tokenizer.texts_to_sequences(texts)))"
    padded = explain_text(_KERAS2_PADDED.format(line=line))
    top = [(m.entry.id, m.score) for m in padded.matches]
    assert padded.best.entry.id == "padded-length-mismatch-input-shape" and padded.confident, top
    # the same message with nothing about tokens may be a column count: both fit, neither is confident
    bare = explain_text(_KERAS2_PADDED.format(line="scores = clf.predict(x_new)"))
    causes = [m.entry.cause for m in bare.matches[:3]]
    assert {"padded-length-mismatch", "dense-input-last-dim"} <= set(causes) and not bare.confident, causes

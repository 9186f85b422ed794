"""The parser on the forms users really paste."""

from __future__ import annotations

import traceback

import pytest
from conftest import corpus_text

from explainer.parse import clean, parse_exception, parse_text

IPYTHON8 = (
    "\x1b[0;31m---------------------------------------------------------------------------\x1b[0m\n"
    "\x1b[0;31mInvalidArgumentError\x1b[0m                      Traceback (most recent call last)\n"
    "Cell \x1b[0;32mIn[3], line 5\x1b[0m\n"
    "\x1b[1;32m      3\x1b[0m a \x1b[38;5;241m=\x1b[39m tf\x1b[38;5;241m.\x1b[39mones((\x1b[38;5;241m2\x1b[39m, 2))\n"
    "\x1b[1;32m      4\x1b[0m b = tf.ones((3, 2))\n"
    "\x1b[0;32m----> 5\x1b[0m \x1b[43mtf\x1b[49m\x1b[38;5;241m.\x1b[39mmatmul(a, b)\n"
    "\n"
    "File \x1b[0;32m~/venv/lib/python3.11/site-packages/tensorflow/python/util/traceback_utils.py:153\x1b[0m, "
    "in \x1b[0;36mfilter_traceback.<locals>.error_handler\x1b[0;34m(*args, **kwargs)\x1b[0m\n"
    "\x1b[1;32m    151\x1b[0m \x1b[38;5;28;01mexcept\x1b[39;00m \x1b[38;5;167;01mException\x1b[39;00m \x1b[38;5;28;01mas\x1b[39;00m e:\n"
    "\x1b[0;32m--> 153\x1b[0m   \x1b[38;5;28;01mraise\x1b[39;00m e\x1b[38;5;241m.\x1b[39mwith_traceback(filtered_tb) \x1b[38;5;28;01mfrom\x1b[39;00m \x1b[38;5;28;01mNone\x1b[39;00m\n"
    "\n"
    "\x1b[0;31mInvalidArgumentError\x1b[0m: {{function_node __wrapped__MatMul_device_/job:localhost/replica:0/"
    "task:0/device:CPU:0}} Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2] [Op:MatMul] name: \n"
)

OLD_IPYTHON = """\
---------------------------------------------------------------------------
InvalidArgumentError                      Traceback (most recent call last)
<ipython-input-66-858fc70cce22> in <module>()
      4 model.compile(loss="sparse_categorical_crossentropy")
----> 5 model.fit(x_train, y_train, epochs=3)

/usr/local/lib/python3.6/dist-packages/tensorflow/python/keras/engine/training.py in fit(self, x, y, batch_size)
    726         max_queue_size=max_queue_size,
--> 727         use_multiprocessing=use_multiprocessing)

InvalidArgumentError:  indices[5,3] = 43511 is not in [0, 43511)
\t [[node sequential_2/embedding/embedding_lookup (defined at <ipython-input-66-858fc70cce22>:5) ]] [Op:__inference_distributed_function_2203]
"""

TF1_CAUSED_BY = """\
Traceback (most recent call last):
  File "train.py", line 40, in <module>
    sess.run(train_op, feed_dict={x: xb, y: yb})
  File "/usr/lib/python3.6/site-packages/tensorflow/python/client/session.py", line 929, in run
    run_metadata_ptr)
tensorflow.python.framework.errors_impl.InvalidArgumentError: Incompatible shapes: [32,10] vs. [32]
\t [[Node: sub = Sub[T=DT_FLOAT, _device="/job:localhost/replica:0/task:0/device:CPU:0"](logits, labels)]]

Caused by op 'sub', defined at:
  File "train.py", line 25, in <module>
    loss = tf.reduce_mean(tf.square(logits - y))
  File "/usr/lib/python3.6/site-packages/tensorflow/python/ops/math_ops.py", line 866, in binary_op_wrapper
    return func(x, y, name=name)

InvalidArgumentError (see above for traceback): Incompatible shapes: [32,10] vs. [32]
\t [[Node: sub = Sub[T=DT_FLOAT, _device="/job:localhost/replica:0/task:0/device:CPU:0"](logits, labels)]]
"""


def test_full_traceback_with_log_noise():
    r = parse_text(corpus_text("gen-dtype-mismatch-2"))
    assert r.type == "InvalidArgumentError"
    assert r.ops == ["MatMul"]
    assert set(r.dtypes) == {"float64", "float32"}
    assert r.user_frame.file.endswith("gen-dtype-mismatch-2.py")
    assert r.user_frame.line == 17
    assert r.user_frame.code == "y_hat = tf.matmul(X, W) + b"
    assert "oneDNN" not in r.core_message


def test_chained_exceptions_keep_the_whole_chain():
    r = parse_text(corpus_text("gen-checkpoint-key-not-found-2"))
    assert [e.short_type for e in r.chain] == ["RuntimeError", "NotFoundError"]
    assert r.type == "NotFoundError"
    assert r.values["checkpoint_key"] == "dense/kernel"
    assert r.user_frame.code == 'kernel = tf.train.load_variable(prefix, "dense/kernel")'


def test_direct_cause_chain():
    try:
        try:
            raise KeyError("dense/kernel")
        except KeyError as inner:
            raise ValueError("Shapes (None, 1) and (None, 10) are incompatible") from inner
    except ValueError as exc:
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    assert "direct cause" in text
    r = parse_text(text)
    assert [e.short_type for e in r.chain] == ["KeyError", "ValueError"]
    assert r.shapes == [[None, 1], [None, 10]]


def test_only_the_final_line():
    r = parse_text("ValueError: Shapes (None, 1) and (None, 10) are incompatible")
    assert r.type == "ValueError"
    assert r.shapes == [[None, 1], [None, 10]]
    assert r.user_frame is None


def test_ipython8_cell_with_ansi_colours():
    r = parse_text(IPYTHON8)
    assert r.type == "InvalidArgumentError"
    assert r.ops == ["MatMul"]
    assert r.shapes == [[2, 2], [3, 2]]
    assert r.user_frame.file == "Cell In[3]"
    assert r.user_frame.line == 5
    assert r.user_frame.code == "tf.matmul(a, b)"
    assert r.headline.startswith("Matrix size-incompatible")


def test_old_ipython_input_frames():
    r = parse_text(OLD_IPYTHON)
    assert r.type == "InvalidArgumentError"
    assert r.user_frame.file.startswith("<ipython-input-66")
    assert r.user_frame.code == "model.fit(x_train, y_train, epochs=3)"
    assert r.values["index"] == "43511" and r.values["index_high"] == "43511"
    assert r.values["index_position"] == "5,3"
    assert "sequential_2/embedding/embedding_lookup" in r.nodes
    assert r.layer == "embedding"


def test_tf1_caused_by_op():
    r = parse_text(TF1_CAUSED_BY)
    assert r.type == "InvalidArgumentError"
    assert len(r.chain) == 2
    assert "Sub" in r.ops
    assert r.shapes == [[32, 10], [32]]
    assert "float32" in r.dtypes
    assert r.user_frame.file == "train.py"


def test_graph_execution_error_detected_at_node():
    r = parse_text(corpus_text("gen-label-out-of-range-2"))
    assert r.type == "InvalidArgumentError"
    assert r.headline.startswith("Received a label value of 5")
    assert "SparseSoftmaxCrossEntropyWithLogits" in r.ops
    assert (r.values["label"], r.values["label_low"], r.values["label_high"]) == ("5", "0", "4")
    assert r.user_frame.line == 29
    assert "model.evaluate" in r.user_frame.code


def test_keras3_call_block_and_arguments():
    r = parse_text(corpus_text("gen-dense-input-last-dim-2"))
    assert r.type == "ValueError"
    assert r.layer == "dense"
    assert r.layer_class == "Sequential"
    assert r.arguments["inputs"] == "tf.Tensor(shape=(20, 9), dtype=float32)"
    assert [20, 9] in r.shapes
    assert r.headline.startswith("Input 0 with name 'None' of layer 'dense'")


def test_autograph_user_code_frames_are_the_deepest_user_frame():
    r = parse_text(corpus_text("gen-attention-shape-mismatch-2"))
    assert r.user_frame.line == 17
    assert "self.W1(query) + self.W2(values)" in r.user_frame.code
    assert r.layer_class == "BahdanauAttention"
    assert "AddV2" in r.ops
    assert r.shapes[:2] == [[8, 10], [8, 17, 10]]


@pytest.mark.parametrize(
    ("message", "op"),
    [
        ("{{function_node __wrapped____MklMatMul_device_/job:localhost/task:0/device:CPU:0}} x [Op:MatMul]", "MatMul"),
        ("{{function_node __wrapped__ConcatV2_N_2_device_/job:localhost/device:CPU:0}} ConcatOp : x", "ConcatV2"),
        ("Dimensions must be equal for 'AttentionDecoder/MatMul_4' (op: 'MatMul') with input shapes", "MatMul"),
        ("Incompatible shapes\n\t [[{{node sequential/dense/BiasAdd}}]]", "BiasAdd"),
        ("foo = _MklMatMul[T=DT_FLOAT](a, b)", "MatMul"),
        ("cannot compute AddV2 as input #1(zero-based) was expected to be a float tensor", "AddV2"),
    ],
)
def test_op_names_are_normalised(message, op):
    r = parse_text(f"InvalidArgumentError: {message}")
    assert op in r.ops


def test_shapes_in_every_notation():
    r = parse_text(
        "ValueError: expected TensorShape([None, 10]) got [?,4] and (None, 28, 28), "
        "OOM when allocating tensor with shape[5760,4,4,2048]"
    )
    assert r.shapes == [[None, 10], [None, 4], [None, 28, 28], [5760, 4, 4, 2048]]


def test_crlf_progress_bars_and_ansi():
    text = corpus_text("gen-reshape-size-2").replace("\n", "\r\n")
    r = parse_text(text)
    assert r.type == "InvalidArgumentError"
    assert r.headline.startswith("Input to reshape is a tensor with 36864 values")
    assert "Reshape" in r.ops
    assert "\x1b" not in clean(text)


def test_message_without_exception_type():
    r = parse_text(corpus_text("padtok-biomedlm-4"))
    assert r.type == ""
    assert r.headline.startswith("Asking to pad but the tokenizer does not have a padding token")


def test_info_lines_alone_are_not_an_error():
    assert parse_text(corpus_text("c-neg-avx2-fma-info-notice")) is None
    assert parse_text("") is None
    assert parse_text("Epoch 1/3\n10/10 - 1s - loss: 0.3\n") is None


def test_tensorflow_warnings_alone_are_reported():
    r = parse_text(corpus_text("c-partial-eval-optimizer-unresolved"))
    assert r.headline == "Unresolved object in checkpoint: (root).optimizer"


def test_live_exception_gives_the_same_report_as_its_text():
    def user_code():
        raise ValueError("Input 0 of layer \"dense\" is incompatible with the layer: expected axis -1 "
                         "of input shape to have value 784, but received input with shape (None, 28, 28)")

    try:
        user_code()
    except ValueError as exc:
        live = parse_exception(exc)
        text = parse_text("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    assert live.type == text.type == "ValueError"
    assert live.shapes == text.shapes == [[None, 28, 28]]
    assert live.layer == "dense"
    assert live.user_frame.function == "user_code"
    assert live.user_frame.code.startswith("raise ValueError(")


def test_long_lines_are_cut():
    r = parse_text("ValueError: " + "x" * 5_000_000 + "\n")
    assert r.type == "ValueError"
    assert len(r.core_message) <= 16_384

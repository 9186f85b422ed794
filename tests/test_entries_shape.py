"""Shape and dtype entries reason from the user's numbers (issue 6, points 2, 3, 6 and 7).

Every test explains a message in a real TensorFlow/Keras wording (the format strings
catalogued in the entries) and checks what the rendered texts say: which axis differs,
what the sizes factor into, and which fix comes first.
"""

from __future__ import annotations

import pytest

from explainer import kb as kbmod
from explainer.diagnosis import diagnose
from explainer.match import context
from explainer.parse import parse_text
from explainer.templating import fill

KB = kbmod.load()


def explain(text: str):
    return diagnose(parse_text(text), KB)


def texts(d) -> str:
    return "\n".join([d.summary, d.explanation, d.fix])


def first_step(d) -> str:
    """Step 1 of the fix with its continuation lines: the fix that fits the numbers must come first."""
    lines = d.fix.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("1."))
    end = next((i for i, line in enumerate(lines) if i > start and line.startswith("2.")), len(lines))
    return " ".join(line.strip() for line in lines[start:end])


# --- matmul: the user's sizes, not a fixed example --------------------------------


def test_matmul_text_uses_the_users_sizes_not_a_fixed_example():
    d = explain("InvalidArgumentError: Matrix size-incompatible: In[0]: [32,784], In[1]: [100,10] [Op:MatMul]")
    assert d.best.entry.id == "matmul-inner-dim"
    body = texts(d)
    assert "(2, 2)" not in body and "(2, 3)" not in body
    assert "A has 784 columns but B has 100 rows" in d.summary
    # no transpose or swap fits 784/32 against 100/10: the weight is built with the wrong width
    assert "(784, 10)" in first_step(d)


def test_matmul_trailing_axes_equal_means_transpose_b():
    d = explain("InvalidArgumentError: Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2] [Op:MatMul]")
    assert "transpose_b=True" in first_step(d)
    assert "(2, 2) @ (2, 3) -> (2, 3)" in d.explanation


def test_matmul_reads_the_rows_of_a_batched_operand_at_axis_minus_two():
    msg = (
        "InvalidArgumentError: {{function_node __wrapped__BatchMatMulV2_device_/job:localhost/replica:0/task:0/"
        "device:CPU:0}} Matrix size-incompatible: In[0]: [2,4,3], In[1]: [2,4,3] [Op:BatchMatMulV2] name: "
    )
    d = explain(msg)
    assert d.best.entry.id == "matmul-inner-dim"
    assert "A has 3 columns but B has 4 rows" in d.summary
    assert "transpose_b=True" in first_step(d)


def test_tf1_matmul_paste_without_quotes_reaches_matmul_and_names_the_weight_shape():
    d = explain(
        "Dimensions must be equal, but are 4 and 2 for DQfD_0/eval_net/l1/MatMul (op:'Matmul') with input shapes: [?,4], [2,24]."
    )
    assert d.best.entry.id == "matmul-inner-dim"
    assert "(4, 24)" in first_step(d)


# --- dense-input-last-dim: axis by axis ------------------------------------------


def test_flattened_image_sizes_are_an_image_size_not_extra_columns():
    d = explain(
        'ValueError: Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input shape '
        "to have value 50176, but received input with shape (None, 57600)"
    )
    assert d.best.entry.id == "dense-input-last-dim-axis"
    body = texts(d)
    assert "50176 = 224 x 224" in body and "57600 = 240 x 240" in body
    assert "ID" not in body and "timestamp" not in body
    assert "tf.image.resize(x, (224, 224))" in first_step(d)


def test_only_the_channel_axis_differing_is_rgba_vs_rgb():
    d = explain(
        'ValueError: Input 0 of layer "conv2d" is incompatible with the layer: expected axis -1 of input shape '
        "to have value 3, but received input with shape (None, 224, 224, 4)"
    )
    assert "RGBA" in d.summary
    assert 'convert("RGB")' in first_step(d)
    assert "ID" not in texts(d)


def test_grayscale_into_an_rgb_model():
    d = explain(
        'ValueError: Input 0 of layer "functional" is incompatible with the layer: expected shape=(None, 224, 224, 3), '
        "found shape=(None, 224, 224, 1)"
    )
    assert d.best.entry.id == "dense-input-last-dim-axis"
    assert "grayscale images reach an RGB model" in d.summary
    assert "grayscale_to_rgb" in first_step(d)


def test_spatial_axes_differing_is_an_image_size_and_no_batch_axis_story():
    d = explain(
        'ValueError: Input 0 of layer "functional" is incompatible with the layer: expected shape=(None, 224, 224, 3), '
        "found shape=(None, 150, 150, 3)"
    )
    assert d.best.entry.id == "dense-input-last-dim-axis"
    assert "224 x 224" in d.summary and "150 x 150" in d.summary
    assert "Resizing(224, 224)" in d.fix
    rank = next(m for m in d.matches if m.entry.id == "input-rank-batch-axis")
    assert rank.score < d.best.score


def test_extra_column_story_only_for_flat_tabular_widths():
    d = explain(
        'ValueError: Input 0 of layer "functional" is incompatible with the layer: expected shape=(None, 13), '
        "found shape=(None, 14)"
    )
    assert d.best.entry.id == "dense-input-last-dim-axis"
    assert "1 more" in d.summary
    assert "1 column(s) too many" in first_step(d)


def test_no_doubled_parentheses_around_shapes():
    """Regression: '({{ g | shape }})' rendered '((None, 28, 28))'."""
    d = explain(
        'ValueError: Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input shape '
        "to have value 784, but received input with shape (None, 28, 28)"
    )
    body = texts(d)
    assert "((" not in body.replace("tf.data.Dataset.zip((", "")
    assert "28 x 28 = 784" in d.summary
    assert "Flatten()" in first_step(d)


def test_keras_313_wording_names_the_layer():
    d = explain(
        "ValueError: Input 0 with name 'keras_tensor' of layer 'dense_1' is incompatible with the layer: expected "
        "axis -1 of input shape to have value 8, but received input with shape (20, 9)"
    )
    assert d.best.entry.id == "dense-input-last-dim-axis"
    assert "`dense_1`" in d.summary and "1 more" in d.summary


def test_tf_keras_27_wording_without_space_after_the_axis():
    d = explain(
        'ValueError: Input 0 of layer "dense" is incompatible with the layer: expected axis -1of input shape to have '
        "value 784, but received input with shape (None, 28, 28)"
    )
    assert d.best.entry.cause == "dense-input-last-dim"


def test_integer_model_input_is_not_a_confident_feature_width():
    msg = (
        "ValueError: Exception encountered when calling Sequential.call().\n\n"
        "Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected axis -1 of input "
        "shape to have value 640, but received input with shape (32, 1280)\n\n"
        "Arguments received by Sequential.call():\n  • inputs=tf.Tensor(shape=(32, 80), dtype=int32)\n"
        "  • training=True\n  • mask=None\n"
    )
    d = explain(msg)
    assert not (d.confident and d.best.entry.cause == "dense-input-last-dim")
    # the entry's own text uses the Keras 3 `Arguments received` context: 1280 = 640 x 2, 80 steps built for 40
    m = next(m for m in d.matches if m.entry.id == "dense-input-last-dim-axis")
    ctx = context(d.report, m.captures)
    assert "80 steps instead of 40" in fill(m.entry.summary, ctx)
    assert "maxlen=40" in fill(m.entry.fix, ctx).split("\n2.")[0]


# --- Keras 1/2 wordings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "cause"),
    [
        (
            "ValueError: Error when checking model input: expected dense_input_1 to have shape (None, 13) "
            "but got array with shape (100, 14)",
            "dense-input-last-dim",
        ),
        (
            "ValueError: Error when checking input: expected dense_1_input to have 2 dimensions, but got array "
            "with shape (60000, 28, 28)",
            "dense-input-last-dim",
        ),
        (
            "ValueError: Error when checking input: expected conv2d_1_input to have 4 dimensions, but got array "
            "with shape (60000, 28, 28)",
            "input-rank",
        ),
        (
            "ValueError: Input 0 is incompatible with layer dense_1: expected ndim=2, found ndim=3",
            "dense-input-last-dim",
        ),
        (
            "ValueError: Input 0 is incompatible with layer conv2d_1: expected axis -1 of input shape to have value 3 "
            "but got shape (None, 32, 32, 1)",
            "dense-input-last-dim",
        ),
        (
            "ValueError: Input arrays should have the same number of samples as target arrays. Found 10251 input "
            "samples and 51255 target samples.",
            "data-cardinality",
        ),
    ],
)
def test_keras_1_and_2_wordings_reach_their_cause(message, cause):
    assert explain(message).best.entry.cause == cause


def test_cardinality_sizes_five_times_apart_say_so():
    d = explain(
        "ValueError: Input arrays should have the same number of samples as target arrays. Found 10251 input "
        "samples and 51255 target samples."
    )
    assert "exactly 5 times" in d.explanation


def test_a_one_dimensional_array_into_dense_gets_a_feature_axis_first():
    d = explain(
        "ValueError: Error when checking input: expected dense_input to have 2 dimensions, but got array with "
        "shape (1000,)"
    )
    assert d.best.entry.id == "dense-input-last-dim-flatten"
    assert "reshape(-1, 1)" in first_step(d)
    assert "not flattened" not in d.summary


# --- input rank: which axis, from the numbers -------------------------------------


def test_one_sample_without_batch_axis_says_one_axis_fewer():
    d = explain(
        'ValueError: Input 0 of layer "functional" is incompatible with the layer: expected shape=(None, 64, 64, 3), '
        "found shape=(64, 64, 3)"
    )
    assert d.best.entry.id == "input-rank-batch-axis"
    assert "1 axis fewer" in d.summary and "0 axis" not in d.summary
    assert "(1, 64, 64, 3)" in first_step(d)


def test_channel_axis_added_twice_is_squeezed_first():
    d = explain(
        "ValueError: Error when checking input: expected conv2d_input to have 4 dimensions, but got array with "
        "shape (None, 28, 28, 1, 1)"
    )
    assert d.best.entry.id == "input-rank-ndim"
    assert "squeeze" in first_step(d) and "(None, 28, 28, 1)" in first_step(d)
    assert "1, 1, 1)" not in d.fix


def test_none_first_means_the_channel_axis_is_missing():
    d = explain(
        'ValueError: Input 0 of layer "conv2d" is incompatible with the layer: expected min_ndim=4, found ndim=3. '
        "Full shape received: (None, 28, 28)"
    )
    assert "channel axis" in first_step(d) and "(None, 28, 28, 1)" in first_step(d)


def test_a_single_rgb_image_gets_the_batch_axis_first():
    d = explain(
        'ValueError: Input 0 of layer "conv2d" is incompatible with the layer: expected min_ndim=4, found ndim=3. '
        "Full shape received: (224, 224, 3)"
    )
    assert "batch axis" in first_step(d) and "(1, 224, 224, 3)" in first_step(d)


# --- reshape: which factor differs --------------------------------------------------


def test_reshape_names_the_single_axis_that_would_absorb_the_difference():
    d = explain(
        "ValueError: Cannot reshape a tensor with 12675 elements to shape [1,13,13,3,85] (43095 elements) for "
        "'{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](x, Reshape/shape)' with input shapes: "
        "[1,13,13,75], [5] and with input tensors computed as partial shapes: input[1] = [1,13,13,3,85]."
    )
    assert d.best.entry.id == "reshape-size-tensor"
    assert "axis 4 were 25 instead of 85" in d.explanation
    assert "20 classes where the shape assumes 80" in d.explanation


def test_numpy_reshape_of_unpooled_feature_maps_puts_pooling_first():
    d = explain("ValueError: cannot reshape array of size 3211264 into shape (32,2048)")
    assert "7 x 7 grid" in d.explanation
    assert "axis 0 were 1568 instead of 32" in d.explanation
    assert "GlobalAveragePooling2D" in first_step(d)


def test_keras_reshape_fix_has_no_doubled_parentheses():
    d = explain(
        "ValueError: Exception encountered when calling Reshape.call(). The total size of the tensor must be "
        "unchanged. Received: input_shape=(16000,), target_shape=(50, 400)"
    )
    assert d.best.entry.id == "reshape-size-keras-layer"
    assert "((16000,))" not in d.fix
    assert "axis 0 were 40 instead of 50" in d.explanation


# --- dtype: cast the side the message names -------------------------------------------


def test_truediv_dtype_clash_casts_the_integer_operand():
    d = explain("TypeError: `x` and `y` must have the same dtype, got tf.int32 != tf.float32.")
    assert d.best.entry.id == "dtype-mismatch-graph-op"
    assert "x = tf.cast(x, tf.float32)" in first_step(d)


def test_a_list_of_tensors_of_several_dtypes_is_cast_to_the_float_one():
    # op_def_library.py's wording for list inputs (ConcatV2 `values`, Pack, AddN), TF 1.x-2.21
    d = explain("TypeError: Tensors in list passed to 'values' of 'ConcatV2' Op have types [int32, float32] that don't all match.")
    assert d.best.entry.id == "dtype-mismatch-graph-op" and d.confident
    assert "[int32, float32]" in d.summary and "``" not in d.summary
    assert "tf.concat([tf.cast(t, tf.float32) for t in tensors], axis)" in first_step(d)


def test_a_python_value_of_the_wrong_kind_names_the_parameter_and_the_op():
    d = explain("TypeError: Expected float32 passed to parameter 'y' of op 'Maximum', got 'a' of type 'str' instead.")
    assert d.best.entry.id == "dtype-mismatch-graph-op"
    assert "`y` of `Maximum` got str where float32 is expected" in d.summary


def test_cardinality_names_the_sizes_of_several_inputs_as_a_sentence():
    d = explain(
        "ValueError: Data cardinality is ambiguous: x sizes: 50, 100 y sizes: 50, 100 "
        "Please provide data which shares the same first dimension."
    )
    assert d.best.entry.id == "data-cardinality-fit"
    assert "the 2 inputs have 50 and 100 samples, the 2 targets 50 and 100." in d.summary

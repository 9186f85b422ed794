"""Regression tests for the checkpoint and api entries: real messages in, rendered texts checked.

Each test feeds a message as TensorFlow/Keras prints it (the wording of a named release) through the
whole explain path and checks what a user would read: the cause, whether tfexplain is confident, and
the numbers, names and version facts in the texts (issue 6, points 5-7).
"""

from __future__ import annotations

import ast
import re

import pytest

from explainer.diagnosis import Diagnosis, explain_text


def causes(d: Diagnosis) -> list[str]:
    out: list[str] = []
    for m in d.matches:
        if m.entry.cause not in out:
            out.append(m.entry.cause)
    return out


def text(d: Diagnosis) -> str:
    return "\n".join((d.summary, d.explanation, d.fix))


def traceback(code: str, message: str, user: bool = True) -> str:
    frame = (
        '  File "/home/u/train.py", line 12, in <module>\n'
        if user
        else '  File "/usr/lib/python3.10/site-packages/keras/engine/base_layer.py", line 1000, in __call__\n'
    )
    return "Traceback (most recent call last):\n" + frame + f"    {code}\n" + message + "\n"


# --- custom objects: the captured name is a Python identifier -----------------------------------------

_CUSTOM_OBJECTS = re.compile(r"custom_objects=(\{[^}]*\})")


def _custom_objects_literals(fix: str) -> list[str]:
    """The dict literals the fix builds from the captured name (not its fixed TF-Hub example or `{...}`)."""
    found = [m.group(1) for m in _CUSTOM_OBJECTS.finditer(fix)] + re.findall(r"custom_object_scope\((\{[^}]*\})\)", fix)
    return [f for f in found if ":" in f and "hub.KerasLayer" not in f]


@pytest.mark.parametrize(
    ("message", "key", "cls"),
    [
        # tf.keras 2.6-2.12 wording: the class name is followed by a sentence-ending period
        (
            "ValueError: Unknown layer: TFDistilBertModel. Please ensure this object is passed to the "
            "`custom_objects` argument. See https://www.tensorflow.org/guide/keras/save_and_serialize"
            "#registering_the_custom_object for details.",
            "TFDistilBertModel",
            "TFDistilBertModel",
        ),
        # Keras 2.13+/Keras 3 legacy loader, quoted, with a registered `package>Class` name
        (
            "ValueError: Unknown layer: 'Custom>TFBertMainLayer'. Please ensure you are using a "
            "`keras.utils.custom_object_scope` and that this object is included in the scope.",
            "Custom>TFBertMainLayer",
            "TFBertMainLayer",
        ),
        # multi-backend Keras 2.2 function branch: no space after the colon, name at the end
        ("ValueError: Unknown loss function:focal_loss", "focal_loss", "focal_loss"),
        # Keras 1.x get_from_module
        ("ValueError: Invalid layer: AttentionWithContext", "AttentionWithContext", "AttentionWithContext"),
    ],
)
def test_unknown_custom_object_fix_is_valid_python(message, key, cls):
    d = explain_text(message)
    assert causes(d)[:1] == ["custom-object-unknown"] and d.confident
    assert d.best.captures["name"] == key
    literals = _custom_objects_literals(d.fix)
    assert literals, d.fix
    for literal in literals:
        tree = ast.parse(literal, mode="eval")  # a syntax error here is the bug of issue 6
        assert isinstance(tree.body, ast.Dict)
        assert [k.value for k in tree.body.keys] == [key]
        assert [v.id for v in tree.body.values] == [cls]
    assert f"`{key}.`" not in d.summary


def test_keras3_could_not_locate_renders_a_registered_name_as_python():
    d = explain_text(
        "TypeError: Could not locate class 'my_pkg>Gate'. Make sure custom classes and functions are decorated "
        "with `@keras.saving.register_keras_serializable()`. Full object config: {'module': None, "
        "'class_name': 'Gate', 'config': {'name': 'gate'}, 'registered_name': 'my_pkg>Gate'}"
    )
    assert causes(d)[:1] == ["custom-object-unknown"] and d.confident
    for literal in _custom_objects_literals(d.fix):
        tree = ast.parse(literal, mode="eval")
        assert [v.id for v in tree.body.values] == ["Gate"]


# --- eager/graph mixing ---------------------------------------------------------------------------------


def test_capture_eager_tensor_does_not_take_the_exception_type_for_the_input_name():
    d = explain_text("RuntimeError: Attempting to capture an EagerTensor without building a function.")
    # first, but not confident: TF1 Saver restore code prints the bare message too (tf1-checkpoint-in-tf2)
    assert causes(d)[:1] == ["eager-graph-mixing"] and not d.confident
    assert "arg" not in d.best.captures
    assert "RuntimeError`" not in text(d) and "passed as" not in d.summary
    named = explain_text("RuntimeError: y: Attempting to capture an EagerTensor without building a function.")
    assert named.best.captures["arg"] == "y"
    assert "(passed as `y`)" in named.summary


LSTM_NUMPY = (
    "NotImplementedError: Cannot convert a symbolic Tensor (lstm_2/strided_slice:0) to a numpy array. This error "
    "may indicate that you're trying to pass a Tensor to a NumPy call, which is not supported"
)


def test_symbolic_tensor_inside_a_builtin_rnn_is_a_version_clash_candidate_not_a_confident_diagnosis():
    d = explain_text(LSTM_NUMPY)
    assert causes(d)[:1] == ["eager-graph-mixing"]
    assert not d.confident
    t = text(d)
    assert "lstm_2" in t and "NumPy >= 1.20" in t and "keras-team/keras#14687" in t
    # the version check comes before the rewrite advice when the tensor is the layer's own
    assert d.fix.index("check the versions") < d.fix.index("1. Replace the NumPy call")


def test_symbolic_tensor_from_the_users_numpy_call_stays_confident():
    d = explain_text(traceback("y = np.log1p(x)", LSTM_NUMPY.replace("lstm_2/strided_slice:0", "args_0:0")))
    assert causes(d)[:1] == ["eager-graph-mixing"] and d.confident
    assert "check the versions" not in d.fix
    rnn_with_user_numpy = explain_text(traceback("z = np.asarray(encoder_out)", LSTM_NUMPY))
    assert rnn_with_user_numpy.confident


def test_symbolic_tensor_error_with_only_library_frames_is_not_confident():
    message = LSTM_NUMPY.replace("lstm_2/strided_slice:0", "Neg_1:0")
    assert explain_text(traceback("y = np.negative(x)", message)).confident
    only_library = explain_text(traceback("outputs = call_fn(inputs)", message, user=False))
    assert causes(only_library)[:1] == ["eager-graph-mixing"] and not only_library.confident


@pytest.mark.parametrize(
    "message",
    [
        "RuntimeError: tf.placeholder() is not compatible with eager execution.",
        "RuntimeError: tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead.",
        "AttributeError: Tensor.op is undefined when eager execution is enabled.",
        "ValueError: A KerasTensor is symbolic: it's a placeholder for a shape an a dtype. It doesn't have any "
        "actual numerical value. You cannot convert it to a NumPy array.",
        "TypeError: You are passing KerasTensor(type_spec=TensorSpec(shape=(None, 4), dtype=tf.float32), "
        "name='input_1', description=\"created by layer 'input_1'\"), an intermediate Keras symbolic input/output, "
        "to a TF API that does not allow registering custom dispatchers, such as `tf.cond`, `tf.function`, "
        "gradient tapes, or `tf.map_fn`.",
    ],
)
def test_eager_graph_wordings_of_every_release(message):
    d = explain_text(message)
    assert causes(d)[:1] == ["eager-graph-mixing"] and d.confident


# --- Keras 3 vs Keras 2: version facts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "release", "commit"),
    [
        ("keras.saving.hdf5_format", "2.11", "c06aa015e900"),
        ("keras.engine", "2.13", "e2ce1cd802e9"),
        ("keras.engine.topology", "2.6", "33c4e162e364"),
        ("keras.layers.recurrent", "2.9", "01c906c4178d"),
    ],
)
def test_modules_gone_in_keras2_are_not_blamed_on_keras3(module, release, commit):
    d = explain_text(f"ModuleNotFoundError: No module named '{module}'")
    assert causes(d)[:1] == ["keras3-compat"]
    assert not d.confident, "no sign of Keras 3 in the paste"
    t = text(d)
    assert f"Keras {release}" in t and commit in t
    assert f'tensorflow<{release}"' in d.fix
    assert "does not bring it back" in d.explanation  # pinning tensorflow<2.16 is not offered as a fix
    assert "or pin `tensorflow<2.16`" not in d.fix


def test_keras2_module_imported_by_the_users_code_is_still_not_confident():
    d = explain_text(traceback("from keras.engine import Layer", "ModuleNotFoundError: No module named 'keras.engine'"))
    assert causes(d)[:1] == ["keras3-compat"] and not d.confident


def test_predict_classes_was_removed_by_keras_2_6():
    d = explain_text("AttributeError: 'Sequential' object has no attribute 'predict_classes'")
    assert causes(d)[:1] == ["keras3-compat"] and not d.confident
    assert "Keras 2.6" in d.summary and "f4a382d66c12" in text(d)


@pytest.mark.parametrize(
    "message",
    [
        "ModuleNotFoundError: No module named 'keras.src.engine'",
        "ModuleNotFoundError: No module named 'keras.preprocessing.text'",
        "AttributeError: 'Sequential' object has no attribute 'fit_generator'",
    ],
)
def test_keras3_only_removals_are_confident_and_offer_tf_keras(message):
    d = explain_text(message)
    assert causes(d)[:1] == ["keras3-compat"] and d.confident
    assert "Keras 3" in d.summary and "TF_USE_LEGACY_KERAS" in d.fix and "v2.16.1" in d.fix


def test_sequential_rejecting_a_keras3_class_is_not_a_keras2_keras3_mix():
    mix = explain_text(
        "ValueError: Only instances of `keras.Layer` can be added to a Sequential model. Received: "
        "<tensorflow_hub.keras_layer.KerasLayer object at 0x7f> (of type <class 'tensorflow_hub.keras_layer.KerasLayer'>)"
    )
    assert causes(mix)[:1] == ["keras3-compat"] and mix.confident
    mistake = explain_text(
        "ValueError: Only instances of `keras.Layer` can be added to a Sequential model. Received: "
        "<class 'keras.src.layers.core.dense.Dense'> (of type <class 'type'>)"
    )
    assert not (mistake.confident and causes(mistake)[:1] == ["keras3-compat"])


# --- checkpoints: numbers and names ------------------------------------------------------------------


def test_layer_count_mismatch_is_explained_from_the_counts():
    d = explain_text(
        "ValueError: Layer count mismatch when loading weights from file. Model expected 5 layers, found 6 saved layers."
    )
    assert causes(d)[:1] == ["checkpoint-shape-mismatch"] and d.confident
    assert "The file holds 6 layers with weights but the model has 5" in d.summary
    assert "1 layer with weights was removed from the model" in d.explanation


def test_weight_count_mismatch_keras2():
    d = explain_text(
        'ValueError: Layer #0 (named "dense") expects 2 weight(s), but the saved weights have 1 element(s).'
    )
    assert causes(d)[:1] == ["checkpoint-shape-mismatch"] and d.confident
    assert "The file holds 1 weight but the model" in d.summary
    assert "The layer has 2 weight variables, the file stores 1" in d.explanation


def test_zero_layers_in_the_model_means_it_was_not_built():
    d = explain_text("ValueError: You are trying to load a weight file containing 3 layers into a model with 0 layers.")
    assert causes(d)[:1] == ["weights-before-build"] and d.confident


def test_restore_shape_error_inside_fit_keeps_its_cause():
    d = explain_text(
        traceback(
            "model.fit(ds, callbacks=[backup])",
            "ValueError: Received incompatible tensor with shape (100, 8) when attempting to restore variable "
            "with shape (120, 8) and name embedding/embeddings:0.",
        )
    )
    assert causes(d)[:1] == ["checkpoint-shape-mismatch"] and d.confident
    assert "first axis differs (100 saved vs 120 now)" in d.explanation


def test_missing_object_graph_key_means_a_tf1_checkpoint():
    d = explain_text("NotFoundError: Key _CHECKPOINTABLE_OBJECT_GRAPH not found in checkpoint")
    assert causes(d)[:1] == ["tf1-checkpoint-in-tf2"]


def test_saved_file_name_is_captured_without_the_sentence_period():
    d = explain_text(
        "ValueError: Invalid filepath extension for saving. Please add either a `.keras` extension for the native "
        "Keras format (recommended) or a `.h5` extension. Use `model.export(filepath)` if you want to export a "
        "SavedModel for use with TFLite/TFServing/etc. Received: filepath=saved_model/my_model."
    )
    assert causes(d)[:1] == ["keras-save-format"] and d.best.captures["file"] == "saved_model/my_model"
    d = explain_text(
        "ValueError: File not found: filepath=classifier.keras. Please ensure the file is an accessible `.keras` zip file."
    )
    assert d.best.captures["file"] == "classifier.keras"


def test_from_pretrained_directory_without_weights():
    d = explain_text(
        "OSError: Error no file named ['pytorch_model.bin', 'tf_model.h5'] found in directory /models/exp1 or "
        "`from_pt` set to False"
    )
    assert causes(d)[:1] == ["checkpoint-path-not-found"] and d.confident
    assert "`/models/exp1` exists but holds none of ['pytorch_model.bin', 'tf_model.h5']" in d.explanation


@pytest.mark.parametrize(
    ("message", "cause"),
    [
        # TF1 / tf.compat.v1 Saver wrapper with its original error cut off
        (
            "NotFoundError: Restoring from checkpoint failed. This is most likely due to a Variable name or other "
            "graph key that is missing from the checkpoint. Please ensure that you have not altered the graph "
            "expected based on the checkpoint. Original error:",
            "checkpoint-key-not-found",
        ),
        (
            'NotFoundError: Tensor name "fc/biases" not found in checkpoint files ./model.ckpt',
            "checkpoint-key-not-found",
        ),
        (
            "InvalidArgumentError: Assign requires shapes of both tensors to match. lhs shape= [1024,2] rhs shape= [1024,1001]",
            "checkpoint-shape-mismatch",
        ),
        (
            "ValueError: Layer weight shape (3, 3, 1, 64) not compatible with provided weight shape (3, 3, 3, 64)",
            "checkpoint-shape-mismatch",
        ),
        (
            "OSError: Unable to open file (unable to open file: name = 'model.h5', errno = 2, error message = "
            "'No such file or directory', flags = 0, o_flags = 0)",
            "checkpoint-path-not-found",
        ),
        (
            "ValueError: File format not supported: filepath=ckpt/cp-0005.ckpt. Keras 3 only supports V3 `.keras` and "
            "`.weights.h5` files, or legacy V1/V2 `.h5` files.",
            "keras-save-format",
        ),
        ("AttributeError: You must build the layer before accessing `kernel`.", "weights-before-build"),
        ("AttributeError: module 'tensorflow' has no attribute 'placeholder'", "tf1-api-in-tf2"),
        (
            "AttributeError: module 'tensorflow._api.v2.train' has no attribute 'GradientDescentOptimizer'",
            "tf1-api-in-tf2",
        ),
    ],
)
def test_wordings_of_older_and_newer_releases_reach_their_cause(message, cause):
    d = explain_text(message)
    assert causes(d)[:1] == [cause] and d.confident, (causes(d), d.confident)


def test_lstm_kernel_shapes_are_decoded_into_units_and_input_width():
    d = explain_text(
        "ValueError: Shape mismatch in layer #1 (named lstm)for weight sequential/lstm/lstm_cell/kernel. "
        "Weight expects shape (172, 512). Received saved weight with shape (300, 512)"
    )
    assert causes(d)[:1] == ["checkpoint-shape-mismatch"] and d.confident
    assert "512 = 4·128, 128 units fed by 300 features" in d.explanation
    assert "128 units fed by 172 features" in d.explanation
    assert "changed from 300 to 172 features" in d.explanation and "`units` changed" not in d.explanation
    units = explain_text(
        "ValueError: Received incompatible tensor with shape (300, 512) when attempting to restore variable with "
        "shape (300, 1024) and name sequential/lstm/lstm_cell/kernel:0."
    )
    assert "`units` changed from 128 to 256." in units.explanation


def test_gru_recurrent_kernel_gives_the_saved_units():
    d = explain_text(
        "ValueError: Received incompatible tensor with shape (128, 384) when attempting to restore variable with "
        "shape (64, 192) and name gru/gru_cell/recurrent_kernel:0."
    )
    assert "384 = 3·128, so the file was saved with 128 units" in d.explanation and "`units=128`" in d.explanation


def test_removed_kwargs_texts_say_which_keras3_releases_reject_input_length_and_decay():
    d = explain_text("ValueError: Unrecognized keyword arguments passed to Embedding: {'input_length': 100}")
    assert causes(d)[:1] == ["keras3-compat"] and d.confident
    assert "rejected by Keras 3.0-3.1 and only warned about since 3.2" in d.explanation
    assert "4ed99584cc3f" in d.explanation and "`decay` (optimizers) is accepted but ignored" in d.explanation


def test_unknown_builtin_layer_is_a_keras_version_clash_not_a_custom_object():
    d = explain_text("ValueError: Unknown layer: Functional")
    assert causes(d)[:1] == ["custom-object-unknown"] and not d.confident
    assert "built-in Keras one" in d.explanation and "tensorflow/tensorflow#45135" in d.explanation
    assert d.fix.startswith("First compare versions")


def test_tf1_call_inside_standalone_keras_points_at_the_library_first():
    d = explain_text(
        "Traceback (most recent call last):\n"
        '  File "/home/u/train.py", line 3, in <module>\n'
        "    model.add(Dense(10, input_dim=4))\n"
        '  File "/usr/local/lib/python3.7/site-packages/keras/backend/tensorflow_backend.py", line 74, in get_uid\n'
        "    graph = tf.get_default_graph()\n"
        "AttributeError: module 'tensorflow' has no attribute 'get_default_graph'\n"
    )
    assert causes(d)[:1] == ["tf1-api-in-tf2"] and d.confident
    assert "None of your own lines mentions `get_default_graph`" in d.explanation and "b5cb82c689ea" in d.explanation
    assert d.fix.startswith("First: the TF 1 call is in a library")
    own = explain_text(
        traceback(
            "x = tf.placeholder(tf.float32)", "AttributeError: module 'tensorflow' has no attribute 'placeholder'"
        )
    )
    assert "None of your own lines" not in own.explanation and own.fix.startswith("Pick one")


@pytest.mark.parametrize(
    "message",
    [
        "RuntimeError: tf.placeholder() is not compatible with eager execution.",
        "RuntimeError: Attempting to capture an EagerTensor without building a function.",
    ],
)
def test_graph_eager_errors_raised_only_inside_libraries_are_not_confident(message):
    assert explain_text(traceback("x = tf.compat.v1.placeholder(tf.float32)", message)).confident
    d = explain_text(traceback("input_tensor = K.placeholder(shape=shape)", message, user=False))
    assert causes(d)[:1] == ["eager-graph-mixing"] and not d.confident

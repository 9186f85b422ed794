"""Register the class, and make sure the loading script imports it."""

import os
import tempfile

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="gating")
class Gate(keras.layers.Layer):
    def call(self, x):
        return x * keras.ops.sigmoid(x)


inputs = keras.Input((4,))
outputs = keras.layers.Dense(1)(Gate()(inputs))
path = os.path.join(tempfile.mkdtemp(), "gated.keras")
original = keras.Model(inputs, outputs)
original.save(path)

model = keras.models.load_model(path)  # or custom_objects={"Gate": Gate}
x = np.ones((2, 4), "float32")
assert np.allclose(model(x), original(x))
print(type(model.layers[1]).__name__)

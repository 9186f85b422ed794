"""A .keras model with a custom layer, loaded by a script that lacks the class.

The `.keras` file stores only the layer's class name and config; to rebuild it,
load_model must find a Python class registered under that name.
"""

import os
import tempfile

import keras


class Gate(keras.layers.Layer):
    def call(self, x):
        return x * keras.ops.sigmoid(x)


inputs = keras.Input((4,))
outputs = keras.layers.Dense(1)(Gate()(inputs))
path = os.path.join(tempfile.mkdtemp(), "gated.keras")
keras.Model(inputs, outputs).save(path)

del Gate  # e.g. the loading script never imports the module that defines it
model = keras.models.load_model(path)

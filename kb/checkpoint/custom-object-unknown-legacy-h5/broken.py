"""A legacy HDF5 (.h5) model with a custom layer, loaded without custom_objects.

The HDF5 format stores the architecture as JSON with class names only; the
loader raises "Unknown layer" for names it cannot resolve.
"""

import os
import tempfile

import keras


class Clip(keras.layers.Layer):
    def call(self, x):
        return keras.ops.clip(x, -1.0, 1.0)


model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), Clip()])
path = os.path.join(tempfile.mkdtemp(), "clipped.h5")
model.save(path)  # legacy format, still readable by Keras 3

restored = keras.models.load_model(path)

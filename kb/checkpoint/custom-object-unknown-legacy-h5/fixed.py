"""Hand the class to the loader (or re-save as .keras with a registered class)."""

import os
import tempfile

import keras
import numpy as np


class Clip(keras.layers.Layer):
    def call(self, x):
        return keras.ops.clip(x, -1.0, 1.0)


model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), Clip()])
path = os.path.join(tempfile.mkdtemp(), "clipped.h5")
model.save(path)

restored = keras.models.load_model(path, custom_objects={"Clip": Clip})
x = np.full((2, 4), 5.0, "float32")
assert np.allclose(restored(x), model(x))
print([type(layer).__name__ for layer in restored.layers])

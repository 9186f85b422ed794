"""Create the variables first (one call on a dummy batch), then load."""

import os
import tempfile

import keras
import numpy as np


class Regressor(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.out = keras.layers.Dense(1)

    def call(self, x):
        return self.out(self.hidden(x))


path = os.path.join(tempfile.mkdtemp(), "regressor.weights.h5")
trained = Regressor()
trained(np.zeros((1, 6), "float32"))
trained.save_weights(path)

serving = Regressor()
serving(np.zeros((1, 6), "float32"))  # builds hidden (6, 8) and out (8, 1)
serving.load_weights(path)
x = np.ones((2, 6), "float32")
assert np.allclose(serving(x), trained(x))
print("loaded", len(serving.weights), "variables")

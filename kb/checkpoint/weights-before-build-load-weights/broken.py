"""Loading weights into a freshly constructed subclassed model.

A subclassed model creates its layers' variables the first time it is called;
right after __init__ it has no variables to receive the saved values.
"""

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
trained(np.zeros((1, 6), "float32"))  # built by a first call
trained.save_weights(path)

serving = Regressor()
serving.load_weights(path)  # no call yet: nothing to load into

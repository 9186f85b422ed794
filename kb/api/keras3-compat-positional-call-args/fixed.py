"""The same layer call, with the option passed by keyword: inputs stay positional."""

import numpy as np
import keras


class Scale(keras.layers.Layer):
    def call(self, inputs, factor):
        return inputs * factor


x = np.ones((2, 3), dtype="float32")
print(Scale()(x, factor=3))

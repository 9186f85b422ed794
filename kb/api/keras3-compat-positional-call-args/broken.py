"""A custom layer called with a plain Python number as a positional argument.

Keras 2 passed any positional argument through to `call`. Keras 3 treats
positional arguments as the layer's inputs and refuses anything that is not
a tensor: options such as a scale factor must be passed by keyword.
"""

import numpy as np
import keras


class Scale(keras.layers.Layer):
    def call(self, inputs, factor):
        return inputs * factor


x = np.ones((2, 3), dtype="float32")
print(Scale()(x, 3))

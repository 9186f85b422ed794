"""Copying pretrained values into a layer before it was ever called.

An unbuilt layer's `weights` list is empty, so `encoder.weights[0]` raises
IndexError instead of returning the kernel.
"""

import numpy as np
import keras

pretrained_kernel = np.full((6, 4), 0.5, "float32")
pretrained_bias = np.zeros(4, "float32")

encoder = keras.layers.Dense(4, name="encoder")
encoder.weights[0].assign(pretrained_kernel)  # weights == [] before build
encoder.weights[1].assign(pretrained_bias)

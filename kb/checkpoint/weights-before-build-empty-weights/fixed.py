"""Build the layer for its input size first; then its weights exist."""

import numpy as np
import keras

pretrained_kernel = np.full((6, 4), 0.5, "float32")
pretrained_bias = np.zeros(4, "float32")

encoder = keras.layers.Dense(4, name="encoder")
encoder.build((None, 6))  # creates kernel (6, 4) and bias (4,)
encoder.weights[0].assign(pretrained_kernel)
encoder.weights[1].assign(pretrained_bias)
assert np.allclose(encoder(np.ones((1, 6), "float32")), 3.0)
print([w.shape for w in encoder.weights])

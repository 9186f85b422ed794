"""Give the query a time axis of length 1 so it broadcasts over the encoder steps."""

import numpy as np
import keras
from keras import layers


class AdditiveScore(layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.w_query = layers.Dense(units)
        self.w_values = layers.Dense(units)
        self.v = layers.Dense(1)

    def call(self, query, values):
        query = keras.ops.expand_dims(query, 1)  # (batch, 1, units)
        score = self.v(keras.ops.tanh(self.w_query(query) + self.w_values(values)))
        weights = keras.ops.softmax(score, axis=1)
        return keras.ops.sum(weights * values, axis=1)


decoder_state = np.random.rand(4, 32).astype("float32")
encoder_outputs = np.random.rand(4, 9, 32).astype("float32")
context = AdditiveScore(10)(decoder_state, encoder_outputs)
assert context.shape == (4, 32)
print(context.shape)

"""Additive (Bahdanau-style) attention: the decoder state (batch, units) is added
to the projected encoder outputs (batch, time, units) without a time axis."""

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
        score = self.v(keras.ops.tanh(self.w_query(query) + self.w_values(values)))
        weights = keras.ops.softmax(score, axis=1)
        return keras.ops.sum(weights * values, axis=1)


decoder_state = np.random.rand(4, 32).astype("float32")       # (batch, units)
encoder_outputs = np.random.rand(4, 9, 32).astype("float32")  # (batch, time, units)
print(AdditiveScore(10)(decoder_state, encoder_outputs).shape)

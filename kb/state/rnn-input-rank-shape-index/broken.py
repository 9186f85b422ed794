"""A hand-written attention-pooling layer placed after a Dense layer.

The layer reads the time axis as inputs.shape[1] and the feature size as
inputs.shape[2]; after Dense the tensor is 2-D (batch, units), so shape[2]
does not exist.
"""

import keras
from keras import layers


class AttentionPooling(layers.Layer):
    def build(self, input_shape):
        hidden_size = int(input_shape[2])
        self.score = layers.Dense(1)
        self.score.build((None, input_shape[1], hidden_size))

    def call(self, hidden_states):
        weights = keras.ops.softmax(self.score(hidden_states), axis=1)
        return keras.ops.sum(weights * hidden_states, axis=1)


inputs = keras.Input(shape=(12, 5))
x = layers.Flatten()(inputs)
x = layers.Dense(16)(x)  # (None, 16): the time axis is gone
outputs = AttentionPooling()(x)

"""Feed the attention layer a sequence: an RNN with return_sequences=True keeps
(batch, time, units)."""

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
x = layers.LSTM(16, return_sequences=True)(inputs)  # (None, 12, 16)
outputs = AttentionPooling()(x)
assert tuple(outputs.shape) == (None, 16)

"""Decoder GRU with the same number of units (32) as the encoder whose state it receives."""

import numpy as np
import keras
from keras import layers


class Encoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed = layers.Embedding(40, 8)
        self.gru = layers.GRU(32, return_state=True)

    def call(self, x):
        return self.gru(self.embed(x))


class Decoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed = layers.Embedding(40, 8)
        self.gru = layers.GRU(32, return_sequences=True)  # same units as the encoder

    def call(self, y, enc_state):
        return self.gru(self.embed(y), initial_state=enc_state)


encoder, decoder = Encoder(), Decoder()
_, enc_state = encoder(np.ones((2, 6), "int32"))
out = decoder(np.ones((2, 4), "int32"), enc_state)
assert out.shape == (2, 4, 32)
print(out.shape)

"""Subclassed seq2seq run eagerly: GRU encoder with 32 units, GRU decoder with 64."""

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
        self.gru = layers.GRU(64, return_sequences=True)  # enlarged, encoder not

    def call(self, y, enc_state):
        return self.gru(self.embed(y), initial_state=enc_state)


encoder, decoder = Encoder(), Decoder()
_, enc_state = encoder(np.ones((2, 6), "int32"))
print(decoder(np.ones((2, 4), "int32"), enc_state).shape)

"""A GRU has one state: unpack output and h only."""

import keras
from keras import layers

tokens = keras.Input(shape=(None,), dtype="int32")
embedded = layers.Embedding(50, 8)(tokens)
enc_out, state_h = layers.GRU(32, return_state=True)(embedded)
assert tuple(state_h.shape) == (None, 32)
print(enc_out.shape, state_h.shape)

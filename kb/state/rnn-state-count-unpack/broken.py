"""Unpacking a GRU's return_state output as if it were an LSTM (output, h, c).

GRU(return_state=True) returns [output, h]: two values, not three.
"""

import keras
from keras import layers

tokens = keras.Input(shape=(None,), dtype="int32")
embedded = layers.Embedding(50, 8)(tokens)
enc_out, state_h, state_c = layers.GRU(32, return_state=True)(embedded)
print(enc_out.shape, state_h.shape, state_c.shape)

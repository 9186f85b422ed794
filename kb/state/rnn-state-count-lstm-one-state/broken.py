"""A GRU encoder's single state handed to an LSTM decoder, which needs two.

GRU(return_state=True) returns one state tensor (h); LSTM keeps two (h and c).
Keras 3 builds the model without complaint and fails when it runs.
"""

import numpy as np
import keras
from keras import layers

VOCAB, UNITS = 30, 16
src = keras.Input(shape=(None,), dtype="int32")
tgt = keras.Input(shape=(None,), dtype="int32")

_, enc_h = layers.GRU(UNITS, return_state=True)(layers.Embedding(VOCAB, 8)(src))
dec_seq = layers.LSTM(UNITS, return_sequences=True)(
    layers.Embedding(VOCAB, 8)(tgt), initial_state=[enc_h]
)
model = keras.Model([src, tgt], layers.Dense(VOCAB)(dec_seq))

x_src = np.random.randint(0, VOCAB, (4, 7))
x_tgt = np.random.randint(0, VOCAB, (4, 5))
print(model.predict([x_src, x_tgt], verbose=0).shape)

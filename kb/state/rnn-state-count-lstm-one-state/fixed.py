"""Use the same cell type on both sides: an LSTM encoder returns [h, c]."""

import numpy as np
import keras
from keras import layers

VOCAB, UNITS = 30, 16
src = keras.Input(shape=(None,), dtype="int32")
tgt = keras.Input(shape=(None,), dtype="int32")

_, enc_h, enc_c = layers.LSTM(UNITS, return_state=True)(layers.Embedding(VOCAB, 8)(src))
dec_seq = layers.LSTM(UNITS, return_sequences=True)(
    layers.Embedding(VOCAB, 8)(tgt), initial_state=[enc_h, enc_c]
)
model = keras.Model([src, tgt], layers.Dense(VOCAB)(dec_seq))

x_src = np.random.randint(0, VOCAB, (4, 7))
x_tgt = np.random.randint(0, VOCAB, (4, 5))
out = model.predict([x_src, x_tgt], verbose=0)
assert out.shape == (4, 5, VOCAB)
print(out.shape)

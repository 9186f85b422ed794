"""The decoder gets as many units as the concatenated encoder states: 2 x 32."""

import numpy as np
import keras
from keras import layers

VOCAB, UNITS = 40, 32
src = keras.Input(shape=(None,), dtype="int32")
tgt = keras.Input(shape=(None,), dtype="int32")

_, fh, fc, bh, bc = layers.Bidirectional(layers.LSTM(UNITS, return_state=True))(
    layers.Embedding(VOCAB, 8)(src)
)
state_h = layers.Concatenate()([fh, bh])
state_c = layers.Concatenate()([fc, bc])
decoder_seq = layers.LSTM(2 * UNITS, return_sequences=True)(
    layers.Embedding(VOCAB, 8)(tgt), initial_state=[state_h, state_c]
)
model = keras.Model([src, tgt], layers.Dense(VOCAB)(decoder_seq))
out = model.predict([np.ones((2, 6)), np.ones((2, 4))], verbose=0)
assert out.shape == (2, 4, VOCAB)
print(out.shape)

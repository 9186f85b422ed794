"""Give the input a fixed batch size: batch_shape=(batch, time, features)."""

import keras
from keras import layers

BATCH = 4
model = keras.Sequential([
    keras.Input(batch_shape=(BATCH, 10, 3)),
    layers.LSTM(16, stateful=True),
    layers.Dense(1),
])
assert model.output_shape == (BATCH, 1)
model.summary()

"""A stateful LSTM in a model whose batch size is left open (input_shape only)."""

import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(10, 3)),  # batch dimension is None
    layers.LSTM(16, stateful=True),
    layers.Dense(1),
])
model.summary()

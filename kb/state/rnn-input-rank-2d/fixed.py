"""Give the LSTM a time axis: (samples, timesteps, features). Here each
sentence is a sequence of 6 tokens with 4 features each."""

import numpy as np
import keras
from keras import layers

token_vectors = np.random.rand(16, 6, 4).astype("float32")  # (samples, time, features)
labels = np.random.randint(0, 2, (16, 1))

model = keras.Sequential([
    keras.Input(shape=(6, 4)),
    layers.LSTM(8),
    layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
model.fit(token_vectors, labels, epochs=1, verbose=0)
assert model.output_shape == (None, 1)

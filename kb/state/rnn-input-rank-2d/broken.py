"""Sentence vectors (one 24-d vector per sentence) fed straight to an LSTM."""

import numpy as np
import keras
from keras import layers

sentence_vectors = np.random.rand(16, 24).astype("float32")  # (samples, features)
labels = np.random.randint(0, 2, (16, 1))

model = keras.Sequential([
    keras.Input(shape=(24,)),
    layers.LSTM(8),
    layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
model.fit(sentence_vectors, labels, epochs=1, verbose=0)

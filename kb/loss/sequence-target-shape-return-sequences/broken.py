"""Sequence classification whose last LSTM still returns every timestep.

Each sentence (10 token ids) has one label out of 3, shape (n,). With
return_sequences=True on the last LSTM the Dense head runs per timestep and
predicts (n, 10, 3): one distribution per token instead of per sentence.
"""

import numpy as np
import keras

rng = np.random.default_rng(4)
tokens = rng.integers(1, 200, size=(60, 10))
sentiment = rng.integers(0, 3, size=(60,))  # one label per sentence

model = keras.Sequential([
    keras.Input((10,)),
    keras.layers.Embedding(200, 16),
    keras.layers.LSTM(16, return_sequences=True),
    keras.layers.LSTM(16, return_sequences=True),  # should not return sequences
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(tokens, sentiment, epochs=1, batch_size=20, verbose=0)

"""Only the last recurrent layer changes: it returns its final state, (n, 16)."""

import numpy as np
import keras

rng = np.random.default_rng(4)
tokens = rng.integers(1, 200, size=(60, 10))
sentiment = rng.integers(0, 3, size=(60,))  # one label per sentence

model = keras.Sequential([
    keras.Input((10,)),
    keras.layers.Embedding(200, 16),
    keras.layers.LSTM(16, return_sequences=True),  # feeds the next LSTM: keep sequences
    keras.layers.LSTM(16),  # last one: one vector per sentence
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(tokens, sentiment, epochs=1, batch_size=20, verbose=0)
assert model.output_shape == (None, 3)

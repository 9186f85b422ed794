"""Apply the same row mask to the features and the labels."""

import numpy as np
import keras

rng = np.random.default_rng(6)
X = rng.normal(size=(120, 5)).astype("float32")
X[rng.choice(120, size=7, replace=False), 2] = np.nan  # sensor dropouts
y = rng.integers(0, 2, size=(120,))

complete = ~np.isnan(X).any(axis=1)
X, y = X[complete], y[complete]  # both 113 rows
assert len(X) == len(y) == 113

model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
history = model.fit(X, y, epochs=1, verbose=0)
print(history.history["loss"])

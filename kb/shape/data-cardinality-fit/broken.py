"""Rows with missing values are removed from the features but not from the labels.

120 rows, 7 of them with a NaN reading. Filtering X leaves 113 samples while y
still has 120, so Keras cannot pair features with labels.
"""

import numpy as np
import keras

rng = np.random.default_rng(6)
X = rng.normal(size=(120, 5)).astype("float32")
X[rng.choice(120, size=7, replace=False), 2] = np.nan  # sensor dropouts
y = rng.integers(0, 2, size=(120,))

complete = ~np.isnan(X).any(axis=1)
X = X[complete]  # 113 rows; y was not filtered

model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X, y, epochs=1, verbose=0)

"""Inputs and targets as two arguments (or a tuple (x, y) from a dataset)."""

import keras
import numpy as np

x = np.random.rand(32, 4).astype("float32")
y = np.random.randint(0, 2, (32, 1)).astype("float32")

model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x, y, epochs=1, verbose=0)

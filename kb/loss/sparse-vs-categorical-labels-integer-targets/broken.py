"""Integer class ids fed to a categorical (one-hot) cross-entropy.

A 4-class classifier ends in Dense(4, softmax), and the labels are plain class
ids 0..3 with shape (n,). `categorical_crossentropy` compares the labels with
the predictions element by element, so it wants one-hot rows of shape (n, 4).
"""

import numpy as np
import keras

rng = np.random.default_rng(0)
features = rng.normal(size=(96, 6)).astype("float32")
labels = rng.integers(0, 4, size=(96,))  # class ids, shape (96,)

model = keras.Sequential([
    keras.Input((6,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(4, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(features, labels, epochs=1, batch_size=32, verbose=0)

"""Add the channel axis (1 for grayscale) so each batch is (batch, 28, 28, 1)."""

import numpy as np
import keras

rng = np.random.default_rng(2)
scans = rng.random((64, 28, 28), dtype="float32")  # (n, height, width): no channel axis
labels = rng.integers(0, 3, size=(64,))

scans = scans[..., np.newaxis]  # (64, 28, 28, 1)
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
history = model.fit(scans, labels, batch_size=16, epochs=1, verbose=0)
assert scans.ndim == 4
print(history.history["loss"])

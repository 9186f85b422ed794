"""A Conv2D classifier trained on grayscale images that have no channel axis.

Conv2D needs 4-D batches (batch, height, width, channels). Grayscale images
loaded as (n, 28, 28) lack the trailing channel axis, so the batch is 3-D and
the first convolution rejects it.
"""

import numpy as np
import keras

rng = np.random.default_rng(2)
scans = rng.random((64, 28, 28), dtype="float32")  # (n, height, width): no channel axis
labels = rng.integers(0, 3, size=(64,))

model = keras.Sequential([
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(scans, labels, batch_size=16, epochs=1, verbose=0)

"""Flatten every value of each feature map: (n, 4 * 4 * 64), written as reshape(n, -1)."""

import numpy as np
import keras

backbone = keras.Sequential([
    keras.Input(shape=(16, 16, 3)),
    keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
    keras.layers.MaxPooling2D(2),
    keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
    keras.layers.MaxPooling2D(2),
])
images = np.random.default_rng(4).random((10, 16, 16, 3), dtype="float32")
fmaps = backbone.predict(images, verbose=0)  # (10, 4, 4, 64)
vectors = fmaps.reshape((images.shape[0], -1))
assert vectors.shape == (10, 4 * 4 * 64)
print(vectors.shape)

"""Declare (and feed) an image side divisible by 2 per pooling level: 26 instead of 25."""

import numpy as np
import keras

SIDE = 26  # 25 rounded up to a multiple of 2 ** (number of MaxPooling2D(2) steps)
inputs = keras.Input(shape=(SIDE, SIDE, 1))
skip = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
down = keras.layers.MaxPooling2D(2)(skip)
mid = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(down)
up = keras.layers.UpSampling2D(2)(mid)
merged = keras.layers.Concatenate(axis=-1)([skip, up])
outputs = keras.layers.Conv2D(1, 1, activation="sigmoid")(merged)
unet = keras.Model(inputs, outputs)

scan = np.random.default_rng(5).random((1, 25, 25, 1), dtype="float32")
padded = np.pad(scan, ((0, 0), (0, 1), (0, 1), (0, 0)))  # (1, 26, 26, 1)
mask = unet.predict(padded, verbose=0)[:, :25, :25]
assert mask.shape == (1, 25, 25, 1)
print(mask.shape)

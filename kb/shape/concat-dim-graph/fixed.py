"""Pad the image to a multiple of 2 (one pooling level) so down- and up-sampling round-trip."""

import numpy as np
import keras

inputs = keras.Input(shape=(None, None, 1))
skip = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
down = keras.layers.MaxPooling2D(2)(skip)
mid = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(down)
up = keras.layers.UpSampling2D(2)(mid)
merged = keras.layers.Concatenate(axis=-1)([skip, up])
outputs = keras.layers.Conv2D(1, 1, activation="sigmoid")(merged)
unet = keras.Model(inputs, outputs)

scan = np.random.default_rng(5).random((1, 25, 25, 1), dtype="float32")
levels = 1  # number of MaxPooling2D(2) steps
multiple = 2 ** levels
pad_h = -scan.shape[1] % multiple
pad_w = -scan.shape[2] % multiple
padded = np.pad(scan, ((0, 0), (0, pad_h), (0, pad_w), (0, 0)))  # (1, 26, 26, 1)
mask = unet.predict(padded, verbose=0)[:, : scan.shape[1], : scan.shape[2]]
assert mask.shape == (1, 25, 25, 1)
print(mask.shape)

"""A tiny U-Net with a skip connection, run on an image whose side is odd.

The model accepts any image size (Input shape (None, None, 1)). MaxPooling2D
halves 25 to 12 (rounding down), UpSampling2D doubles 12 to 24, and the skip
connection still has 25: concatenating (1, 25, 25, 8) with (1, 24, 24, 8) along
the channel axis fails when the graph runs.
"""

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
mask = unet.predict(scan, verbose=0)
print(mask.shape)

"""A tiny U-Net declared for 25x25 images: the skip connection cannot be concatenated.

MaxPooling2D halves 25 to 12 (rounding down) and UpSampling2D doubles 12 to 24,
so the skip branch (25, 25, 8) and the upsampled branch (24, 24, 8) disagree on
height and width. Keras checks this when the functional model is built.
"""

import keras

inputs = keras.Input(shape=(25, 25, 1))
skip = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
down = keras.layers.MaxPooling2D(2)(skip)
mid = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(down)
up = keras.layers.UpSampling2D(2)(mid)
merged = keras.layers.Concatenate(axis=-1)([skip, up])
outputs = keras.layers.Conv2D(1, 1, activation="sigmoid")(merged)
unet = keras.Model(inputs, outputs)
unet.summary()

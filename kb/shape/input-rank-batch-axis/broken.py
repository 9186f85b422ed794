"""Classifying one photo with a model that expects batches of photos.

The model's input is (None, 64, 64, 3): a batch of 64x64 RGB images. A single
image has shape (64, 64, 3). `predict` treats the first axis of whatever it
gets as the batch axis, so it cuts the photo's 64 rows into batches of 32 and
sends (32, 64, 3) tensors to the model, which has one axis fewer than declared.
"""

import numpy as np
import keras

inputs = keras.Input(shape=(64, 64, 3))
x = keras.layers.Conv2D(4, 3, strides=2, activation="relu")(inputs)
x = keras.layers.GlobalAveragePooling2D()(x)
outputs = keras.layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)

photo = np.random.default_rng(3).random((64, 64, 3), dtype="float32")  # one image
probs = model.predict(photo, verbose=0)
print(probs.argmax())

"""Give the single photo a batch axis of size 1: (64, 64, 3) -> (1, 64, 64, 3)."""

import numpy as np
import keras

inputs = keras.Input(shape=(64, 64, 3))
x = keras.layers.Conv2D(4, 3, strides=2, activation="relu")(inputs)
x = keras.layers.GlobalAveragePooling2D()(x)
outputs = keras.layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)

photo = np.random.default_rng(3).random((64, 64, 3), dtype="float32")  # one image
batch = np.expand_dims(photo, axis=0)  # same as photo[None, ...]
probs = model.predict(batch, verbose=0)
assert probs.shape == (1, 5)
print(probs[0].argmax())

"""Declare the image shape and let a Flatten layer turn each 28x28 image into 784 features."""

import numpy as np
import keras

rng = np.random.default_rng(1)
images = rng.random((96, 28, 28), dtype="float32")  # grayscale digits, not flattened
labels = rng.integers(0, 10, size=(96,))

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    keras.layers.Flatten(),  # (None, 28, 28) -> (None, 784)
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
history = model.fit(images, labels, batch_size=32, epochs=1, verbose=0)
assert model.layers[0].output.shape == (None, 784)
print(history.history["loss"])

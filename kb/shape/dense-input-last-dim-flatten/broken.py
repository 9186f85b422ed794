"""An MLP declared for 784 inputs is trained on 28x28 images that were never flattened.

`keras.Input(shape=(784,))` says each sample is a vector of 784 pixels, but the
image array still has shape (n, 28, 28). Keras 3 compares the input's rank and
shape with the declared Input before running any layer and rejects it.
"""

import numpy as np
import keras

rng = np.random.default_rng(1)
images = rng.random((96, 28, 28), dtype="float32")  # grayscale digits, not flattened
labels = rng.integers(0, 10, size=(96,))

model = keras.Sequential([
    keras.Input(shape=(784,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(images, labels, batch_size=32, epochs=1, verbose=0)

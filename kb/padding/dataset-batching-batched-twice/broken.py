"""A dataset batched twice: once in a preprocessing helper, again before fit.

make_dataset() already returns batches of 8 images; calling .batch(4) on it
stacks 4 batches into one element of shape (4, 8, 28, 28), a 4-D input for a
model that expects (batch, 28, 28).
"""

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
images = rng.random((64, 28, 28)).astype("float32")
labels = rng.integers(0, 10, size=(64,))


def make_dataset(x, y):
    return tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64).batch(8)


train_ds = make_dataset(images, labels).batch(4)  # second batching

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)

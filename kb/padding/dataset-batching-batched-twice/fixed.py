"""Batch in exactly one place: let make_dataset() own the batch size."""

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
images = rng.random((64, 28, 28)).astype("float32")
labels = rng.integers(0, 10, size=(64,))


def make_dataset(x, y, batch_size=32):
    return tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64).batch(batch_size)


train_ds = make_dataset(images, labels, batch_size=32)  # no second .batch()
assert train_ds.element_spec[0].shape.as_list() == [None, 28, 28]

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile("adam", "sparse_categorical_crossentropy")
history = model.fit(train_ds, epochs=1, verbose=0)
assert len(history.history["loss"]) == 1

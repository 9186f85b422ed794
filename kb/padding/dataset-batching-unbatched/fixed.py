"""Batch the dataset once, as the last step before prefetch."""

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.integers(1, 100, size=(64, 20)).astype("int32")
y = rng.integers(0, 2, size=(64,)).astype("float32")

train_ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64).batch(16).prefetch(2)
assert train_ds.element_spec[0].shape.as_list() == [None, 20]

model = keras.Sequential([
    keras.Input(shape=(20,), dtype="int32"),
    keras.layers.Embedding(100, 8),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
history = model.fit(train_ds, epochs=1, verbose=0)
assert len(history.history["loss"]) == 1

"""A tf.data pipeline handed to model.fit without .batch().

from_tensor_slices() yields one example at a time: a (20,) id vector, not a
(batch, 20) matrix. model.fit does not batch a Dataset for you (batch_size is
ignored for datasets), so the model sees a tensor without its batch axis.
"""

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.integers(1, 100, size=(64, 20)).astype("int32")
y = rng.integers(0, 2, size=(64,)).astype("float32")

train_ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64)
# missing: .batch(16)

model = keras.Sequential([
    keras.Input(shape=(20,), dtype="int32"),
    keras.layers.Embedding(100, 8),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)

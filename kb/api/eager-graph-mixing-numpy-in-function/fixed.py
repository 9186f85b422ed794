"""The same loss written with TensorFlow ops only, so it works on the symbolic
tensors that model.fit passes in (and on eager tensors as well)."""

import numpy as np
import keras
import tensorflow as tf

x = np.random.rand(32, 5).astype("float32")
y = np.random.rand(32, 1).astype("float32")


def weighted_mse(y_true, y_pred):
    weights = tf.where(tf.abs(y_true) > 0.9, 0.5, 1.0)  # tf.where instead of np.where(...numpy())
    return tf.reduce_mean(weights * tf.square(y_true - y_pred))


model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss=weighted_mse)
history = model.fit(x, y, epochs=1, batch_size=8, verbose=0)
assert np.isfinite(history.history["loss"][0])
print(history.history["loss"])

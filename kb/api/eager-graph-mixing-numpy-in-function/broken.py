"""A custom loss that calls `.numpy()` on its inputs, used inside model.fit.

model.fit traces the training step into a graph with tf.function, so the loss
receives symbolic tensors: they have a shape and dtype but no value yet, and
no `.numpy()` method.
"""

import numpy as np
import keras
import tensorflow as tf

x = np.random.rand(32, 5).astype("float32")
y = np.random.rand(32, 1).astype("float32")


def weighted_mse(y_true, y_pred):
    # Meant to down-weight outliers, computed with NumPy on the tensor's values.
    weights = np.where(np.abs(y_true.numpy()) > 0.9, 0.5, 1.0)
    return tf.reduce_mean(weights * tf.square(y_true - y_pred))


model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss=weighted_mse)
model.fit(x, y, epochs=1, batch_size=8, verbose=0)

"""Text class names used as labels: the loss cannot cast "pos"/"neg" to float.

The rows come from a CSV-like source, the features are parsed to floats, but
the label column is left as the strings "pos" / "neg".
"""

import numpy as np
import tensorflow as tf
import keras

rng = np.random.default_rng(6)
features = rng.normal(size=(40, 4)).astype("float32")
labels = np.where(rng.random(40) > 0.5, "pos", "neg")  # strings

ds = tf.data.Dataset.from_tensor_slices((features, labels)).batch(8)

model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(ds, epochs=1, verbose=0)

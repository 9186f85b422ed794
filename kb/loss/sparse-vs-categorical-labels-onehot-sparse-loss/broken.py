"""One-hot labels fed to the *sparse* categorical cross-entropy.

The labels were one-hot encoded with to_categorical (shape (n, 3)), but the
model is compiled with sparse_categorical_crossentropy, which expects one
integer class id per sample (shape (n,)).
"""

import numpy as np
import keras

rng = np.random.default_rng(1)
features = rng.normal(size=(90, 5)).astype("float32")
class_ids = rng.integers(0, 3, size=(90,))
labels = keras.utils.to_categorical(class_ids, num_classes=3)  # (90, 3)

model = keras.Sequential([
    keras.Input((5,)),
    keras.layers.Dense(8, activation="relu"),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(features, labels, epochs=1, batch_size=30, verbose=0)

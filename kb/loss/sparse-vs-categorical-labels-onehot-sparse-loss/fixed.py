"""One-hot labels go with categorical_crossentropy (or pass the ids to the sparse loss)."""

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
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(features, labels, epochs=1, batch_size=30, verbose=0)

# Equivalent: the sparse loss with the integer ids (argmax of the one-hot rows).
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
history = model.fit(features, labels.argmax(axis=-1), epochs=1, batch_size=30, verbose=0)
assert np.isfinite(history.history["loss"][-1])

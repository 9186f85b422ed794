"""Class ids go with the *sparse* cross-entropy (or one-hot them first)."""

import numpy as np
import keras

rng = np.random.default_rng(0)
features = rng.normal(size=(96, 6)).astype("float32")
labels = rng.integers(0, 4, size=(96,))  # class ids, shape (96,)

model = keras.Sequential([
    keras.Input((6,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(4, activation="softmax"),
])
# Either keep the ids and use the sparse loss ...
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(features, labels, epochs=1, batch_size=32, verbose=0)
assert np.isfinite(history.history["loss"][-1])

# ... or one-hot the ids to (96, 4) and keep categorical_crossentropy.
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(features, keras.utils.to_categorical(labels, num_classes=4), epochs=1, batch_size=32, verbose=0)

"""One sigmoid unit per label column: Dense(1) for a single 0/1 label."""

import numpy as np
import keras

rng = np.random.default_rng(3)
emails = rng.normal(size=(64, 10)).astype("float32")
is_spam = rng.integers(0, 2, size=(64, 1)).astype("float32")  # (64, 1)

model = keras.Sequential([
    keras.Input((10,)),
    keras.layers.Dense(8, activation="relu"),
    keras.layers.Dense(is_spam.shape[-1], activation="sigmoid"),  # 1 unit
])
model.compile(optimizer="adam", loss="binary_crossentropy")
history = model.fit(emails, is_spam, epochs=1, batch_size=32, verbose=0)
assert model.output_shape == (None, 1)
assert np.isfinite(history.history["loss"][-1])

"""A binary classifier with two sigmoid units for a single 0/1 label column.

The labels are one column of 0/1 (shape (n, 1)), but the head is Dense(2):
binary_crossentropy compares them element-wise and needs the same shape.
"""

import numpy as np
import keras

rng = np.random.default_rng(3)
emails = rng.normal(size=(64, 10)).astype("float32")
is_spam = rng.integers(0, 2, size=(64, 1)).astype("float32")  # (64, 1)

model = keras.Sequential([
    keras.Input((10,)),
    keras.layers.Dense(8, activation="relu"),
    keras.layers.Dense(2, activation="sigmoid"),  # 2 outputs for a 1-column label
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(emails, is_spam, epochs=1, batch_size=32, verbose=0)

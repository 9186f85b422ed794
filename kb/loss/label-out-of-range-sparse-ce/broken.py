"""Star ratings 1..5 used directly as class ids for a 5-way softmax.

Dense(5) gives classes 0..4. The ratings run from 1 to 5, so every sample
rated 5 is a label outside [0, 5): sparse_categorical_crossentropy rejects it.
"""

import numpy as np
import keras

rng = np.random.default_rng(2)
reviews = rng.normal(size=(100, 12)).astype("float32")
stars = rng.integers(1, 6, size=(100,))  # 1, 2, 3, 4, 5

model = keras.Sequential([
    keras.Input((12,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(5, activation="softmax"),  # classes 0..4
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(reviews, stars, epochs=1, batch_size=50, verbose=0)

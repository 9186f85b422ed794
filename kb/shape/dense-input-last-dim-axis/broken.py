"""A regressor trained on 4 sensor readings is asked to score rows with 5 columns.

The inference table still carries its timestamp column, so each row has one
feature more than the first Dense layer was built for. Keras checks the last
axis against the kernel it created during training: 4 expected, 5 received.
"""

import numpy as np
import keras

rng = np.random.default_rng(0)
train = rng.normal(size=(64, 4)).astype("float32")  # temp, humidity, pressure, wind
target = train.sum(axis=1, keepdims=True)

model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(train, target, epochs=1, verbose=0)

timestamps = np.arange(10, dtype="float32")[:, None]
live = np.hstack([timestamps, rng.normal(size=(10, 4)).astype("float32")])  # (10, 5)
print(model.predict(live, verbose=0))

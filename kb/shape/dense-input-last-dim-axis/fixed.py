"""Score the same 4 sensor columns the model was trained on (drop the timestamp)."""

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
features = live[:, 1:]  # the 4 columns the first Dense layer was built for
assert features.shape[-1] == train.shape[-1]
preds = model.predict(features, verbose=0)
assert preds.shape == (10, 1)
print(preds[:3])

"""Keras 3: declare the fixed batch size with keras.Input(batch_shape=...)."""

import numpy as np
import keras

BATCH, STEPS, FEATURES = 4, 10, 3
x = np.random.rand(BATCH * 3, STEPS, FEATURES).astype("float32")
y = np.random.rand(BATCH * 3, 1).astype("float32")

model = keras.Sequential([
    keras.Input(batch_shape=(BATCH, STEPS, FEATURES)),
    keras.layers.LSTM(16, stateful=True),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
history = model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
assert np.isfinite(history.history["loss"][0])
print(history.history["loss"])

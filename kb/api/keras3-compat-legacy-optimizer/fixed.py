"""Use the Keras 3 optimizer of the same name (same learning_rate argument)."""

import numpy as np
import keras

x = np.random.rand(64, 10).astype("float32")
y = np.random.randint(0, 2, size=(64, 1))

model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-3), loss="binary_crossentropy")
history = model.fit(x, y, epochs=1, verbose=0)
assert np.isfinite(history.history["loss"][0])
print(history.history["loss"])

"""A stateful LSTM declared the Keras 2 way, with `batch_input_shape` on the layer.

Keras 3 no longer accepts `batch_input_shape`/`input_length` as layer
arguments: the input (and a fixed batch size) is declared with keras.Input.
"""

import numpy as np
import keras

BATCH, STEPS, FEATURES = 4, 10, 3
x = np.random.rand(BATCH * 3, STEPS, FEATURES).astype("float32")
y = np.random.rand(BATCH * 3, 1).astype("float32")

model = keras.Sequential([
    keras.layers.LSTM(16, stateful=True, batch_input_shape=(BATCH, STEPS, FEATURES)),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)

"""Trim the data to a whole number of batches."""

import numpy as np
import keras
from keras import layers

BATCH = 4
model = keras.Sequential([
    keras.Input(batch_shape=(BATCH, 5, 3)),
    layers.LSTM(8, stateful=True),
    layers.Dense(1),
])
x = np.random.rand(10, 5, 3).astype("float32")
x = x[: len(x) // BATCH * BATCH]  # 8 samples: two full batches
out = model.predict(x, batch_size=BATCH, verbose=0)
assert out.shape == (8, 1)
print(out.shape)

"""A stateful GRU trained with batches of 4, then asked about a single sequence."""

import numpy as np
import keras
from keras import layers

BATCH = 4
model = keras.Sequential([
    keras.Input(batch_shape=(BATCH, 6, 2)),
    layers.GRU(8, stateful=True),
    layers.Dense(1),
])
history = np.random.rand(BATCH, 6, 2).astype("float32")
model(history)

one_sequence = np.random.rand(1, 6, 2).astype("float32")
print(model(one_sequence))

"""Predict with a twin model of batch size 1 that shares the trained weights."""

import numpy as np
import keras
from keras import layers


def build(batch):
    return keras.Sequential([
        keras.Input(batch_shape=(batch, 6, 2)),
        layers.GRU(8, stateful=True),
        layers.Dense(1),
    ])


BATCH = 4
model = build(BATCH)
history = np.random.rand(BATCH, 6, 2).astype("float32")
model(history)

single = build(1)
single.set_weights(model.get_weights())
one_sequence = np.random.rand(1, 6, 2).astype("float32")
out = single(one_sequence)
assert out.shape == (1, 1)
print(out)

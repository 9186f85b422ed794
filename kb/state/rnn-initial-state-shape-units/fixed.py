"""Size the initial states from the layer itself: (batch, units) for h and c."""

import numpy as np
from keras import layers

BATCH, STEPS, FEATURES = 4, 5, 8
UNITS = 16

lstm = layers.LSTM(UNITS)
x = np.random.rand(BATCH, STEPS, FEATURES).astype("float32")
h0 = np.zeros((BATCH, lstm.units), "float32")
c0 = np.zeros((BATCH, lstm.units), "float32")
out = lstm(x, initial_state=[h0, c0])
assert out.shape == (BATCH, UNITS)
print(out.shape)

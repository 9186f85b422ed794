"""An LSTM decoder step started from hand-made zero states of the wrong width.

The LSTM has 16 units, so each of its two states must be (batch, 16). The
zeros below were sized with a different constant (17), so the recurrent
kernel (16, 64) cannot multiply them.
"""

import numpy as np
from keras import layers

BATCH, STEPS, FEATURES = 4, 5, 8
UNITS = 16
STATE_WIDTH = 17  # out of sync with UNITS

lstm = layers.LSTM(UNITS)
x = np.random.rand(BATCH, STEPS, FEATURES).astype("float32")
h0 = np.zeros((BATCH, STATE_WIDTH), "float32")
c0 = np.zeros((BATCH, STATE_WIDTH), "float32")
print(lstm(x, initial_state=[h0, c0]).shape)

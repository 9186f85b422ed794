"""A stateful LSTM built for batches of 4, run over 10 samples.

10 = 4 + 4 + 2: the last batch has 2 rows, but the stored states have 4.
"""

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
print(model.predict(x, batch_size=BATCH, verbose=0).shape)

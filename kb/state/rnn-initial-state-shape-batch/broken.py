"""A GRU encoder whose hidden state is zeros for a fixed batch of 8.

The data has 20 rows, so batches are 8, 8 and then 4. The last batch meets
a state built for 8 rows and the cell's addition cannot broadcast 4 vs 8.
"""

import numpy as np
import tensorflow as tf
from keras import layers

BATCH, UNITS = 8, 16
x = np.random.rand(20, 6, 3).astype("float32")
gru = layers.GRU(UNITS, return_state=True)


def initial_hidden():
    return tf.zeros((BATCH, UNITS))


for batch in tf.data.Dataset.from_tensor_slices(x).batch(BATCH):
    output, hidden = gru(batch, initial_state=initial_hidden())
    print(output.shape)

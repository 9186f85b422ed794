"""Size the hidden state from the batch that is actually processed."""

import numpy as np
import tensorflow as tf
from keras import layers

BATCH, UNITS = 8, 16
x = np.random.rand(20, 6, 3).astype("float32")
gru = layers.GRU(UNITS, return_state=True)


def initial_hidden(batch):
    return tf.zeros((tf.shape(batch)[0], UNITS))


sizes = []
for batch in tf.data.Dataset.from_tensor_slices(x).batch(BATCH):
    output, hidden = gru(batch, initial_state=initial_hidden(batch))
    sizes.append(output.shape[0])
assert sizes == [8, 8, 4]
print(sizes)

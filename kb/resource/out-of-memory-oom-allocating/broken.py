"""Full self-attention over a very long sequence.

The score matrix is (batch, seq, seq): memory grows with the square of the
sequence length. For 2**17 positions that is 2**34 floats (64 GiB), more than
the device has, so TensorFlow fails to allocate the output of the matmul.
The inputs themselves are small (8 MiB each).
"""

import tensorflow as tf

SEQ_LEN, DIM = 2**17, 16
queries = tf.random.normal([1, SEQ_LEN, DIM])
keys = tf.random.normal([1, SEQ_LEN, DIM])

scores = tf.matmul(queries, keys, transpose_b=True)  # (1, 131072, 131072) float32
weights = tf.nn.softmax(scores, axis=-1)
print(weights.shape)

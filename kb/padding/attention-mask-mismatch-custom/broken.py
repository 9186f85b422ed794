"""Hand-written attention with a (batch, 1, 1, len) mask of the wrong length.

The attention logits are (batch, heads, query_len, key_len) = (2, 2, 8, 8).
The padding mask was made from ids padded to 6, so (2, 1, 1, 6) cannot be
added to them: the last axes 8 and 6 differ and neither is 1.
"""

import numpy as np
import tensorflow as tf

batch, heads, seq_len, depth = 2, 2, 8, 4
rng = np.random.default_rng(0)
q = tf.constant(rng.normal(size=(batch, heads, seq_len, depth)), tf.float32)
k = tf.constant(rng.normal(size=(batch, heads, seq_len, depth)), tf.float32)

ids = np.array([[3, 9, 4, 0, 0, 0], [7, 2, 5, 8, 1, 0]])  # padded to 6, not 8
padding_mask = tf.cast(tf.equal(ids, 0), tf.float32)[:, tf.newaxis, tf.newaxis, :]

logits = tf.matmul(q, k, transpose_b=True) / tf.sqrt(float(depth))
logits += padding_mask * -1e9
weights = tf.nn.softmax(logits, axis=-1)
print(weights.shape)

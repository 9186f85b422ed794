"""Pad the ids to the same length as q/k so the mask is (2, 1, 1, 8)."""

import numpy as np
import tensorflow as tf

batch, heads, seq_len, depth = 2, 2, 8, 4
rng = np.random.default_rng(0)
q = tf.constant(rng.normal(size=(batch, heads, seq_len, depth)), tf.float32)
k = tf.constant(rng.normal(size=(batch, heads, seq_len, depth)), tf.float32)

ids = np.array([[3, 9, 4, 0, 0, 0], [7, 2, 5, 8, 1, 0]])
ids = np.pad(ids, [(0, 0), (0, seq_len - ids.shape[1])])  # same length as the queries
padding_mask = tf.cast(tf.equal(ids, 0), tf.float32)[:, tf.newaxis, tf.newaxis, :]

logits = tf.matmul(q, k, transpose_b=True) / tf.sqrt(float(depth))
logits += padding_mask * -1e9
weights = tf.nn.softmax(logits, axis=-1)
assert weights.shape == (batch, heads, seq_len, seq_len)

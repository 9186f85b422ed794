"""Centring each sample of a batch: the per-row mean loses its axis and cannot broadcast.

`reduce_mean(x, axis=1)` of a (32, 10) batch has shape (32,). Broadcasting
aligns shapes from the right, so (32, 10) - (32,) pairs 10 with 32 and fails.
"""

import tensorflow as tf

batch = tf.random.normal([32, 10])  # 32 samples, 10 features
row_mean = tf.reduce_mean(batch, axis=1)  # (32,): one mean per sample
centred = batch - row_mean  # (32, 10) vs (32,)
print(centred.shape)

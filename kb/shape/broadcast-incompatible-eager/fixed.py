"""Keep the reduced axis (keepdims=True) so the mean is (32, 1) and broadcasts over the 10 features."""

import tensorflow as tf

batch = tf.random.normal([32, 10])  # 32 samples, 10 features
row_mean = tf.reduce_mean(batch, axis=1, keepdims=True)  # (32, 1)
centred = batch - row_mean  # (32, 10) - (32, 1) -> (32, 10)
assert centred.shape == (32, 10)
print(float(tf.reduce_max(tf.abs(tf.reduce_mean(centred, axis=1)))))

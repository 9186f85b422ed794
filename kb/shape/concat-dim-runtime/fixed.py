"""Crop both streams to the common length before concatenating the channels."""

import tensorflow as tf

accel = tf.random.normal([4, 100, 3])  # (batch, steps, xyz)
gyro = tf.random.normal([4, 98, 3])  # two samples fewer per window

steps = min(accel.shape[1], gyro.shape[1])
fused = tf.concat([accel[:, :steps], gyro[:, :steps]], axis=-1)
assert fused.shape == (4, 98, 6)
print(fused.shape)

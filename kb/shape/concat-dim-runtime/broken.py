"""Fusing two sensor streams recorded at slightly different rates.

The accelerometer window has 100 steps, the gyroscope window 98. Concatenating
the channels (axis -1) needs every other axis to agree, and axis 1 (time) does not.
"""

import tensorflow as tf

accel = tf.random.normal([4, 100, 3])  # (batch, steps, xyz)
gyro = tf.random.normal([4, 98, 3])  # two samples fewer per window

fused = tf.concat([accel, gyro], axis=-1)  # wants (4, steps, 6)
print(fused.shape)

"""Adding an int32 step counter to a float32 value inside tf.function.

While tracing, TensorFlow builds an AddV2 op whose two inputs must share one
dtype; int32 + float32 is rejected with a TypeError at graph-build time.
"""

import tensorflow as tf

decay = tf.Variable(0.5)  # float32


@tf.function
def schedule(step):
    return decay * 0.1 + step  # step is int32


print(schedule(tf.constant(3)))

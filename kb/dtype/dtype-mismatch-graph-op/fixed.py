"""Cast the integer counter before mixing it with float values."""

import tensorflow as tf

decay = tf.Variable(0.5)  # float32


@tf.function
def schedule(step):
    return decay * 0.1 + tf.cast(step, tf.float32)


result = schedule(tf.constant(3))
assert result.dtype == tf.float32
print(result)

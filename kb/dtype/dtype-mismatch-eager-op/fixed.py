"""Cast the integer data to the weights' dtype at the input boundary."""

import tensorflow as tf

counts = tf.constant([[3, 0, 1], [1, 2, 5]])  # int32: word counts
weights = tf.Variable(tf.random.stateless_normal((3, 2), seed=(0, 1)))  # float32

scores = tf.matmul(tf.cast(counts, weights.dtype), weights)
assert scores.dtype == tf.float32
print(scores)

"""A hand-rolled linear layer fed with integer features.

tf.constant on a list of Python ints makes an int32 tensor; the weights are
float32. MatMul needs both operands of one dtype and never casts implicitly.
"""

import tensorflow as tf

counts = tf.constant([[3, 0, 1], [1, 2, 5]])  # int32: word counts
weights = tf.Variable(tf.random.stateless_normal((3, 2), seed=(0, 1)))  # float32

scores = tf.matmul(counts, weights)
print(scores)

"""A TF1-era helper that creates weights with tf.get_variable, run on TensorFlow 2.

TF2 removed the graph-collection APIs from the top-level `tf` namespace
(they live on only in tf.compat.v1), so the attribute lookup itself fails.
"""

import numpy as np
import tensorflow as tf


def dense(x, units, name):
    w = tf.get_variable(name + "_w", shape=[x.shape[-1], units],
                        initializer=tf.glorot_uniform_initializer())
    b = tf.get_variable(name + "_b", shape=[units], initializer=tf.zeros_initializer())
    return tf.matmul(x, w) + b


features = tf.constant(np.random.rand(4, 6).astype("float32"))
print(dense(features, 3, "hidden").shape)

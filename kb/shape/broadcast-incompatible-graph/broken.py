"""Class weights of the wrong length multiplied with one-hot labels inside a tf.function.

Four classes, but only three weights were listed. While tracing, TensorFlow
infers the static shapes of the product (3,) * (8, 4) and refuses it before
anything runs: the last axes, 3 and 4, are different and neither is 1.
"""

import tensorflow as tf

NUM_CLASSES = 4
class_weights = tf.constant([1.0, 2.0, 0.5])  # one weight is missing


@tf.function
def weighted_nll(labels, probs):
    onehot = tf.one_hot(labels, NUM_CLASSES)  # (batch, 4)
    per_class = class_weights * onehot * -tf.math.log(probs)
    return tf.reduce_mean(tf.reduce_sum(per_class, axis=-1))


labels = tf.constant([0, 1, 2, 3, 0, 1, 2, 3])
probs = tf.nn.softmax(tf.random.normal([8, NUM_CLASSES]))
print(weighted_nll(labels, probs))

"""A hand-written cross-entropy takes log(0) once the softmax saturates.

The features are raw pixel-like values (0..255) that were never scaled, so the
logits are huge, softmax returns exact 0.0 for the other classes, and
log(0) * 0 = NaN. tf.debugging.check_numerics stops at the first bad loss.
"""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(5)
images = rng.integers(0, 256, size=(16, 20)).astype("float32")  # not scaled to [0, 1]
labels = tf.one_hot(rng.integers(0, 3, size=(16,)), depth=3)

w = tf.Variable(tf.random.stateless_normal((20, 3), seed=(1, 2)))


def cross_entropy(y, probs):
    return -tf.reduce_mean(tf.reduce_sum(y * tf.math.log(probs), axis=-1))


with tf.GradientTape() as tape:
    probs = tf.nn.softmax(images @ w)
    loss = tf.debugging.check_numerics(cross_entropy(labels, probs), "loss")
print(loss.numpy())

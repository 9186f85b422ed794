"""Scale the inputs and compute the loss from logits (log-sum-exp is stable)."""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(5)
images = rng.integers(0, 256, size=(16, 20)).astype("float32") / 255.0  # scaled
labels = tf.one_hot(rng.integers(0, 3, size=(16,)), depth=3)

w = tf.Variable(tf.random.stateless_normal((20, 3), seed=(1, 2)))

with tf.GradientTape() as tape:
    logits = images @ w
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    loss = tf.debugging.check_numerics(loss, "loss")
assert np.isfinite(loss.numpy())
print(loss.numpy())

"""A TF1-style checkpoint restored into a graph whose variables were renamed.

tf.compat.v1.train.Saver matches variables by their graph names. The checkpoint
was written with a `dense/kernel` + `dense/bias` pair; the restoring program
builds the same layer under the scope `classifier` with `weights`/`biases`, so
the Saver asks the checkpoint for keys it never stored.
"""

import os
import tempfile

import numpy as np
import tensorflow as tf

ckpt_dir = tempfile.mkdtemp()

# Training program: writes a name-based checkpoint.
with tf.Graph().as_default():
    kernel = tf.compat.v1.get_variable("dense/kernel", shape=[4, 3])
    bias = tf.compat.v1.get_variable("dense/bias", shape=[3])
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        prefix = tf.compat.v1.train.Saver().save(sess, os.path.join(ckpt_dir, "model.ckpt"))

# Serving program: same layer, different names.
with tf.Graph().as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None, 4])
    with tf.compat.v1.variable_scope("classifier"):
        w = tf.compat.v1.get_variable("weights", shape=[4, 3])
        b = tf.compat.v1.get_variable("biases", shape=[3])
    logits = tf.matmul(x, w) + b
    saver = tf.compat.v1.train.Saver()
    with tf.compat.v1.Session() as sess:
        saver.restore(sess, prefix)  # looks for classifier/weights, classifier/biases
        print(sess.run(logits, {x: np.ones((1, 4), np.float32)}))

"""Map the checkpoint's names to the new variables explicitly.

tf.train.list_variables(prefix) shows what the checkpoint stores
(dense/bias, dense/kernel); a dict var_list tells the Saver which stored key
feeds which variable of the new graph.
"""

import os
import tempfile

import numpy as np
import tensorflow as tf

ckpt_dir = tempfile.mkdtemp()

with tf.Graph().as_default():
    kernel = tf.compat.v1.get_variable("dense/kernel", shape=[4, 3])
    bias = tf.compat.v1.get_variable("dense/bias", shape=[3])
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        prefix = tf.compat.v1.train.Saver().save(sess, os.path.join(ckpt_dir, "model.ckpt"))

stored = dict(tf.train.list_variables(prefix))
assert stored == {"dense/bias": [3], "dense/kernel": [4, 3]}, stored

with tf.Graph().as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None, 4])
    with tf.compat.v1.variable_scope("classifier"):
        w = tf.compat.v1.get_variable("weights", shape=[4, 3])
        b = tf.compat.v1.get_variable("biases", shape=[3])
    logits = tf.matmul(x, w) + b
    saver = tf.compat.v1.train.Saver(var_list={"dense/kernel": w, "dense/bias": b})
    with tf.compat.v1.Session() as sess:
        saver.restore(sess, prefix)
        print(sess.run(logits, {x: np.ones((1, 4), np.float32)}))

"""Read the saved shape and rebuild the graph with the same hidden size."""

import os
import tempfile

import tensorflow as tf

ckpt_dir = tempfile.mkdtemp()


def build(hidden):
    x = tf.compat.v1.placeholder(tf.float32, [None, 6])
    with tf.compat.v1.variable_scope("hidden"):
        w = tf.compat.v1.Variable(tf.random.normal([6, hidden]), name="w", use_resource=False)
    return tf.nn.relu(tf.matmul(x, w))


with tf.Graph().as_default():
    build(hidden=32)
    saver = tf.compat.v1.train.Saver()
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        prefix = saver.save(sess, os.path.join(ckpt_dir, "model.ckpt"))

saved_hidden = dict(tf.train.list_variables(prefix))["hidden/w"][1]
with tf.Graph().as_default():
    build(hidden=saved_hidden)
    saver = tf.compat.v1.train.Saver()
    with tf.compat.v1.Session() as sess:
        saver.restore(sess, prefix)
        print("restored hidden size", saved_hidden)

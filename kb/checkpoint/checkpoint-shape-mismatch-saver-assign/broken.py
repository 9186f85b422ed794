"""TF1-style graph: restoring a checkpoint after changing the hidden size.

The checkpoint stores hidden/w as [6, 32]; the restoring graph builds the same
variable names with 64 hidden units, so Saver's Assign op gets a [6, 32]
value for a [6, 64] variable.
"""

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

with tf.Graph().as_default():
    build(hidden=64)  # hyper-parameter changed after training
    saver = tf.compat.v1.train.Saver()
    with tf.compat.v1.Session() as sess:
        saver.restore(sess, prefix)

"""A TF1 model (.meta graph + name-based checkpoint) reopened in TF2 code.

The TF1 program saved model.ckpt.meta/.index/.data with tf.compat.v1.train.Saver.
In TF2 eager execution is on, there is no default graph to import the
MetaGraphDef into, so import_meta_graph refuses to run.
"""

import os
import tempfile

import tensorflow as tf

export_dir = tempfile.mkdtemp()

# What the old TF1 training script produced.
with tf.Graph().as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
    w = tf.compat.v1.get_variable("w", initializer=[[1.0], [2.0], [3.0]])
    tf.identity(tf.matmul(x, w), name="y")
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        prefix = tf.compat.v1.train.Saver().save(sess, os.path.join(export_dir, "model.ckpt"))

# TF2 script trying to reuse it.
saver = tf.compat.v1.train.import_meta_graph(prefix + ".meta")

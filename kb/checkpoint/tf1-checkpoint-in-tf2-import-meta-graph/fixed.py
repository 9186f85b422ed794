"""Run the TF1 graph in graph mode: disable eager execution, use a Session.

(Inside a larger TF2 program, `with tf.Graph().as_default():` plus a
tf.compat.v1.Session around the import works too, without the global switch.)
"""

import os
import tempfile

import tensorflow as tf

tf.compat.v1.disable_eager_execution()

export_dir = tempfile.mkdtemp()

with tf.Graph().as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
    w = tf.compat.v1.get_variable("w", initializer=[[1.0], [2.0], [3.0]])
    tf.identity(tf.matmul(x, w), name="y")
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        prefix = tf.compat.v1.train.Saver().save(sess, os.path.join(export_dir, "model.ckpt"))

with tf.compat.v1.Session(graph=tf.Graph()) as sess:
    saver = tf.compat.v1.train.import_meta_graph(prefix + ".meta")
    saver.restore(sess, prefix)
    out = sess.run("y:0", feed_dict={"x:0": [[1.0, 1.0, 1.0]]})
    assert out.tolist() == [[6.0]], out
    print(out)

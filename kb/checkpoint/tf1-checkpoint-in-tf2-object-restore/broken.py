"""A TF1 Saver checkpoint restored into a Keras model with tf.train.Checkpoint.

The TF1 checkpoint stores values under graph names (`fc/weights`, `fc/biases`).
tf.train.Checkpoint falls back to matching by *global variable name* for such
checkpoints, and Keras 3 variables are named `kernel`/`bias`, so nothing is
restored; assert_consumed() reports every variable as left untouched.
"""

import os
import tempfile

import keras
import tensorflow as tf

ckpt_dir = tempfile.mkdtemp()

with tf.Graph().as_default():  # the legacy TF1 training script
    tf.compat.v1.get_variable("fc/weights", initializer=tf.ones([5, 2]))
    tf.compat.v1.get_variable("fc/biases", initializer=tf.zeros([2]))
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        prefix = tf.compat.v1.train.Saver().save(sess, os.path.join(ckpt_dir, "model.ckpt"))

model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(2, name="fc")])
status = tf.train.Checkpoint(model=model).restore(prefix)
status.assert_consumed()

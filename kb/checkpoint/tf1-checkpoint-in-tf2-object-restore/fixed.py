"""Read the TF1 checkpoint by name and assign the values to the Keras layer.

tf.train.load_checkpoint opens name-based checkpoints too; map each TF1 name
to the new variable, then save a TF2 checkpoint for the future.
"""

import os
import tempfile

import keras
import numpy as np
import tensorflow as tf

ckpt_dir = tempfile.mkdtemp()

with tf.Graph().as_default():
    tf.compat.v1.get_variable("fc/weights", initializer=tf.ones([5, 2]))
    tf.compat.v1.get_variable("fc/biases", initializer=tf.zeros([2]))
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        prefix = tf.compat.v1.train.Saver().save(sess, os.path.join(ckpt_dir, "model.ckpt"))

model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(2, name="fc")])
reader = tf.train.load_checkpoint(prefix)
fc = model.get_layer("fc")
fc.kernel.assign(reader.get_tensor("fc/weights"))
fc.bias.assign(reader.get_tensor("fc/biases"))
assert np.allclose(fc.kernel.numpy(), 1.0)

new_prefix = tf.train.Checkpoint(model=model).save(os.path.join(ckpt_dir, "tf2", "ckpt"))
print("converted to", new_prefix)

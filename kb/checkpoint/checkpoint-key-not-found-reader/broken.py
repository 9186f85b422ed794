"""Reading one tensor out of a TF2 checkpoint by its Python attribute name.

tf.train.Checkpoint writes an *object-based* checkpoint: each value is stored
under the path of attributes that leads to it from the root object, with a
`/.ATTRIBUTES/VARIABLE_VALUE` suffix, not under `variable.name`.
"""

import os
import tempfile

import tensorflow as tf


class Scaler(tf.Module):
    def __init__(self):
        super().__init__()
        self.gain = tf.Variable([1.5, 2.0, 0.5], name="gain")
        self.offset = tf.Variable([0.1, 0.2, 0.3], name="offset")


ckpt_dir = tempfile.mkdtemp()
prefix = tf.train.Checkpoint(scaler=Scaler()).save(os.path.join(ckpt_dir, "ckpt"))

gain = tf.train.load_variable(prefix, "scaler/gain")  # not the stored key
print(gain)

"""Look the key up with tf.train.list_variables before reading it.

The stored key is `scaler/gain/.ATTRIBUTES/VARIABLE_VALUE` (attribute path
from the root object plus a suffix); pick it from the listing.
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

keys = [name for name, _ in tf.train.list_variables(prefix)]
print(keys)
gain_key = next(k for k in keys if k.startswith("scaler/gain/"))
gain = tf.train.load_variable(prefix, gain_key)
assert gain.tolist() == [1.5, 2.0, 0.5]
print(gain_key, gain)

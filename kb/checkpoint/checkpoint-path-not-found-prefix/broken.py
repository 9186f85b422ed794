"""Restoring with the CheckpointManager's base name instead of a real prefix.

CheckpointManager writes numbered checkpoints: ckpt-1.index, ckpt-1.data-...
There is no checkpoint called plain "ckpt", so the reader finds no files.
"""

import os
import tempfile

import tensorflow as tf

run_dir = tempfile.mkdtemp()
step = tf.Variable(0)
manager = tf.train.CheckpointManager(tf.train.Checkpoint(step=step), run_dir, max_to_keep=2)
step.assign(100)
manager.save()
print(sorted(os.listdir(run_dir)))

restored = tf.Variable(0)
tf.train.Checkpoint(step=restored).restore(os.path.join(run_dir, "ckpt"))

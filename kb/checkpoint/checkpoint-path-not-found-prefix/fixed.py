"""Ask TensorFlow for the newest prefix (ckpt-1) and fail loudly if none."""

import os
import tempfile

import tensorflow as tf

run_dir = tempfile.mkdtemp()
step = tf.Variable(0)
manager = tf.train.CheckpointManager(tf.train.Checkpoint(step=step), run_dir, max_to_keep=2)
step.assign(100)
manager.save()

prefix = tf.train.latest_checkpoint(run_dir)  # .../ckpt-1
if prefix is None:
    raise FileNotFoundError(f"no checkpoint in {run_dir}")
restored = tf.Variable(0)
tf.train.Checkpoint(step=restored).restore(prefix).assert_existing_objects_matched()
assert int(restored.numpy()) == 100
print("restored", prefix)

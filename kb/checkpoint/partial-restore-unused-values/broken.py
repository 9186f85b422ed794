"""Evaluation code restoring a training checkpoint that also holds the optimizer.

The training job saved model + optimizer (Adam's step counter and moment
slots). The evaluation job only rebuilds the model, so part of the checkpoint
has no Python object to go to; assert_consumed() turns that into an error
(without it TF logs "Unresolved object in checkpoint" warnings at exit).
"""

import os
import tempfile

import keras
import numpy as np
import tensorflow as tf


def build():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])


ckpt_dir = tempfile.mkdtemp()
model = build()
model.compile(optimizer=keras.optimizers.Adam(), loss="mse")
model.fit(np.ones((4, 3)), np.ones((4, 1)), epochs=1, verbose=0)
prefix = tf.train.Checkpoint(model=model, optimizer=model.optimizer).save(
    os.path.join(ckpt_dir, "train"))

eval_model = build()
status = tf.train.Checkpoint(model=eval_model).restore(prefix)
status.assert_consumed()

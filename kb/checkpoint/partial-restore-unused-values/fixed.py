"""Declare the partial restore: check that the model matched, ignore the rest."""

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
status.expect_partial().assert_existing_objects_matched()
assert np.allclose(eval_model.layers[0].kernel.numpy(), model.layers[0].kernel.numpy())
print("model weights restored; optimizer state intentionally skipped")

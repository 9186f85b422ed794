"""Restoring a checkpoint into a model whose embedding table grew.

The checkpoint was written for a 100-token vocabulary; after adding tokens the
model is rebuilt with input_dim=120, so the stored (100, 8) table cannot be
assigned to the new (120, 8) variable.
"""

import os
import tempfile

import keras
import tensorflow as tf


def build(vocab_size):
    return keras.Sequential([
        keras.Input((5,), dtype="int32"),
        keras.layers.Embedding(vocab_size, 8),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])


ckpt_dir = tempfile.mkdtemp()
prefix = tf.train.Checkpoint(model=build(100)).save(os.path.join(ckpt_dir, "ckpt"))

model = build(120)  # vocabulary extended after training
tf.train.Checkpoint(model=model).restore(prefix)

"""Rebuild the model with the vocabulary size stored in the checkpoint.

tf.train.list_variables shows the saved table's shape; building the embedding
with that input_dim makes every restored tensor fit. (To really grow the
vocabulary, restore first, then copy the old rows into a larger table.)
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

saved_vocab = next(shape[0] for name, shape in tf.train.list_variables(prefix)
                   if "embeddings" in name)
model = build(saved_vocab)
tf.train.Checkpoint(model=model).restore(prefix).assert_existing_objects_matched()
assert model.layers[0].embeddings.shape == (100, 8)
print("restored vocab", saved_vocab)

"""Truncate (or split into windows of) at most MAX_POSITIONS tokens."""

import keras
import numpy as np
import tensorflow as tf

VOCAB, MAX_POSITIONS, DIM = 200, 32, 16


class TinyEncoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.tokens = keras.layers.Embedding(VOCAB, DIM)
        self.positions = keras.layers.Embedding(MAX_POSITIONS, DIM)
        self.pool = keras.layers.GlobalAveragePooling1D()

    def call(self, input_ids):
        position_ids = tf.range(tf.shape(input_ids)[1])[tf.newaxis, :]
        return self.pool(self.tokens(input_ids) + self.positions(position_ids))


rng = np.random.default_rng(0)
review_ids = rng.integers(1, VOCAB, size=40)
review_ids = review_ids[:MAX_POSITIONS]  # keep the first 32 tokens
encoder = TinyEncoder()
out = encoder(tf.constant([review_ids]))
assert out.shape == (1, DIM)

"""A review longer than the encoder's position table, fed without truncation.

The encoder learns one position vector per slot 0..MAX_POSITIONS-1. A 40-token
input asks for positions 0..39, but the table only has 32 rows: looking up
position 32 fails (on CPU; a GPU silently returns zeros instead).
"""

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
review_ids = rng.integers(1, VOCAB, size=40)  # the tokenizer did not truncate
encoder = TinyEncoder()
print(encoder(tf.constant([review_ids])).shape)

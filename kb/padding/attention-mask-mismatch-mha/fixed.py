"""Build the mask from the very ids the model sees: (batch, 1, key_len) = (2, 1, 12)."""

import keras
import numpy as np
import tensorflow as tf

SEQ_LEN, DIM = 12, 16
ids = [[5, 8, 2, 9], [4, 4, 7, 1, 3, 6, 2]]

x_ids = keras.utils.pad_sequences(ids, maxlen=SEQ_LEN, padding="post")

embed = keras.layers.Embedding(20, DIM)
attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)

x = embed(tf.constant(x_ids))                       # (2, 12, 16)
padding_mask = tf.constant(x_ids != 0)[:, None, :]  # (2, 1, 12): broadcasts over queries
out = attention(x, x, attention_mask=padding_mask)
assert out.shape == (2, SEQ_LEN, DIM)

"""A padding mask built from ids padded to a different length than the queries.

The token ids of the batch were padded to 10 for the mask, but the encoder
input was padded to 12. MultiHeadAttention combines the mask with its own
(batch, query_len, key_len) = (2, 12, 12) mask, and (2, 1, 10) does not
broadcast against it.
"""

import keras
import numpy as np
import tensorflow as tf

SEQ_LEN, MASK_LEN, DIM = 12, 10, 16
ids = [[5, 8, 2, 9], [4, 4, 7, 1, 3, 6, 2]]

x_ids = keras.utils.pad_sequences(ids, maxlen=SEQ_LEN, padding="post")
mask_ids = keras.utils.pad_sequences(ids, maxlen=MASK_LEN, padding="post")  # wrong length

embed = keras.layers.Embedding(20, DIM)
attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)

x = embed(tf.constant(x_ids))                       # (2, 12, 16)
padding_mask = tf.constant(mask_ids != 0)[:, None, :]  # (2, 1, 10)
out = attention(x, x, attention_mask=padding_mask)
print(out.shape)

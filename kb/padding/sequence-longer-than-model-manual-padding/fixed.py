"""Truncate first, then pad: every row has exactly MAX_LEN tokens."""

import numpy as np
import tensorflow as tf

MAX_LEN = 6
PAD = 0
reviews = [[4, 12, 9], [7, 3, 3, 15, 2], [5, 8, 1, 1, 9, 14, 6, 2, 11]]

padded = [ids[:MAX_LEN] + [PAD] * (MAX_LEN - len(ids[:MAX_LEN])) for ids in reviews]
# or: keras.utils.pad_sequences(reviews, maxlen=MAX_LEN, padding="post", truncating="post")
x = np.array(padded, dtype=np.int32)

tokens = tf.convert_to_tensor(x)
assert tokens.shape == (3, MAX_LEN)
print(tokens.shape)

"""Padding by hand to MAX_LEN, but never truncating: long reviews keep their length.

`ids + [PAD] * (MAX_LEN - len(ids))` adds nothing when a sequence is already
longer than MAX_LEN (a negative count repeats the list zero times), so the
rows stay ragged and the array NumPy builds from them holds Python lists.
"""

import numpy as np
import tensorflow as tf

MAX_LEN = 6
PAD = 0
reviews = [[4, 12, 9], [7, 3, 3, 15, 2], [5, 8, 1, 1, 9, 14, 6, 2, 11]]  # the last one has 9 tokens

# rows of lengths 6, 6 and 9: NumPy can only hold them as an array of Python lists
tokens = tf.convert_to_tensor(np.array([ids + [PAD] * (MAX_LEN - len(ids)) for ids in reviews], dtype=object))
print(tokens.shape)

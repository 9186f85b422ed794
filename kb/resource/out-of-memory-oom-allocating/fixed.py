"""Split the long sequence into windows and attend within each window (local
attention): the score tensor becomes (windows, W, W) = 1024 x 128 x 128 floats
(64 MiB) instead of 131072 x 131072 (64 GiB). Shorter sequences or smaller
batches are the other ways to shrink it."""

import tensorflow as tf

SEQ_LEN, DIM, WINDOW = 2**17, 16, 128
queries = tf.random.normal([1, SEQ_LEN, DIM])
keys = tf.random.normal([1, SEQ_LEN, DIM])

q = tf.reshape(queries, [-1, WINDOW, DIM])  # (1024, 128, 16)
k = tf.reshape(keys, [-1, WINDOW, DIM])
scores = tf.matmul(q, k, transpose_b=True)  # (1024, 128, 128)
weights = tf.nn.softmax(scores, axis=-1)
assert weights.shape == (SEQ_LEN // WINDOW, WINDOW, WINDOW)
print(weights.shape)

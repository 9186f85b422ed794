"""Let TensorFlow infer the batch dimension with -1 (or use tf.shape(fmap)[0])."""

import tensorflow as tf

BATCH_SIZE = 32
features = tf.random.normal([100, 7, 7, 8])  # e.g. the output of a conv backbone
ds = tf.data.Dataset.from_tensor_slices(features).batch(BATCH_SIZE)

rows = 0
for fmap in ds:
    flat = tf.reshape(fmap, [-1, 7 * 7 * 8])  # last batch: (4, 392)
    rows += flat.shape[0]
assert rows == 100
print(rows)

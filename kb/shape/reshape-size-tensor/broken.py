"""Flattening feature maps with a hard-coded batch size breaks on the last, smaller batch.

100 samples in batches of 32 give batches of 32, 32, 32 and 4. The reshape to
[BATCH_SIZE, 7 * 7 * 8] asks for 32 * 392 = 12544 values, but the last batch only
holds 4 * 392 = 1568.
"""

import tensorflow as tf

BATCH_SIZE = 32
features = tf.random.normal([100, 7, 7, 8])  # e.g. the output of a conv backbone
ds = tf.data.Dataset.from_tensor_slices(features).batch(BATCH_SIZE)

for fmap in ds:
    flat = tf.reshape(fmap, [BATCH_SIZE, 7 * 7 * 8])
    print(flat.shape)

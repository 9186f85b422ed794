"""A tf.data pipeline built from features and labels of different lengths.

The label list was read from a file with a header line counted as a label,
so there are 61 labels for 60 feature rows. from_tensor_slices slices every
component along axis 0 and needs the same length for all of them.
"""

import numpy as np
import tensorflow as tf

features = np.random.default_rng(7).normal(size=(60, 3)).astype("float32")
raw_labels = ["label"] + ["1", "0", "1"] * 20  # header line kept by mistake
labels = np.array([1.0 if v == "1" else 0.0 for v in raw_labels], dtype="float32")  # 61

ds = tf.data.Dataset.from_tensor_slices((features, labels)).batch(16)
print(ds.element_spec)

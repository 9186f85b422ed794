"""Skip the header line so there is exactly one label per feature row."""

import numpy as np
import tensorflow as tf

features = np.random.default_rng(7).normal(size=(60, 3)).astype("float32")
raw_labels = ["label"] + ["1", "0", "1"] * 20  # header line kept by mistake
labels = np.array([1.0 if v == "1" else 0.0 for v in raw_labels[1:]], dtype="float32")  # 60
assert len(labels) == len(features)

ds = tf.data.Dataset.from_tensor_slices((features, labels)).batch(16)
assert sum(int(x.shape[0]) for x, _ in ds) == 60
print(ds.element_spec)

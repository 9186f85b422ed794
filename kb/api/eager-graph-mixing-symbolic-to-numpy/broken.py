"""A NumPy function applied inside Dataset.map.

Dataset.map traces its function into a graph, so `x` is a symbolic tensor
there. NumPy needs real values and cannot convert it.
"""

import numpy as np
import tensorflow as tf

prices = np.array([[3.0, 10.0], [250.0, 7.5], [12.0, 90.0]], dtype="float32")


def log_scale(x):
    return np.log1p(x)  # NumPy on a traced tensor


ds = tf.data.Dataset.from_tensor_slices(prices).map(log_scale).batch(2)
for batch in ds:
    print(batch.numpy())

"""Convert every cell to a number first, then to float32."""

import numpy as np
import tensorflow as tf

rows = [(3.0, "12.5"), (1.0, 7.25), (2.0, "9"), (4.0, 15.0)]  # price sometimes str
table = np.array([[float(v) for v in row] for row in rows], dtype="float32")

features = tf.convert_to_tensor(table)
assert features.dtype == tf.float32 and features.shape == (4, 2)
print(features)

"""A table column that mixes numbers and numeric strings becomes an object array.

Parsed rows kept some prices as text ("12.5"), so NumPy stores the column with
dtype=object; TensorFlow cannot turn a Python-object array into a tensor.
"""

import numpy as np
import tensorflow as tf

rows = [(3.0, "12.5"), (1.0, 7.25), (2.0, "9"), (4.0, 15.0)]  # price sometimes str
table = np.array(rows, dtype=object)
print(table.dtype)  # object

features = tf.convert_to_tensor(table)

"""The same labels shifted to 0..9 before one-hot encoding: every label has its column."""

import numpy as np
import keras

y = np.array([1, 4, 10, 7, 3])  # classes numbered from 1
y_onehot = keras.utils.to_categorical(y - 1, num_classes=10)
assert y_onehot.shape == (5, 10)
print(y_onehot.shape)

"""One-hot labels for 10 classes built from labels numbered 1..10.

`keras.utils.to_categorical(y, num_classes=10)` makes columns 0..9; the label
10 has no column, and NumPy refuses the assignment with an IndexError.
"""

import numpy as np
import keras

y = np.array([1, 4, 10, 7, 3])  # classes numbered from 1, not from 0
y_onehot = keras.utils.to_categorical(y, num_classes=10)
print(y_onehot.shape)

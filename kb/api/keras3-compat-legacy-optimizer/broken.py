"""Keras 2 code that imports a legacy optimizer, run with Keras 3.

TensorFlow >= 2.16 ships Keras 3, where the `optimizers.legacy` namespace is
only a stub that raises as soon as an optimizer is created.
"""

import numpy as np
import keras
from tensorflow.keras.optimizers.legacy import RMSprop

x = np.random.rand(64, 10).astype("float32")
y = np.random.randint(0, 2, size=(64, 1))

model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=RMSprop(learning_rate=1e-3), loss="binary_crossentropy")
model.fit(x, y, epochs=1, verbose=0)

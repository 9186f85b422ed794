"""Keras 2 habits under Keras 3: a ModelCheckpoint saving weights to `.h5`.

Keras 3 writes weights only to files named `*.weights.h5` (and whole models to
`*.keras`); the old `best_model.h5` with save_weights_only=True is rejected as
soon as the callback is created.
"""

import os
import tempfile

import keras
import numpy as np

out_dir = tempfile.mkdtemp()
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")

checkpoint = keras.callbacks.ModelCheckpoint(
    os.path.join(out_dir, "best_model.h5"), save_weights_only=True, save_best_only=True
)
model.fit(np.zeros((8, 4)), np.zeros((8, 1)), epochs=1, verbose=0, callbacks=[checkpoint])

"""Name weight files `*.weights.h5` (whole models: `*.keras`)."""

import os
import tempfile

import keras
import numpy as np

out_dir = tempfile.mkdtemp()
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")

weights_path = os.path.join(out_dir, "best_model.weights.h5")
checkpoint = keras.callbacks.ModelCheckpoint(
    weights_path, save_weights_only=True, save_best_only=True
)
model.fit(np.zeros((8, 4)), np.zeros((8, 1)), epochs=1, verbose=0, callbacks=[checkpoint])
model.load_weights(weights_path)
model.save(os.path.join(out_dir, "best_model.keras"))
print(sorted(os.listdir(out_dir)))

"""Use the SavedModel through TFSMLayer (inference only), or save a .keras file
when you need the Keras model back."""

import os
import tempfile

import keras
import numpy as np

base = tempfile.mkdtemp()
export_dir = os.path.join(base, "scorer")
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
model.export(export_dir, verbose=False)

serving = keras.layers.TFSMLayer(export_dir, call_endpoint="serve")
x = np.ones((2, 3), "float32")
assert np.allclose(serving(x), model(x))

model.save(os.path.join(base, "scorer.keras"))  # trainable copy
again = keras.models.load_model(os.path.join(base, "scorer.keras"))
print(again(x).shape)

"""Reloading an exported SavedModel directory with keras.models.load_model.

model.export() writes a TensorFlow SavedModel for serving; Keras 3's
load_model only reads `.keras` and legacy `.h5` files.
"""

import os
import tempfile

import keras

export_dir = os.path.join(tempfile.mkdtemp(), "scorer")
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
model.export(export_dir, verbose=False)

reloaded = keras.models.load_model(export_dir)

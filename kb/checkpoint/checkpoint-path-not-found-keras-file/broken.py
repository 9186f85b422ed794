"""Saving under an output directory, loading by the bare file name.

The model is written to <out_dir>/classifier.keras, but the loading code uses
"classifier.keras", which is resolved against the current working directory.
"""

import os
import tempfile

import keras

out_dir = tempfile.mkdtemp()
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
model.save(os.path.join(out_dir, "classifier.keras"))

os.chdir(tempfile.mkdtemp())  # e.g. a notebook or job started elsewhere
restored = keras.models.load_model("classifier.keras")

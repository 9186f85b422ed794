"""Build the path once, from the same directory used for saving, and check it."""

import os
import tempfile

import keras

out_dir = tempfile.mkdtemp()
model_path = os.path.abspath(os.path.join(out_dir, "classifier.keras"))
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
model.save(model_path)

os.chdir(tempfile.mkdtemp())
if not os.path.exists(model_path):
    raise FileNotFoundError(model_path)
restored = keras.models.load_model(model_path)
assert restored.output_shape == (None, 2)
print("loaded", model_path)

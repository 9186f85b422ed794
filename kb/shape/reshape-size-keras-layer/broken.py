"""A Reshape layer whose target does not hold the same number of values as its input.

A 1-second clip of 16000 samples is split into frames of 400 samples. 16000 / 400 =
40 frames, but the layer asks for (50, 400) = 20000 values. Keras checks the
total size when the model is built.
"""

import keras

inputs = keras.Input(shape=(16000,))
frames = keras.layers.Reshape((50, 400))(inputs)
x = keras.layers.Conv1D(8, 3, activation="relu")(frames)
model = keras.Model(inputs, keras.layers.GlobalAveragePooling1D()(x))
model.summary()

"""Let Keras compute the number of frames: Reshape((-1, 400)) gives (None, 40, 400)."""

import keras

inputs = keras.Input(shape=(16000,))
frames = keras.layers.Reshape((-1, 400))(inputs)  # 16000 / 400 = 40 frames
assert frames.shape == (None, 40, 400)
x = keras.layers.Conv1D(8, 3, activation="relu")(frames)
model = keras.Model(inputs, keras.layers.GlobalAveragePooling1D()(x))
print(model.output_shape)

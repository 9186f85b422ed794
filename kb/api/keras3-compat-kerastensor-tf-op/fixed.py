"""Use the backend-agnostic keras.ops version of the op (or wrap the TF op in a
Layer subclass) so the functional model can be built from KerasTensors."""

import numpy as np
import keras

NUM_CLASSES = 6

tokens = keras.Input(shape=(8,), dtype="int32")
one_hot = keras.ops.one_hot(tokens, NUM_CLASSES)  # keras.ops accepts KerasTensors
pooled = keras.layers.GlobalAveragePooling1D()(one_hot)
outputs = keras.layers.Dense(2, activation="softmax")(pooled)
model = keras.Model(tokens, outputs)

preds = model.predict(np.random.randint(0, NUM_CLASSES, size=(3, 8)), verbose=0)
assert preds.shape == (3, 2)
print(preds.shape)

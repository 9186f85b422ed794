"""A functional model that applies a raw TensorFlow op to keras.Input.

tf.keras (Keras 2) silently wrapped TF ops on symbolic inputs in a layer;
Keras 3 refuses: a KerasTensor may only flow into Keras layers and keras.ops.
"""

import numpy as np
import keras
import tensorflow as tf

NUM_CLASSES = 6

tokens = keras.Input(shape=(8,), dtype="int32")
one_hot = tf.one_hot(tokens, NUM_CLASSES)  # TF op on a KerasTensor
pooled = keras.layers.GlobalAveragePooling1D()(one_hot)
outputs = keras.layers.Dense(2, activation="softmax")(pooled)
model = keras.Model(tokens, outputs)

print(model.predict(np.random.randint(0, NUM_CLASSES, size=(3, 8)), verbose=0).shape)

"""The same layer written with TF2 APIs: a Keras Dense layer owns its variables
(tf.Variable + a keras initializer would work too)."""

import numpy as np
import keras
import tensorflow as tf

features = tf.constant(np.random.rand(4, 6).astype("float32"))

hidden = keras.layers.Dense(3, kernel_initializer="glorot_uniform", name="hidden")
out = hidden(features)
assert out.shape == (4, 3)
print(out.shape)

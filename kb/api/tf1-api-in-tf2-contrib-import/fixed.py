"""Xavier initialisation is Glorot initialisation: use the Keras initializer."""

import keras
import tensorflow as tf

init = keras.initializers.GlorotUniform(seed=0)
kernel = tf.Variable(init([16, 8]))
assert kernel.shape == (16, 8)
print(kernel.shape)

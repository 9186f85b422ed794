"""TF1 code importing an initializer from tensorflow.contrib.

tf.contrib was deleted in TensorFlow 2.0 (its parts moved to core TF, Keras,
TF Addons or were dropped), so the import itself fails.
"""

import tensorflow as tf
from tensorflow.contrib.layers import xavier_initializer

init = xavier_initializer()
kernel = tf.Variable(init([16, 8]))
print(kernel.shape)

"""Build the model with tf_keras, the Keras 2 that tensorflow_hub's layers belong to.

(Or set TF_USE_LEGACY_KERAS=1 before importing TensorFlow and use tf.keras.)
"""

import os
import tempfile

import numpy as np
import tensorflow as tf
import tensorflow_hub as hub
import tf_keras


class Embed(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])
    def __call__(self, x):
        return tf.concat([x, x * 2.0], axis=-1)


handle = os.path.join(tempfile.mkdtemp(), "embed")
tf.saved_model.save(Embed(), handle)

model = tf_keras.Sequential([hub.KerasLayer(handle, input_shape=(4,)), tf_keras.layers.Dense(1)])
print(model.predict(np.ones((2, 4), "float32"), verbose=0).shape)

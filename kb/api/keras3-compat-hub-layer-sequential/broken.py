"""A TF Hub layer added to a Keras 3 Sequential model.

tensorflow_hub builds its KerasLayer on tf_keras (Keras 2). With Keras 3 as
`keras`, the Sequential model checks for a Keras 3 layer and refuses it. A
SavedModel written here stands in for a model downloaded from tfhub.dev/Kaggle.
"""

import os
import tempfile

import keras
import tensorflow as tf
import tensorflow_hub as hub


class Embed(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])
    def __call__(self, x):
        return tf.concat([x, x * 2.0], axis=-1)


handle = os.path.join(tempfile.mkdtemp(), "embed")
tf.saved_model.save(Embed(), handle)

model = keras.Sequential([hub.KerasLayer(handle, input_shape=(4,)), keras.layers.Dense(1)])

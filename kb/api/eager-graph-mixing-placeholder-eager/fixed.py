"""The same computation written for TF2: a tf.function takes the place of
placeholder + Session, and the data is passed as an ordinary argument."""

import numpy as np
import tensorflow as tf

features = np.random.rand(8, 4).astype("float32")

weights = tf.Variable(tf.ones([4, 1]))


@tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])
def scores_fn(inputs):
    return tf.matmul(inputs, weights)


scores = scores_fn(features)  # no feed_dict, no Session
assert scores.shape == (8, 1)
print(scores.numpy()[:2])

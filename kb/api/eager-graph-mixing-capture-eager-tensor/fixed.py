"""Create everything the graph uses inside the graph: the statistic enters as a
NumPy constant (or is recomputed with graph ops), not as an eager tensor."""

import numpy as np
import tensorflow as tf

train = np.random.rand(100, 3).astype("float32")
mean = train.mean(axis=0)  # a plain NumPy value can be embedded in any graph

graph = tf.Graph()
with graph.as_default():
    inputs = tf.compat.v1.placeholder(tf.float32, [None, 3])
    centered = inputs - tf.constant(mean)  # the constant is created inside `graph`

with tf.compat.v1.Session(graph=graph) as sess:
    out = sess.run(centered, feed_dict={inputs: train[:2]})
np.testing.assert_allclose(out, train[:2] - mean, rtol=1e-6)
print(out)

"""Statistics computed eagerly, then used while building a TF1-style graph.

`mean` is an EagerTensor (a concrete value). Inside `with tf.Graph().as_default()`
ops are added to a separate graph, which cannot reference an eager value.
"""

import numpy as np
import tensorflow as tf

train = np.random.rand(100, 3).astype("float32")
mean = tf.reduce_mean(train, axis=0)  # eager: computed right now

graph = tf.Graph()
with graph.as_default():
    inputs = tf.compat.v1.placeholder(tf.float32, [None, 3])
    centered = inputs - mean  # an eager tensor captured by a graph op

with tf.compat.v1.Session(graph=graph) as sess:
    print(sess.run(centered, feed_dict={inputs: train[:2]}))

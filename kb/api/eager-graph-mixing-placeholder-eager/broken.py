"""TF1-style graph code (placeholder + Session) run with TF2's eager execution on.

`tf.compat.v1` keeps the old names importable, but under TF2 every op runs
eagerly: there is no graph for a placeholder to live in, so creating one fails.
"""

import numpy as np
import tensorflow as tf

features = np.random.rand(8, 4).astype("float32")

inputs = tf.compat.v1.placeholder(tf.float32, shape=[None, 4], name="inputs")
weights = tf.Variable(tf.ones([4, 1]))
scores = tf.matmul(inputs, weights)

with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    print(sess.run(scores, feed_dict={inputs: features}))

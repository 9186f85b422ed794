"""Multiplying a 2x2 matrix by a transposed 2x3 one: the inner dimensions disagree.

tf.matmul(a, b) needs a.shape[-1] == b.shape[-2]. A (2, 2) @ (2, 3) product is
fine; transposing `b` "to make the shapes match" turns it into (3, 2), and the
product (2, 2) @ (3, 2) no longer exists.
"""

import tensorflow as tf

a = tf.constant([[1.0, 2.0], [3.0, 4.0]])  # (2, 2)
b = tf.constant([[5.0, 6.0, 7.0], [8.0, 9.0, 10.0]])  # (2, 3)

product = tf.matmul(a, tf.transpose(b))  # (2, 2) @ (3, 2): 2 != 3
print(product.shape)

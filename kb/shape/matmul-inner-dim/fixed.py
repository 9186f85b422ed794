"""Keep b as (2, 3): a (2, 2) @ (2, 3) product has shape (2, 3)."""

import tensorflow as tf

a = tf.constant([[1.0, 2.0], [3.0, 4.0]])  # (2, 2)
b = tf.constant([[5.0, 6.0, 7.0], [8.0, 9.0, 10.0]])  # (2, 3)

product = tf.matmul(a, b)  # inner dimensions 2 and 2 agree
assert product.shape == (2, 3)
print(product.shape)

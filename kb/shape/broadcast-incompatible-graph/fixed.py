"""One weight per class: (4,) broadcasts against the (8, 4) one-hot labels."""

import tensorflow as tf

NUM_CLASSES = 4
class_weights = tf.constant([1.0, 2.0, 0.5, 1.5])  # one weight per class
assert class_weights.shape[0] == NUM_CLASSES


@tf.function
def weighted_nll(labels, probs):
    onehot = tf.one_hot(labels, NUM_CLASSES)  # (batch, 4)
    per_class = class_weights * onehot * -tf.math.log(probs)
    return tf.reduce_mean(tf.reduce_sum(per_class, axis=-1))


labels = tf.constant([0, 1, 2, 3, 0, 1, 2, 3])
probs = tf.nn.softmax(tf.random.normal([8, NUM_CLASSES]))
loss = weighted_nll(labels, probs)
assert loss.shape == ()
print(float(loss))

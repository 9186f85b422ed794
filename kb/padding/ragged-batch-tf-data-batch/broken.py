"""Variable-length token sequences from a generator, batched with .batch().

`Dataset.batch()` stacks elements, so every element of a batch must have the
same shape. Tokenised sentences have different lengths: [5] and [3] cannot be
stacked into one tensor, and the iterator fails when model.fit pulls a batch.
"""

import numpy as np
import tensorflow as tf
import keras

sentences = ["the cat sat down", "hello", "a very long sentence about tensors", "ok"]
vocab = {w: i + 1 for i, w in enumerate(sorted({w for s in sentences for w in s.split()}))}


def examples():
    for s in sentences:
        yield np.array([vocab[w] for w in s.split()], dtype="int32"), np.float32(len(s) > 10)


ds = tf.data.Dataset.from_generator(
    examples,
    output_signature=(tf.TensorSpec([None], tf.int32), tf.TensorSpec([], tf.float32)),
)
ds = ds.batch(2)  # stacks [4] and [1] token vectors: impossible

model = keras.Sequential([
    keras.layers.Embedding(len(vocab) + 1, 8),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
model.fit(ds, epochs=1, verbose=0)

"""padded_batch() pads each batch to its longest sequence with 0 (the padding id)."""

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
# pad the token axis per batch; id 0 is reserved for padding (vocab starts at 1)
ds = ds.padded_batch(2, padded_shapes=([None], []), padding_values=(0, 0.0))

model = keras.Sequential([
    keras.layers.Embedding(len(vocab) + 1, 8, mask_zero=True),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
history = model.fit(ds, epochs=1, verbose=0)
assert len(history.history["loss"]) == 1

"""Keras 3: TextVectorization builds the vocabulary (adapt) and pads/truncates
to a fixed length in one layer."""

import keras

texts = ["the cat sat", "the dog sat down", "a cat and a dog"]
vectorize = keras.layers.TextVectorization(max_tokens=20, output_sequence_length=5)
vectorize.adapt(texts)
ids = vectorize(texts)
assert tuple(ids.shape) == (3, 5)
print(ids)

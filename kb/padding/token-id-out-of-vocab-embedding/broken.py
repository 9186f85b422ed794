"""Embedding sized with len(vocab) while ids start at 1 (0 is the padding id).

Word ids run 1..len(vocab) because 0 is reserved for padding, so the largest
id equals len(vocab). Embedding(input_dim=len(vocab)) only has rows
0..len(vocab)-1: the last word of the vocabulary is out of range.
"""

import keras
import numpy as np

texts = ["good movie", "bad plot", "great acting and good plot", "boring movie"]
labels = np.array([1, 0, 1, 0], dtype="float32")
words = sorted({w for t in texts for w in t.split()})
word_index = {w: i + 1 for i, w in enumerate(words)}  # 0 = <pad>

seqs = [[word_index[w] for w in t.split()] for t in texts]
x = keras.utils.pad_sequences(seqs, maxlen=6, padding="post")

model = keras.Sequential([
    keras.Input(shape=(6,), dtype="int32"),
    keras.layers.Embedding(input_dim=len(word_index), output_dim=8),  # ids go up to len(word_index)
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
model.fit(x, labels, epochs=1, verbose=0)

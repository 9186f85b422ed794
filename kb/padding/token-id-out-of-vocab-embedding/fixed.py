"""input_dim = largest id + 1: len(word_index) + 1 rows (the +1 is the padding id 0)."""

import keras
import numpy as np

texts = ["good movie", "bad plot", "great acting and good plot", "boring movie"]
labels = np.array([1, 0, 1, 0], dtype="float32")
words = sorted({w for t in texts for w in t.split()})
word_index = {w: i + 1 for i, w in enumerate(words)}  # 0 = <pad>

seqs = [[word_index[w] for w in t.split()] for t in texts]
x = keras.utils.pad_sequences(seqs, maxlen=6, padding="post")
assert x.max() < len(word_index) + 1

model = keras.Sequential([
    keras.Input(shape=(6,), dtype="int32"),
    keras.layers.Embedding(input_dim=len(word_index) + 1, output_dim=8, mask_zero=True),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
history = model.fit(x, labels, epochs=1, verbose=0)
assert len(history.history["loss"]) == 1

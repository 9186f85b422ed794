"""Training data padded to MAXLEN, new requests padded to their own longest text.

The model's Input has a fixed length of 12 ids. pad_sequences() without maxlen
pads to the longest sequence it is given, so the inference batch comes out
with a different length (15) and Keras refuses it.
"""

import keras
import numpy as np

MAXLEN = 12
rng = np.random.default_rng(1)
train_seqs = [list(rng.integers(1, 50, size=n)) for n in rng.integers(3, 20, size=32)]
x_train = keras.utils.pad_sequences(train_seqs, maxlen=MAXLEN)
y_train = rng.integers(0, 2, size=32).astype("float32")

inputs = keras.Input(shape=(MAXLEN,), name="token_ids")
h = keras.layers.Embedding(50, 8)(inputs)
h = keras.layers.GlobalAveragePooling1D()(h)
model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
model.compile("adam", "binary_crossentropy")
model.fit(x_train, y_train, epochs=1, verbose=0)

requests = [[3, 7, 9], list(rng.integers(1, 50, size=15))]
print(model.predict(keras.utils.pad_sequences(requests), verbose=0))  # padded to 15, not MAXLEN

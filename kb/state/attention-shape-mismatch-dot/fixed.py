"""Project the query to the encoder width before the dot product."""

import numpy as np
from keras import layers

decoder_seq = np.random.rand(2, 5, 16).astype("float32")
encoder_seq = np.random.rand(2, 7, 32).astype("float32")
query = layers.Dense(32)(decoder_seq)  # (batch, Tq, 32)
context = layers.Attention()([query, encoder_seq])
assert context.shape == (2, 5, 32)
print(context.shape)

"""Dot-product attention between a 16-d decoder sequence and 32-d encoder outputs."""

import numpy as np
from keras import layers

decoder_seq = np.random.rand(2, 5, 16).astype("float32")   # (batch, Tq, 16)
encoder_seq = np.random.rand(2, 7, 32).astype("float32")   # (batch, Tv, 32)
context = layers.Attention()([decoder_seq, encoder_seq])
print(context.shape)

"""Pad (and truncate) every row to one length before building the tensor."""

import keras
import tensorflow as tf

vocab = {"<pad>": 0, "i": 1, "like": 2, "green": 3, "tea": 4, "no": 5, "thanks": 6,
         "we": 7, "all": 8, "drink": 9, "black": 10, "coffee": 11}
texts = ["i like green tea", "no thanks", "we all drink black coffee too"]
MAXLEN = 5

token_ids = [[vocab.get(w, 0) for w in t.split()] for t in texts]
padded = keras.utils.pad_sequences(token_ids, maxlen=MAXLEN, padding="post", truncating="post", value=0)
batch = tf.constant(padded)
assert batch.shape == (3, MAXLEN)

# alternative: keep the lengths and let a RaggedTensor carry them
ragged = tf.ragged.constant(token_ids)
assert ragged.shape[0] == 3 and ragged.to_tensor().shape == (3, 6)

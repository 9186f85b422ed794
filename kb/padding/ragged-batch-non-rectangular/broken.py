"""Token-id lists of different lengths turned straight into a tensor.

A tensor is rectangular: every row needs the same number of columns. The three
encoded sentences have 4, 2 and 6 ids, so tf.constant cannot build one
(3, ?) int tensor from them.
"""

import tensorflow as tf

vocab = {"<pad>": 0, "i": 1, "like": 2, "green": 3, "tea": 4, "no": 5, "thanks": 6,
         "we": 7, "all": 8, "drink": 9, "black": 10, "coffee": 11}
texts = ["i like green tea", "no thanks", "we all drink black coffee too"]

token_ids = [[vocab.get(w, 0) for w in t.split()] for t in texts]
batch = tf.constant(token_ids)  # rows of length 4, 2 and 6
print(batch.shape)

"""Transformers' TensorFlow classes imported where Keras 3 is the only Keras.

Transformers' TF models are written for Keras 2: they use tf_keras when it is
installed and refuse Keras 3. The first line makes this interpreter behave as
one without the tf-keras package (the usual state after `pip install
tensorflow transformers` on TF >= 2.16).
"""

import sys

sys.modules["tf_keras"] = None  # as if tf-keras were not installed

from transformers import BertConfig, TFBertModel  # noqa: E402

model = TFBertModel(BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1, num_attention_heads=2))

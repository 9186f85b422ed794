"""With tf-keras installed (`pip install tf-keras`), transformers builds its TF models on it."""

import numpy as np
from transformers import BertConfig, TFBertModel

config = BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32)
model = TFBertModel(config)
out = model(np.array([[1, 2, 3]]))
print(out.last_hidden_state.shape)

"""Padding a batch with a GPT-2-style tokenizer, which has no padding token.

The tokenizer is built here (a word-level vocabulary with only an end-of-text
special token, like GPT-2's) so nothing is downloaded; GPT2TokenizerFast
from the Hub behaves the same.
"""

from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast

vocab = {"<|endoftext|>": 0, "[UNK]": 1, "the": 2, "cat": 3, "sat": 4, "down": 5}
core = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
core.pre_tokenizer = pre_tokenizers.Whitespace()
tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, eos_token="<|endoftext|>", unk_token="[UNK]")

batch = tokenizer(["the cat sat down", "the cat"], padding=True, return_tensors="tf")

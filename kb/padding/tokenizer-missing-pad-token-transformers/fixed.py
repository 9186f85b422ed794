"""Reuse the end-of-text token for padding; the attention mask marks the padded positions."""

from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast

vocab = {"<|endoftext|>": 0, "[UNK]": 1, "the": 2, "cat": 3, "sat": 4, "down": 5}
core = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
core.pre_tokenizer = pre_tokenizers.Whitespace()
tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, eos_token="<|endoftext|>", unk_token="[UNK]")

tokenizer.pad_token = tokenizer.eos_token
batch = tokenizer(["the cat sat down", "the cat"], padding=True, return_tensors="tf")
print(batch["input_ids"].shape, batch["attention_mask"].numpy().tolist())

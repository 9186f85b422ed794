"""Keras 2 text preprocessing (Tokenizer + pad_sequences) run with Keras 3.

The `keras.preprocessing.text` module was removed in Keras 3; its job is now
done by the TextVectorization layer.
"""

from keras.preprocessing.text import Tokenizer

texts = ["the cat sat", "the dog sat down", "a cat and a dog"]
tokenizer = Tokenizer(num_words=20, oov_token="<unk>")
tokenizer.fit_on_texts(texts)
print(tokenizer.texts_to_sequences(texts))

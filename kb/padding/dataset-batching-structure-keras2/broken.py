"""Inputs and targets handed to fit() as one list [x, y].

Keras 2 splits data into (x, y) only when it is a tuple or two arguments: a
list is "all the inputs", so the labels arrive as a second input tensor of a
one-input model, and there is no target. (The same holds for a dataset or
generator element shaped ([x, y],).)
"""

import keras
import numpy as np

x = np.random.rand(32, 4).astype("float32")
y = np.random.randint(0, 2, (32, 1)).astype("float32")

model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit([x, y], epochs=1, verbose=0)  # one argument: a list of two "inputs"

"""Load the pretrained model as it was saved, then reuse its feature layer.

Only layers whose shapes agree are transferred: the 4-class head keeps its
fresh initialisation and is trained on the new task.
"""

import os
import tempfile

import keras
import numpy as np


def classifier(num_classes):
    return keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(16, activation="relu", name="features"),
        keras.layers.Dense(num_classes, name="head"),
    ])


path = os.path.join(tempfile.mkdtemp(), "pretrained.weights.h5")
classifier(10).save_weights(path)

pretrained = classifier(10)
pretrained.load_weights(path)  # same architecture as the file

finetune = classifier(4)
finetune.get_layer("features").set_weights(pretrained.get_layer("features").get_weights())
assert np.allclose(finetune.get_layer("features").kernel.numpy(),
                   pretrained.get_layer("features").kernel.numpy())
print(finetune.predict(np.zeros((2, 12)), verbose=0).shape)

"""Loading a 10-class model's weights into a 4-class fine-tuning model.

The feature layers are the same, but the new head has units=4, so the saved
(16, 10) kernel cannot be assigned to the head's (16, 4) kernel.
"""

import os
import tempfile

import keras


def classifier(num_classes):
    return keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(16, activation="relu", name="features"),
        keras.layers.Dense(num_classes, name="head"),
    ])


path = os.path.join(tempfile.mkdtemp(), "pretrained.weights.h5")
classifier(10).save_weights(path)

finetune = classifier(4)
finetune.load_weights(path)

"""Facts derived from the message that entries reason with (issue 6, points 3 and 4)."""

from __future__ import annotations

import pytest

from explainer.match import layer_kind
from explainer.parse import parse_text


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ('ValueError: Input 0 of layer "lstm_1" is incompatible with the layer: expected ndim=3, found ndim=2.', "rnn"),
        ("ValueError: Input 0 is incompatible with layer gru_3: expected ndim=3, found ndim=2", "rnn"),
        ("ValueError: Input 0 of layer conv2d_1 is incompatible with the layer: expected ndim=4, found ndim=3", "conv"),
        ('ValueError: Exception encountered when calling layer "embedding" (type Embedding).', "embedding"),
        ("ValueError: Input 0 of layer dense_2 is incompatible with the layer: expected axis -1 of input shape "
         "to have value 784 but received input with shape (None, 28, 28)", "dense"),
        ("ValueError: Shapes (None, 1) and (None, 10) are incompatible", ""),
    ],
)
def test_layer_kind_from_the_layer_the_message_names(message, kind):
    assert layer_kind(parse_text(message)) == kind

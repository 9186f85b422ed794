"""Explain errors where they happen: uncaught exceptions (main thread and threads),
IPython/Jupyter cells, pytest failures and a context manager for your own code.

Every surface follows one policy (`policy.hook_text`): a diagnosis when an entry
fits, one short line for a TensorFlow/Keras error no entry fits, and nothing at
all for other errors, so `1/0` or a failed `assert` stays as Python printed it.
"""

from __future__ import annotations

from .context import explaining
from .excepthook import install, uninstall
from .ipython import load_ipython_extension, unload_ipython_extension
from .policy import hook_text

__all__ = ["explaining", "hook_text", "install", "load_ipython_extension", "uninstall", "unload_ipython_extension"]

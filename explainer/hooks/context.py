"""`explaining()`: a context manager and decorator for code you run yourself."""

from __future__ import annotations

import contextlib
import logging
from typing import TextIO

from .policy import hook_diagnosis

LOGGER = "tfexplain"


class explaining(contextlib.ContextDecorator):  # lower case: used like contextlib.suppress
    """Log the diagnosis of an exception escaping the block, then let it propagate.

        with explainer.explaining():
            model.fit(x, y)

        @explainer.explaining(file=sys.stderr)
        def train(): ...

    The text goes to the `tfexplain` logger at ERROR level (Python's last-resort
    handler prints it when logging is not configured), or to `file` when given.
    The same quiet policy as the hooks applies; `.diagnosis` keeps the last one.
    """

    def __init__(
        self, fmt: str = "text", *, file: TextIO | None = None, logger: str | logging.Logger = LOGGER, kb=()
    ) -> None:
        self.fmt, self.file, self.kb = fmt, file, tuple(kb)
        self.logger = logger if isinstance(logger, logging.Logger) else logging.getLogger(logger)
        self.diagnosis = None
        self.text = ""

    def __enter__(self) -> explaining:
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if isinstance(exc, Exception):
            self.text, self.diagnosis = hook_diagnosis(exc, self.fmt, self.kb)
            if self.text:
                try:
                    if self.file is not None:
                        self.file.write(self.text)
                    else:
                        self.logger.error("%s", self.text.rstrip("\n"))
                except Exception:
                    pass
        return False  # always re-raise

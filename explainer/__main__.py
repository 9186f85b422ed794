"""`python -m explainer script.py [args...]` runs a script under tfexplain (like `tfexplain run`);
any other arguments go to the `tfexplain` command line (`python -m explainer < tb.txt`)."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    argv = sys.argv[1:]
    if argv and argv[0].endswith(".py"):
        from .run import run_script

        sys.exit(run_script(argv[0], argv[1:]))
    from .cli import console

    console()

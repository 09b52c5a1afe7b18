"""The ``orderkit`` command line: parser, commands, output and progress."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import suppress

from orderkit.cli import app

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """The ``orderkit`` console script; returns the exit code when given ``argv``.

    Without ``argv`` it runs the process's own command line and then ends the process at
    once, with the command's exit code, once stdout and stderr are flushed: the command
    has closed every file and store it opened, and tearing down the interpreter (freeing
    every module, cache and object one by one) would add a tenth to a short validate.
    ``orderkit.cli.app.main`` runs a command line and returns, for use in a process that
    goes on.
    """
    if argv is not None:
        return app.main(argv)
    code = app.main()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # told already (app.main flushed stdout itself)
            stream.flush()
    os._exit(code)

"""The ``orderkit`` command line: parser, commands, output and progress."""

from orderkit.cli.app import main

__all__ = ["main"]

"""Writing user text into xlsx cells so that it stays text and reads back unchanged.

Three things can go wrong with a spreadsheet cell holding someone else's text: it becomes a
live formula (``=HYPERLINK(...)``), XML mangles it (a carriage return becomes a line feed),
or it holds a character XML cannot carry at all. Cells are always string-typed, and text is
escaped the way Office Open XML defines (``_xHHHH_``), which Excel and python-calamine read
back to the same characters.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["REPLACEMENT", "xlsx_text"]

REPLACEMENT: Final = "\ufffd"
# A literal "_x000D_" in user text must itself be escaped, or a reader would decode it.
_LITERAL_ESCAPE: Final = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
# Control characters other than tab and line feed, which XML 1.0 cannot hold as they are.
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f]")
# What no XML document can hold in any form: lone surrogates and the two non-characters.
_UNSTORABLE: Final = re.compile(r"[\ud800-\udfff\ufffe\uffff]")


def xlsx_text(text: str) -> tuple[str, bool]:
    """``(escaped, replaced)``: text for a string cell, and whether characters were lost.

    Lost characters are replaced by U+FFFD, visibly, so the caller can say so.
    """
    replaced = False
    if _UNSTORABLE.search(text):
        text = _UNSTORABLE.sub(REPLACEMENT, text)
        replaced = True
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(r"_x005F_\1", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text, replaced

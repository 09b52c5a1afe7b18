"""Spreadsheet columns by letter and number: ``"E"`` is column 5, ``"XFD"`` is 16,384."""

from __future__ import annotations

from typing import Final

__all__ = ["LAST_COLUMN", "column_letters", "column_number"]

LAST_COLUMN: Final = 16_384
"""Excel's last column, XFD."""


def column_number(position: object) -> int | None:
    """The 1-based column of ``"E"`` or ``5`` (at most XFD, 16,384); ``None`` if neither."""
    if type(position) is int:
        return position if 1 <= position <= LAST_COLUMN else None
    if not isinstance(position, str) or not 1 <= len(position) <= 3:
        return None
    letters = position.strip().upper()
    if not letters.isascii() or not letters.isalpha():
        return None
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number if number <= LAST_COLUMN else None


def column_letters(number: int) -> str:
    """``5`` → ``"E"``: the column as Excel names it."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters

"""The common case of :mod:`orderkit.files.xlsxscan` at the speed of patterns.

Nearly every sheet is written the one way spreadsheet programs write it: UTF-8, ``<row
r="7"``, ``<c r="B7"``, the reference first, in capitals, without leading zeros. For such a
sheet, patterns over the bytes find exactly the elements an XML parser finds (a tag always
starts with "<" and its name: "<" cannot occur unescaped in attribute values or text, and an
entity cannot hide in ``[A-Z0-9]``), at a quarter of the parser's cost. Any tag named ``c``,
``row`` or ``dimension`` that is not in that form sends the whole part to the parser; a
property test holds the two together.
"""

from __future__ import annotations

import re
from typing import Final

from orderkit.files.xlsxscan import Extent, column_number, number

__all__ = ["FastSheet"]

# A tag named c, row or dimension that does not start the one usual way: with its name
# followed by anything but one space and its reference, or whitespace after "<" (not XML,
# but a lenient reader might still see a tag there)...
_UNUSUAL_TAG: Final = re.compile(
    rb'<(?:\s|c(?:[>/\t\n\r]| (?!r="))|row(?:[>/\t\n\r]| (?!r="))'
    rb'|dimension(?:[>/\t\n\r]| (?!ref=")))'
)
# ... or with a prefix (<x:c>). Found from the colon, which is rare in a sheet, and then
# told by the name before it: a pattern starting at every "<" costs twice as much.
_PREFIXED_LOCAL: Final = re.compile(rb":(?:c|row|dimension)[\s/>]")
_PREFIX: Final = re.compile(rb"[A-Za-z_][\w.-]*")
_CELL_LETTERS: Final = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
_CELL_ROWS: Final = re.compile(rb'<c r="[A-Z]{1,3}([1-9]\d{0,6})"')
# A row whose reference is not written the usual way (searched for: nothing to count).
_ODD_ROW: Final = re.compile(rb'<row r="(?![1-9]\d{0,6}")')
_DIMENSION: Final = re.compile(
    rb'<dimension ref="([A-Z]{1,3})([1-9]\d{0,6})(?::([A-Z]{1,3})([1-9]\d{0,6}))?"'
)
_SPANS: Final = re.compile(rb'spans="([^"]*)"')
_ENCODING: Final = re.compile(rb"""encoding\s*=\s*["']([^"']*)""")
_UTF8_NAMES: Final = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii"})
# A single tag larger than this is no spreadsheet program's: the parser judges it.
_CARRY_MOST: Final = 1 << 20


class FastSheet:
    """The sheet judged by patterns while it streams; ``fallback`` when the parser must."""

    def __init__(self) -> None:
        self.extent = Extent()
        # As PartScan: the cells alone, and how many.
        self.cell_extent = Extent()
        self.cells = 0
        self.fallback = False
        self._carry = b""
        self._first = True

    def feed(self, block: bytes) -> None:
        if self.fallback:
            return
        if self._first:
            self._first = False
            if not _utf8(block[:4096]):
                # Another encoding (UTF-16, a code page) hides tags from the patterns.
                self.fallback = True
                return
        window = self._carry + block
        # Judge up to the last "<": every tag starting before it ends before it.
        cut = window.rfind(b"<")
        if cut == -1:
            judged, self._carry = window, b""
        else:
            judged, self._carry = window[:cut], window[cut:]
        if len(self._carry) > _CARRY_MOST:
            self.fallback = True
            return
        self._judge(judged)

    def close(self) -> None:
        if not self.fallback:
            self._judge(self._carry)
            self._carry = b""

    def _judge(self, text: bytes) -> None:
        if _unusual(text):
            self.fallback = True
            return
        # Every usual tag start must go on with a reference written the usual way.
        numbers = _CELL_ROWS.findall(text)
        if len(numbers) != text.count(b'<c r="') or _ODD_ROW.search(text):
            self.fallback = True
            return
        # A sheet has one dimension, if any: the pattern runs only where it is.
        dimensions = _DIMENSION.findall(text) if b"<dimension" in text else []
        if len(dimensions) != text.count(b'<dimension ref="'):
            self.fallback = True
            return
        extent = self.extent
        self.cells += len(numbers)
        if numbers:
            letters = set(_CELL_LETTERS.findall(text))
            widest = max(map(len, letters))
            column = column_number(max(c for c in letters if len(c) == widest).decode())
            extent.reach(0, column)
            self.cell_extent.reach(0, column)
            row = max(map(int, set(numbers)))
            extent.reach(row, 0)
            self.cell_extent.reach(row, 0)
        for first_letters, first_row, last_letters, last_row in dimensions:
            extent.reach(int(first_row), column_number(first_letters.decode()))
            if last_letters:
                extent.reach(int(last_row), column_number(last_letters.decode()))
        if b'spans="' in text:
            for spans in set(_SPANS.findall(text)):
                extent.reach(0, max(number(n) for n in spans.decode("latin-1").split(":")))


def _unusual(text: bytes) -> bool:
    """Whether ``text`` holds a tag named c, row or dimension not written the usual way."""
    if _UNUSUAL_TAG.search(text):
        return True
    for found in _PREFIXED_LOCAL.finditer(text):
        # A prefix is a name right after "<": the nearest "<" before the colon must be it.
        colon = found.start()
        start = text.rfind(b"<", 0, colon) + 1
        if start and _PREFIX.fullmatch(text, start, colon):
            return True
    return False


def _utf8(head: bytes) -> bool:
    """Whether a part starting with ``head`` is in UTF-8 (or ASCII)."""
    if b"\x00" in head:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    if not head.startswith(b"<?xml"):
        return not head.startswith((b"\xfe\xff", b"\xff\xfe"))
    declaration = head[: head.find(b"?>")]
    named = _ENCODING.search(declaration)
    return named is None or named.group(1).strip().lower() in _UTF8_NAMES

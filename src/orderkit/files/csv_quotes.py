"""Strict CSV quoting, checked over the bytes as they stream to pyarrow.

pyarrow's CSV parser is lenient where Python's ``csv`` module (``strict=True``, what
:func:`orderkit.files.csvfile.iter_csv_rows` uses) refuses: text after a closing quote
(``"b"x`` reads as ``bx``) and a quoted cell that never closes (it runs to the end of the
file). orderkit refuses both, so this checker looks at every quoted cell as the bytes go by
and says where the first such cell starts; the caller then lets the ``csv`` module word the
refusal exactly as it always has.

Only quotes are visited (``bytes.find`` jumps over everything else), so a file with few
quoted cells costs next to nothing, and one full of them about a microsecond per quoted cell.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["QuoteCheck"]

# A quoted cell: an opening quote, then anything with quotes doubled, then a closing quote.
_QUOTED: Final = re.compile(rb'"[^"]*(?:""[^"]*)*"')
# A quoted cell this long in bytes is past any cell limit: the limits refuse it, not this.
_CARRY_MOST: Final = 1 << 22


class QuoteCheck:
    """Feed UTF-8 blocks in order (``feed``), then ``close``; ``broken`` is set (to the byte
    offset of the offending cell's opening quote) at the first cell the ``csv`` module
    would refuse."""

    def __init__(self, delimiter: str) -> None:
        self._ends = frozenset(f"{delimiter}\r\n".encode())
        self._starts = self._ends
        self._carry = b""
        self._offset = 0  # of the carry's first byte in the stream
        self._before = -1  # the byte before the carry (-1: the start of the file)
        self.broken: int | None = None

    def feed(self, block: bytes) -> None:
        if self.broken is None:
            self._scan(self._carry + block, final=False)

    def close(self) -> None:
        if self.broken is None:
            self._scan(self._carry, final=True)

    def _scan(self, window: bytes, *, final: bool) -> None:
        position, size = 0, len(window)
        while True:
            quote = window.find(b'"', position)
            if quote == -1:
                self._keep(window, size)
                return
            before = window[quote - 1] if quote else self._before
            if before != -1 and before not in self._starts:
                position = quote + 1  # a quote inside an unquoted cell is a character
                continue
            found = _QUOTED.match(window, quote)
            # A cell that may still go on in the next block (or whose next byte is there): a
            # match followed by a quote is one that could not be completed yet.
            if not final and (
                found is None or found.end() >= size - 1 or window[found.end()] == 0x22
            ):
                if size - quote > _CARRY_MOST:
                    self._keep(window, size)  # the cell-length limit will refuse it
                    return
                self._keep(window, quote)
                return
            if found is None or (found.end() < size and window[found.end()] not in self._ends):
                self.broken = self._offset + quote
                return
            position = found.end()

    def _keep(self, window: bytes, cut: int) -> None:
        """Carry ``window[cut:]`` into the next block."""
        if cut:
            self._before = window[cut - 1]
        self._offset += cut
        self._carry = window[cut:]

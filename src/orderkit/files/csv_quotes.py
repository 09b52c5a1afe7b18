"""Strict CSV quoting, checked over the bytes as they stream to pyarrow.

pyarrow's CSV parser is lenient where Python's ``csv`` module (``strict=True``, what
:func:`orderkit.files.csvfile.iter_csv_rows` uses) refuses: text after a closing quote
(``"b"x`` reads as ``bx``) and a quoted cell that never closes (it runs to the end of the
file). orderkit refuses both, so this checker looks at every quoted cell as the bytes go by
and says where the first such cell starts; the caller then lets the ``csv`` module word the
refusal exactly as it always has.

Blocks are judged whole by the parity of their quotes, with array operations (numpy: about
5 ms per MiB of an order export with a quoted cell in every row); only a block with a quote
out of place (text after a closing quote, a quote inside an unquoted cell) is walked quote
by quote, to tell a broken cell from one that is fine.
"""

from __future__ import annotations

import re
from typing import Final

import numpy as np

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
        self._starts_or_quote = np.frombuffer(f'{delimiter}\r\n"'.encode(), dtype=np.uint8)
        self._starts_or_quote_bytes = frozenset(f'{delimiter}\r\n"'.encode()) | {-1}
        self._starts_bytes = frozenset(f"{delimiter}\r\n".encode()) | {-1}
        self._inside = False  # whether the carry starts inside a quoted cell
        # Whether the quote just before the carry (if any) was judged by parity, so that a
        # quote right after it reopens a cell; after a walk, that is not known.
        self._by_parity = True
        self._starts = self._ends
        self._carry = b""
        self._offset = 0  # of the carry's first byte in the stream
        self._before = -1  # the byte before the carry (-1: the start of the file)
        self.broken: int | None = None

    def feed(self, block: bytes) -> None:
        if self.broken is not None:
            return
        window = self._carry + block
        if self._fast(window):
            return
        if self._inside or self._before == 0x22:
            # Walking needs to start outside a quoted cell and not right after a quote
            # (which may close one): let the csv module judge the whole file.
            self.broken = self._offset
            return
        self._scan(window, final=False)
        self._by_parity = False

    def _fast(self, window: bytes) -> bool:
        """Judge ``window`` with whole-array operations, by the parity of its quotes.

        Quotes alternate between opening and closing (an escaped ``""`` closes and opens
        at once). The window is plainly fine when every opening quote starts a cell (after
        a delimiter, a line end or the quote just before it) and every closing quote ends
        one (before a delimiter, a line end or the next quote). Anything else (a quote
        inside an unquoted cell, text after a closing quote) answers ``False``.
        """
        data = np.frombuffer(window, dtype=np.uint8)
        quotes = np.flatnonzero(data == 0x22)
        if len(quotes) and quotes[-1] == len(data) - 1:
            # The last byte is a quote whose next byte is in the next block: carry it.
            quotes = quotes[:-1]
            cut = len(data) - 1
        else:
            cut = len(data)
        if len(quotes):
            before = np.empty(len(quotes), dtype=np.int16)
            before[:] = data[np.maximum(quotes - 1, 0)]
            if quotes[0] == 0:
                if self._before == 0x22 and not self._by_parity:
                    return False
                before[0] = 0x0A if self._before == -1 else self._before
            after = data[quotes + 1]
            # Which quotes open a cell: every other one, from the first or the second.
            opens = np.arange(len(quotes)) % 2 == (1 if self._inside else 0)
            allowed = self._starts_or_quote
            if not np.isin(before[opens], allowed).all():
                return False
            if not np.isin(after[~opens], allowed).all():
                return False
            if len(quotes) % 2:
                self._inside = not self._inside
        self._keep(window, cut)
        self._by_parity = True
        return True

    def close(self) -> None:
        if self.broken is None:
            if self._inside:
                # The carried quote closes the last cell at the end of the file; without
                # it, that cell never closes.
                if self._carry != b'"':
                    self.broken = self._offset
                return
            opens = self._starts_or_quote_bytes if self._by_parity else self._starts_bytes
            if self._carry == b'"' and self._before in opens:
                self.broken = self._offset  # a quote opening a cell at the end of the file
                return
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

"""How far the cells of a legacy ``.xls`` (BIFF records) reach, before any reader sees it.

A BIFF workbook stream is a sequence of records: ``type, length, body``. Readers size their
buffers from the ``DIMENSIONS`` record of each sheet, from the row and column of every cell
record and from the string count of the ``SST`` record; all of them are read here, and a
record cut short is a broken file, not something to guess about.
"""

from __future__ import annotations

import struct
from typing import Final

__all__ = ["BiffExtent", "BrokenBiff", "biff_extent"]

_DIMENSIONS: Final = 0x0200
_SST: Final = 0x00FC
_ROW: Final = 0x0208
# Records whose body starts with the cell's row and column (two 16-bit numbers each).
_CELLS: Final = frozenset(
    {
        0x0001, 0x0002, 0x0003, 0x0004, 0x0005,  # BIFF2 blank, integer, number, label, bool
        0x0006, 0x0206, 0x0406,  # formulas
        0x00D6,  # RSTRING
        0x00FD,  # LABELSST
        0x0201, 0x0203, 0x0204, 0x0205,  # BLANK, NUMBER, LABEL, BOOLERR
        0x027E,  # RK
    }
)  # fmt: skip
# Records that hold several cells of one row: row, first column, …, last column.
_RUNS: Final = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK


class BrokenBiff(ValueError):
    """A record cut short or inconsistent."""


class BiffExtent:
    """The farthest row and column (1-based), and the largest unique-string count."""

    __slots__ = ("columns", "rows", "strings")

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0
        self.strings = 0

    def reach(self, row: int, column: int) -> None:
        """A 0-based cell position."""
        if row + 1 > self.rows:
            self.rows = row + 1
        if column + 1 > self.columns:
            self.columns = column + 1


def biff_extent(stream: bytes) -> BiffExtent:
    """Walk every record of a workbook stream."""
    extent = BiffExtent()
    position, end = 0, len(stream)
    while position + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4 : position + 4 + length]
        if len(body) < length:
            raise BrokenBiff(f"record 0x{kind:04X} at byte {position:,} is cut short")
        position += 4 + length
        if kind in _CELLS:
            _need(kind, body, 4)
            extent.reach(*struct.unpack_from("<HH", body))
        elif kind in _RUNS:
            _need(kind, body, 6)
            row, first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, length - 2)
            extent.reach(row, max(first, last))
        elif kind == _ROW:
            _need(kind, body, 6)
            row, _, after_last = struct.unpack_from("<HHH", body)
            extent.reach(row, max(after_last - 1, 0))
        elif kind == _DIMENSIONS:
            _dimensions(body, extent)
        elif kind == _SST:
            _need(kind, body, 8)
            # The unique count is what readers reserve room for.
            (unique,) = struct.unpack_from("<I", body, 4)
            extent.strings = max(extent.strings, unique)
    if position != end:
        raise BrokenBiff(f"the stream ends inside a record header at byte {position:,}")
    return extent


def _dimensions(body: bytes, extent: BiffExtent) -> None:
    # BIFF8 counts rows in 32 bits, older versions in 16; both give "last + 1".
    if len(body) >= 14:
        _, rows_after, _, columns_after = struct.unpack_from("<IIHH", body)
    else:
        _need(_DIMENSIONS, body, 8)
        _, rows_after, _, columns_after = struct.unpack_from("<HHHH", body)
    if rows_after and columns_after:
        extent.reach(rows_after - 1, columns_after - 1)


def _need(kind: int, body: bytes, size: int) -> None:
    if len(body) < size:
        raise BrokenBiff(f"record 0x{kind:04X} holds {len(body)} bytes, fewer than {size}")

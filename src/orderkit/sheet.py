"""A sheet as read from a file: every cell as text, with where numbers were."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

import attrs

__all__ = ["CellKind", "Sheet"]


class CellKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    """A number cell, written as a person reads it (``12345``, not ``12345.0``)."""
    INEXACT = "inexact"
    """A number cell too large for Excel to hold exactly: its digits may be rounded."""


@attrs.frozen
class Sheet:
    """The cells of one worksheet as text.

    ``rows[i]`` is the row Excel shows as ``i + 1``, so title and blank rows above a header
    keep every row number right. Rows may be ragged; a missing cell is empty text.
    """

    name: str
    rows: tuple[tuple[str, ...], ...]
    kinds: dict[tuple[int, int], CellKind] = attrs.field(factory=dict, eq=False)
    """Cells that were not text, by ``(row index, column index)``."""
    format: str = "xlsx"

    def cell(self, row: int, column: int) -> str:
        """The text at 0-based ``row`` and ``column``; empty when outside the data."""
        cells = self.rows[row] if row < len(self.rows) else ()
        return cells[column] if column < len(cells) else ""

    def kind(self, row: int, column: int) -> CellKind:
        return self.kinds.get((row, column), CellKind.TEXT)

    def excel_row(self, index: int) -> int:
        return index + 1

    def data_rows(self, header_index: int) -> Iterator[tuple[int, tuple[str, ...]]]:
        """``(row index, cells)`` below the header, skipping rows with no text at all."""
        for index in range(header_index + 1, len(self.rows)):
            cells = self.rows[index]
            if any(cells):
                yield index, cells

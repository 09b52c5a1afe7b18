"""A worksheet's rows kept as one flat list of cells.

The reader's cells arrive from the forked child as one list (see
:mod:`orderkit.files.cell_transfer`). Cutting it into a list per row cost more than the cut
itself: thousands of new lists, each one more object for the garbage collector to walk. The
mapper reads whole columns, which a flat list gives as one slice, so the rows are only made
when someone asks for a row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

__all__ = ["FlatRows"]


class FlatRows(Sequence[list[Any]]):
    """Rows as :func:`orderkit.read_sheet` places them: ``top`` empty rows (above the used
    area), then rows of ``left`` empty cells (``None``) followed by ``width`` cells each,
    taken in order from ``cells``."""

    __slots__ = ("_cells", "_height", "_left", "_top", "_width")

    def __init__(self, cells: list[Any], width: int, *, top: int = 0, left: int = 0) -> None:
        if width < 1 or len(cells) % width:
            raise ValueError("the cells do not fill their rows")
        self._cells = cells
        self._width = width
        self._height = len(cells) // width
        self._top = top
        self._left = left

    def placed(self, top: int, left: int) -> FlatRows:
        """These rows below ``top`` empty rows and right of ``left`` empty columns."""
        return FlatRows(self._cells, self._width, top=self._top + top, left=self._left + left)

    def __len__(self) -> int:
        return self._top + self._height

    @overload
    def __getitem__(self, index: int) -> list[Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[Any]]: ...

    def __getitem__(self, index: int | slice) -> list[Any] | list[list[Any]]:
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("row index out of range")
        return self._row(index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(
            mine == list(theirs) for mine, theirs in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[list[Any]]:
        return (self._row(i) for i in range(len(self)))

    def _row(self, index: int) -> list[Any]:
        if index < self._top:
            return []
        first = (index - self._top) * self._width
        cells = self._cells[first : first + self._width]
        return [None] * self._left + cells if self._left else cells

    def column(self, column: int, start: int) -> list[Any]:
        """The cells of ``column`` from row ``start`` down: ``""`` in the empty rows above
        the used area, ``None`` left of it (as the rows themselves hold them)."""
        start = max(start, 0)
        above = max(0, self._top - start)
        below = self._height - max(0, start - self._top)
        if below <= 0:
            return [""] * above
        if column < self._left:
            values: list[Any] = [None] * below
        elif column - self._left < self._width:
            first = (self._height - below) * self._width + column - self._left
            values = self._cells[first :: self._width]
        else:
            values = [""] * below
        return [""] * above + values if above else values

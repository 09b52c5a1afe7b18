"""A worksheet as Arrow: every cell as the text :func:`orderkit.files.sheet.cell_text` shows,
and where the number cells were.

The workbook is read as :func:`orderkit.read_sheet` reads it (the safety scan first, then
python-calamine in the forked reader); the cells then become Arrow columns one column at a
time through the mapper's fast path (:meth:`Sheet.column`), so the texts and the kinds of
cell (number, inexact number) are exactly those the row-by-row engine sees. python-calamine
was measured against fastexcel (which builds Arrow in Rust): fastexcel's text for a number,
a date or a boolean is not the text orderkit shows (``true``, ``0.0000001``, ``-0``), and it
keeps no kind of cell per cell, so every number cell would need its text rebuilt anyway
(``benchmarks/arrow_files.py`` has the figures).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from orderkit.files.arrow_rows import column_name
from orderkit.files.reader import read_sheet
from orderkit.files.safety import Limits
from orderkit.files.sheet import CellKind, Sheet

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["SheetTable", "read_xlsx_table", "sheet_table"]


@attrs.frozen
class SheetTable:
    """One worksheet as Arrow tables."""

    name: str
    """The worksheet's name (a CSV file's stem)."""
    cells: pa.Table
    """Row ``i`` is the row Excel shows as ``i + 1``; columns are strings named ``A``,
    ``B``, …; every cell is text, ``""`` when empty (trailing empty rows left out)."""
    kinds: pa.Table
    """The cells that were not text: ``row`` (0-based, as in ``cells``), ``column`` (its
    name) and ``kind`` (``"number"``, or ``"inexact"`` for a number of 2**53 or more, whose
    digits Excel may already have rounded)."""

    def numbers(self, column: str) -> dict[int, CellKind]:
        """The non-text cells of one column, by row: what the leading-zero and
        inexact-number rules read."""
        import pyarrow.compute as pc

        found = self.kinds.filter(pc.equal(self.kinds["column"], column))
        return {
            row: CellKind(kind)
            for row, kind in zip(found["row"].to_pylist(), found["kind"].to_pylist(), strict=True)
        }


def read_xlsx_table(
    path: str | Path, *, sheet: str | int | None = None, limits: Limits | None = None
) -> SheetTable:
    """One worksheet of a workbook (xlsx, or a legacy xls) as Arrow.

    ``sheet`` and ``limits`` are as :func:`orderkit.read_sheet` takes them.

    Raises:
        UnreadableFile: as :func:`orderkit.read_sheet` (with its subclasses).
        FileTooLarge: a cell longer than ``limits.cell_length``.
    """
    return sheet_table(read_sheet(path, sheet=sheet, limits=limits))


def sheet_table(sheet: Sheet) -> SheetTable:
    """``sheet``'s cells as Arrow (see :class:`SheetTable`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    width = max((len(row) for row in sheet.cells), default=0)
    columns: list[pa.Array] = []
    rows: list[int] = []
    names: list[str] = []
    kinds: list[str] = []
    height = 0
    for column in range(width):
        texts, found = sheet.column(column, 0)
        array = pa.array(texts, type=pa.string())
        columns.append(array)
        filled = pc.indices_nonzero(pc.utf8_length(array))
        if len(filled):
            height = max(height, filled[-1].as_py() + 1)
        for row, kind in sorted(found.items()):
            rows.append(row)
            names.append(column_name(column))
            kinds.append(kind.value)
    # Rows with no text at the end are left out, as Sheet.rows leaves them out.
    cells = pa.table(columns, names=[column_name(c) for c in range(width)]).slice(0, height)
    kinds_table = pa.table(
        {
            "row": pa.array(rows, type=pa.int64()),
            "column": pa.array(names, type=pa.string()),
            "kind": pa.array(kinds, type=pa.string()),
        }
    )
    return SheetTable(sheet.name, cells, kinds_table)

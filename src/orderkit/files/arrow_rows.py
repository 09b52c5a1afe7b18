"""Rows of text as Arrow record batches, and the limits of a sheet checked over them.

Shared by the Arrow readers: columns are strings named as Excel names them (``A``, ``B``,
…); a cell a short row does not have is null. The limits are those of
:func:`orderkit.files.csvfile.iter_csv_rows`, checked batch by batch with the same order of
precedence and the same messages: the first row (in file order) past any limit is refused,
and within one row a cell the ``csv`` module cannot parse (beyond its field size limit) before
a width beyond ``columns`` before a cell beyond ``cell_length`` before a total beyond
``cells``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from orderkit.files.csvfile import too_long, too_many_cells, too_wide
from orderkit.files.safety import Limits
from orderkit.model.columns import column_letters

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["RowChecks", "batch_of_rows", "column_name", "pad_batch"]


def column_name(index: int) -> str:
    """The name of the 0-based column ``index``: ``0`` is ``"A"``, as Excel shows it."""
    return column_letters(index + 1)


def batch_of_rows(rows: Sequence[Sequence[str]]) -> pa.RecordBatch:
    """Ragged rows of text as one batch as wide as the widest row (missing cells null)."""
    import pyarrow as pa

    # At least one column, so that a run of empty lines still counts its rows.
    width = max(1, max((len(row) for row in rows), default=0))
    columns = [
        pa.array([row[c] if c < len(row) else None for row in rows], type=pa.string())
        for c in range(width)
    ]
    names = [column_name(c) for c in range(width)]
    return pa.RecordBatch.from_arrays(columns, names=names)


def pad_batch(batch: pa.RecordBatch, width: int) -> pa.RecordBatch:
    """``batch`` with its columns renamed ``A``, ``B``, … and null columns up to ``width``."""
    import pyarrow as pa

    arrays = list(batch.columns)
    arrays += [pa.nulls(batch.num_rows, pa.string())] * (width - len(arrays))
    return pa.RecordBatch.from_arrays(arrays, names=[column_name(c) for c in range(width)])


class RowChecks:
    """The running count of rows and widest row, checked against ``limits``."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.rows = 0
        self.widest = 0

    def count(self, batch: pa.RecordBatch) -> None:
        """Count rows already checked elsewhere (by the ``csv`` module)."""
        self.rows += batch.num_rows

    def check(self, batch: pa.RecordBatch) -> None:
        """Count ``batch``'s rows, refusing the first one past a limit.

        Raises:
            FileTooLarge: as :func:`orderkit.files.csvfile.iter_csv_rows` words it.
        """
        import pyarrow.compute as pc

        rows = batch.num_rows
        if not rows:
            return
        limits = self.limits
        # The common case in a few passes over whole columns: no row can be past a limit
        # when the widest row, the longest cell (in bytes, never fewer than characters) and
        # the last row times the widest are within them.
        widest = max(self.widest, _widest(batch))
        longest = max((pc.max(pc.binary_length(c)).as_py() or 0 for c in batch.columns), default=0)
        last = self.rows + rows
        longest_allowed = min(limits.cell_length, csv.field_size_limit())
        if widest > limits.columns or longest > longest_allowed or last * widest > limits.cells:
            self._refuse(batch)
        self.rows, self.widest = last, widest

    def _refuse(self, batch: pa.RecordBatch) -> None:
        """Find the first row past a limit, row by row (only a batch that has one)."""
        import pyarrow.compute as pc

        limits = self.limits
        widths = _widths(batch)
        lengths = [pc.fill_null(pc.utf8_length(c), 0).to_pylist() for c in batch.columns]
        widest = self.widest
        parse_limit = csv.field_size_limit()
        for at, width in enumerate(widths):
            row = self.rows + at + 1
            longest = max((column[at] for column in lengths), default=0)
            if longest > parse_limit:
                # The csv module refuses such a cell while parsing, before any other check.
                raise too_long(self.path, row, None, limits)
            widest = max(widest, width)
            if widest > limits.columns:
                raise too_wide(self.path, row, widest, limits)
            if longest > limits.cell_length:
                raise self._too_long(batch, at, row, longest)
            if row * widest > limits.cells:
                raise too_many_cells(self.path, row, widest, limits)

    def _too_long(self, batch: pa.RecordBatch, at: int, row: int, length: int) -> Exception:
        cells = [value or "" for value in batch.slice(at, 1).to_pylist()[0].values()]
        return too_long(self.path, row, cells, self.limits)


def _widest(batch: pa.RecordBatch) -> int:
    """The widest row's cell count: a missing cell is null, and only ends a row, so the
    rightmost column holding any cell bounds it."""
    width = batch.num_columns
    while width and batch.column(width - 1).null_count == batch.num_rows:
        width -= 1
    return int(width)


def _widths(batch: pa.RecordBatch) -> list[int]:
    """Each row's cell count."""
    widths = [0] * batch.num_rows
    for column in batch.columns:
        for at, valid in enumerate(column.is_valid().to_pylist()):
            widths[at] += valid
    return widths

"""Rows of text as Arrow record batches, and the limits of a sheet checked over them.

Shared by the Arrow readers: columns are strings named as Excel names them (``A``, ``B``,
…); a cell a short row does not have is null. The limits are those of
:func:`orderkit.files.csvfile.iter_csv_rows`, checked batch by batch with the same order of
precedence and the same messages: the first row (in file order) past any limit is refused,
and within one row a width beyond ``columns`` before a cell beyond ``cell_length`` before a
total beyond ``cells``.
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
        import numpy as np
        import pyarrow.compute as pc

        rows = batch.num_rows
        if not rows:
            return
        limits = self.limits
        widths = np.zeros(rows, dtype=np.int64)
        longest = np.zeros(rows, dtype=np.int64)
        for column in batch.columns:
            widths += column.is_valid().to_numpy(zero_copy_only=False)
            lengths = pc.fill_null(pc.utf8_length(column), 0).to_numpy(zero_copy_only=False)
            np.maximum(longest, lengths, out=longest)
        widest = np.maximum.accumulate(np.maximum(widths, self.widest))
        numbers = np.arange(self.rows + 1, self.rows + rows + 1, dtype=np.int64)
        wide = np.flatnonzero(widest > limits.columns)
        long = np.flatnonzero(longest > limits.cell_length)
        many = np.flatnonzero(numbers * widest > limits.cells)
        firsts = [int(found[0]) for found in (wide, long, many) if len(found)]
        if firsts:
            at = min(firsts)
            row = int(numbers[at])
            if len(wide) and wide[0] == at:
                raise too_wide(self.path, row, int(widest[at]), limits)
            if len(long) and long[0] == at:
                raise self._too_long(batch, at, row, int(longest[at]))
            raise too_many_cells(self.path, row, int(widest[at]), limits)
        self.rows += rows
        self.widest = int(widest[-1])

    def _too_long(self, batch: pa.RecordBatch, at: int, row: int, length: int) -> Exception:
        if length > csv.field_size_limit():
            # The csv module refuses such a cell while parsing, before it knows its column.
            return too_long(self.path, row, None, self.limits)
        cells = [value or "" for value in batch.slice(at, 1).to_pylist()[0].values()]
        return too_long(self.path, row, cells, self.limits)

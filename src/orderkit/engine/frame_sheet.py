"""A frame of one seller layout seen as a sheet: named columns of Python values, and the
sheet whose first row holds the column names.

A frame's cells become text exactly as a file's cells do (:class:`orderkit.files.Sheet`
converts them), and only the columns a template reads are converted.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from orderkit.files.sheet import CellKind, Sheet
from orderkit.model.errors import InvalidArgument
from orderkit.model.extras import require

__all__ = ["FrameLayout", "FrameSheet", "rows_of"]


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # pandas' NA and NaT, without importing pandas.
    return type(value).__name__ in ("NAType", "NaTType")


def _cleaned(values: list[Any]) -> list[Any]:
    """Cells with every kind of null (None, NaN, pandas NA and NaT) as ``None``."""
    return [None if _missing(v) else v for v in values]


@attrs.frozen
class FrameLayout:
    """A frame seen as named columns of Python values."""

    names: list[str]
    length: int
    read: Callable[[int], list[Any]]

    @classmethod
    def of(cls, frame: Any) -> FrameLayout:
        module = type(frame).__module__.split(".")[0]
        if module == "pyarrow":
            return cls._arrow(frame)
        if module == "polars":
            return cls(
                [str(n) for n in frame.columns],
                frame.height,
                lambda i: _cleaned(frame.to_series(i).to_list()),
            )
        if module == "pandas":
            return cls(
                [str(n) for n in frame.columns],
                len(frame),
                lambda i: _cleaned(frame.iloc[:, i].tolist()),
            )
        raise InvalidArgument(
            f"cannot validate a {type(frame).__name__}: give a pyarrow Table or RecordBatch, "
            "a polars DataFrame or a pandas DataFrame",
            ko=f"{type(frame).__name__}은(는) 검증할 수 없습니다. pyarrow Table 또는 "
            "RecordBatch, polars DataFrame, pandas DataFrame을 주세요.",
        )

    @classmethod
    def _arrow(cls, frame: Any) -> FrameLayout:
        pa = require("pyarrow", "arrow")
        if not isinstance(frame, pa.Table | pa.RecordBatch):
            raise InvalidArgument(
                f"cannot validate a {type(frame).__name__}: give a pyarrow Table or RecordBatch",
                ko=f"{type(frame).__name__}은(는) 검증할 수 없습니다. pyarrow Table 또는 "
                "RecordBatch를 주세요.",
            )

        def read(i: int) -> list[Any]:
            column = frame.column(i)
            values: list[Any] = column.to_pylist()
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                return values  # nulls are already None, and text holds no NaN
            return _cleaned(values)

        return cls([str(n) for n in frame.schema.names], frame.num_rows, read)

    def column(self, index: int) -> list[Any]:
        return self.read(index)

    def taken(self, order: Sequence[int]) -> FrameLayout:
        """The layout with its rows in ``order`` (positions)."""

        def read(i: int) -> list[Any]:
            values = self.read(i)
            return [values[p] for p in order]

        return FrameLayout(self.names, self.length, read)

    def without(self, name: str) -> FrameLayout:
        """The layout less the column ``name`` (the row numbers, not a seller column)."""
        index = self.names.index(name)
        keep = [i for i in range(len(self.names)) if i != index]
        return FrameLayout([self.names[i] for i in keep], self.length, lambda i: self.read(keep[i]))


@attrs.frozen(eq=False)
class FrameSheet(Sheet):
    """A frame as a sheet: row 1 holds the column names, the frame's rows follow.

    ``cells`` holds only empty rows, for the row count. A column is read from the frame
    when the mapper asks for it and turned into text by :class:`Sheet` itself, so cells
    become text exactly as a file's cells do, and only the columns a template reads are
    converted.
    """

    frame: FrameLayout = attrs.field(kw_only=True, repr=False)
    _columns: dict[int, list[Any]] = attrs.field(factory=dict, init=False, repr=False)

    def _cells(self, column: int) -> list[Any]:
        if column not in self._columns:
            self._columns[column] = [self.frame.names[column], *self.frame.column(column)]
        return self._columns[column]

    def row(self, index: int) -> tuple[tuple[str, ...], dict[int, CellKind]]:
        if index == 0:
            return tuple(self.frame.names), {}
        if not 0 < index < len(self):
            return (), {}
        cells = [self._cells(c)[index] for c in range(len(self.frame.names))]
        return Sheet(self.name, [cells], self.format, limits=self.limits).row(0)

    def column(self, column: int, start: int) -> tuple[list[str], dict[int, CellKind]]:
        if column >= len(self.frame.names):
            return [""] * max(0, len(self) - start), {}
        single = [[value] for value in self._cells(column)]
        return Sheet(self.name, single, self.format, limits=self.limits).column(0, start)


def rows_of(frame: Any, positions: Sequence[int]) -> Any:
    """The rows at ``positions`` of a pyarrow Table or RecordBatch, or a polars or pandas
    DataFrame (the frames the screen reads)."""
    module = type(frame).__module__.split(".")[0]
    if module == "polars":
        return frame[list(positions)]
    if module == "pandas":
        return frame.iloc[list(positions)]
    pa = require("pyarrow", "arrow")
    return frame.take(pa.array(positions, type=pa.int64()))

"""Screening a frame of text columns before :func:`orderkit.validate_frame` checks it.

A frame whose columns the template reads all hold text (an Arrow table or batch, or a
polars frame, as a CSV file read with strings gives them, and as Spark and Dask hand out)
is screened over its columns (:mod:`orderkit.engine.screening`): only the rows of orders
that may have something to report go to the engine. A frame with number or date columns
is checked whole by the engine, which knows how a spreadsheet shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from orderkit.engine.catalogue import Catalogue
from orderkit.engine.screening import (
    KEY,
    ScreenPlan,
    python_key,
    read_values,
    respelled,
    screen_batch,
    screen_plan,
)
from orderkit.files.arrow_rows import column_name
from orderkit.templates.mapper import header_positions
from orderkit.templates.template import FieldSpec

if TYPE_CHECKING:
    import polars as pl

__all__ = ["FrameScreen", "screen_frame", "screen_keys"]


@attrs.frozen
class FrameScreen:
    """Which rows of a frame the engine must check."""

    positions: Sequence[int]
    """Frame positions of the rows for the engine, in frame order."""
    clean: pl.DataFrame
    """The key (:data:`orderkit.engine.screening.KEY`) and ``_position`` of each row
    screened clean."""
    plan: ScreenPlan

    def joining(self, keys: Iterable[tuple[str, str]]) -> list[int]:
        """Positions of clean rows whose order key is one of the engine's ``keys``
        (``(platform, order number)`` as the engine read them): rows the screen and the
        engine read as parts of one order, which must be checked together."""
        import polars as pl

        wanted = pl.Series([python_key(p, n, self.plan) for p, n in keys], dtype=pl.String)
        found: list[int] = self.clean.filter(pl.col(KEY).is_in(wanted.implode()))[
            "_position"
        ].to_list()
        return found


def screen_frame(
    frame: Any,
    names: Sequence[str],
    specs: Mapping[str, FieldSpec],
    *,
    encoding: str | None,
    catalogue: Catalogue | None,
) -> FrameScreen | None:
    """Screen ``frame`` (a pyarrow Table or RecordBatch, a polars or a pandas DataFrame) whose
    column ``i`` holds the seller column ``names[i]``; ``None`` when the screen cannot
    stand in for the engine's reading (a column it reads is not text, or the template
    has a pattern or joined columns, or there is a catalogue)."""
    planned = _planned(frame, names, specs, encoding=encoding, catalogue=catalogue)
    if planned is None:
        return None
    plan, texts = planned
    screen = screen_batch(texts, plan)
    return FrameScreen(screen.engine_rows, screen.clean, plan)


def _planned(
    frame: Any,
    names: Sequence[str],
    specs: Mapping[str, FieldSpec],
    *,
    encoding: str | None,
    catalogue: Catalogue | None,
) -> tuple[ScreenPlan, pl.DataFrame] | None:
    """The screen's plan for ``specs`` and the text columns it reads, or ``None``."""
    plan = screen_plan(specs, header_positions(names), encoding=encoding, catalogue=catalogue)
    if plan is None:
        return None
    texts = _text_columns(frame, plan.read)
    return None if texts is None else (plan, texts)


def screen_keys(
    frame: Any, names: Sequence[str], specs: Mapping[str, FieldSpec], rows: Sequence[int]
) -> tuple[list[str], list[int]] | None:
    """Each row's order key as text to partition by (``"platform\\x1fnumber"``, or
    ``"\\x1e"`` and the row's number in ``rows`` for a row without an order number), read
    over columns; and the positions of the rows whose key only the mapper's reading gives
    (their keys here are placeholders). ``specs`` are the fields that give the key
    (:func:`orderkit.engine.stream_source.key_fields`): a row is blank when all their
    columns are. ``None`` when those columns are not all text or the template reads them
    with a pattern or joined."""
    import polars as pl

    planned = _planned(frame, names, specs, encoding=None, catalogue=None)
    if planned is None:
        return None
    plan, texts = planned
    work = read_values(texts, plan)
    number = pl.col("order_number")
    slow = pl.col("_odd") | number.str.contains("[^\\x00-\\x7F]") | respelled(work, plan)
    keyed = work.select(
        pl.when(pl.col("_blank") | (number == ""))
        .then(pl.lit(None, pl.String))
        .otherwise(pl.concat_str([pl.col("platform"), pl.lit("\x1f"), number]))
        .alias("key"),
        slow.alias("slow"),
    )
    keys: list[str] = [
        key if key is not None else f"\x1e{row}"
        for key, row in zip(keyed["key"].to_list(), rows, strict=True)
    ]
    return keys, keyed["slow"].arg_true().to_list()


def _text_columns(frame: Any, read: Sequence[int]) -> pl.DataFrame | None:
    """The columns at ``read`` as a polars frame named ``A``, ``B``, … by position;
    ``None`` unless each is text (or wholly empty)."""
    import polars as pl

    module = type(frame).__module__.split(".")[0]
    if module == "pandas":
        frame = _pandas_text(frame, read)
        if frame is None:
            return None
        read = range(len(read))
        module = "pyarrow"
    if module == "pyarrow":
        import pyarrow as pa

        columns = {column_name(c): frame.column(c) for c in read}
        text = (pa.types.is_string, pa.types.is_large_string, pa.types.is_null)
        if not all(any(is_kind(c.type) for is_kind in text) for c in columns.values()):
            return None
        table = pa.table({name: _as_string(column) for name, column in columns.items()})
        converted = pl.from_arrow(table)
        assert isinstance(converted, pl.DataFrame)
        return converted
    if module == "polars" and isinstance(frame, pl.DataFrame):
        selected = {column_name(c): frame.to_series(c) for c in read}
        if not all(s.dtype in (pl.String, pl.Null) for s in selected.values()):
            return None
        return pl.DataFrame([s.cast(pl.String).alias(n) for n, s in selected.items()])
    return None


def _pandas_text(frame: Any, read: Sequence[int]) -> Any:
    """The columns at ``read`` of a pandas frame as an Arrow table, or ``None`` unless each
    holds only text and empty cells (None, NaN, NA): a column of numbers, dates, bytes or
    a mix is read by the engine, which shows them as a spreadsheet does."""
    import pyarrow as pa

    arrays = []
    for c in read:
        try:
            array = pa.array(frame.iloc[:, c], from_pandas=True)
        except (pa.ArrowException, OverflowError, TypeError, ValueError):
            return None  # not text Arrow can hold: numbers too large, mixed kinds, …
        text = (pa.types.is_string, pa.types.is_large_string, pa.types.is_null)
        if not any(is_kind(array.type) for is_kind in text):
            return None
        arrays.append(array)
    return pa.table(arrays, names=[f"c{n}" for n in range(len(arrays))])


def _as_string(column: Any) -> Any:
    import pyarrow as pa

    return column.cast(pa.string()) if not pa.types.is_string(column.type) else column

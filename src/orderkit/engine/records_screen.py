"""Screening records before :func:`orderkit.validate_records` checks them.

Records of text (dicts whose values are all text or ``None``, or a polars, pandas or
Arrow frame of text columns; whole numbers too, in fields whose rules read a number as its
digits) are screened over their columns as a file's rows are
(:mod:`orderkit.engine.screening`): each canonical field is a column read as it is, and the
``platform`` and ``brand`` arguments fill the cells records leave empty, as
:func:`orderkit.files.table.with_defaults` does. The engine checks only the records of
orders that may have something to report (and blank records: a record is a row even with
nothing in it); the orders screened clean are only counted.

Anything the screen cannot read exactly as :func:`orderkit.files.table.table_from_records`
does — a fraction, a date, a boolean, a phone number given as a number, a key that is no
field, a platform or brand argument the engine would spell another way — leaves the
records to the engine, whole.

polars is imported when a function here is called.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, Final

import attrs

from orderkit.engine.screening import KEY, ScreenPlan, plain_constant, python_key, screen_batch
from orderkit.files.arrow_rows import column_name
from orderkit.files.table import RECORD_FIELDS

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "NUMBER_SENSITIVE",
    "RecordsScreen",
    "record_texts",
    "records_plan",
    "screen_records",
]

_TEXT_OR_NONE: Final = frozenset({str, type(None)})
_TEXT_OR_WHOLE: Final = _TEXT_OR_NONE | {int}
NUMBER_SENSITIVE: Final = frozenset({"phone"})
"""Fields whose rules read a value that came from a number otherwise than the same text (a
phone number cell lost its leading 0): a whole number there is the engine's to read."""
_DICT: Final = {dict}


@attrs.frozen
class RecordsScreen:
    """Which records the engine must check."""

    length: int
    """How many records were screened."""
    engine_rows: Sequence[int]
    """Positions of the records for the engine, in order: every record not screened clean."""
    clean: pl.DataFrame
    """The key (:data:`orderkit.engine.screening.KEY`) and ``_position`` of each record
    screened clean."""
    clean_keys: pl.DataFrame
    """The key of each order screened clean, one row per order."""
    plan: ScreenPlan

    def joining(self, keys: Iterable[tuple[str, str]]) -> list[int]:
        """Positions of clean records whose order key is one of the engine's ``keys``
        (``(platform, order number)`` as the engine read them): records the screen and the
        engine read as parts of one order, which must be checked together."""
        import polars as pl

        found: list[int] = self.clean.filter(pl.col(KEY).is_in(self._keys(keys).implode()))[
            "_position"
        ].to_list()
        return found

    def clean_orders(self, keys: Iterable[tuple[str, str]]) -> int:
        """How many orders screened clean are none of the engine's ``keys``."""
        import polars as pl

        wanted = self._keys(keys)
        if not wanted.len():
            return self.clean_keys.height
        return self.clean_keys.filter(~pl.col(KEY).is_in(wanted.implode())).height

    def _keys(self, keys: Iterable[tuple[str, str]]) -> pl.Series:
        import polars as pl

        return pl.Series([python_key(p, n, self.plan) for p, n in keys], dtype=pl.String)


def screen_records(
    records: object, *, platform: str | None, brand: str | None
) -> RecordsScreen | None:
    """Screen ``records`` (a list of dicts, or a polars, pandas or Arrow frame); ``None``
    when the screen cannot read them exactly as the engine does (see the module)."""
    try:
        texts = record_texts(records)
    except ImportError:
        return None  # polars (or pyarrow, for a pandas frame) is not installed: the engine's
    if texts is None:
        return None
    import polars as pl

    names, frame = texts
    plan = records_plan(names, platform=platform, brand=brand)
    if plan is None:
        return None
    screen = screen_batch(frame, plan)
    # The screen leaves blank rows out (no row of a sheet); a blank record is one: checked.
    everything = pl.int_range(0, frame.height, dtype=pl.UInt32, eager=True)
    clean = screen.clean["_position"].implode()
    engine_rows: list[int] = everything.filter(~everything.is_in(clean)).to_list()
    return RecordsScreen(frame.height, engine_rows, screen.clean, screen.clean_keys, plan)


def records_plan(
    names: Sequence[str], *, platform: str | None, brand: str | None
) -> ScreenPlan | None:
    """The plan that reads field ``names[i]`` from column ``i``; ``platform`` and ``brand``
    fill empty cells (a whole column when records have none). ``None`` when one of those
    arguments is not what the engine's rules see as it is."""
    columns = {name: (position,) for position, name in enumerate(names)}
    defaults: dict[str, str] = {}
    constants: dict[str, str] = {}
    for field, given in (("platform", platform), ("brand", brand)):
        if not given:
            continue  # an empty argument fills nothing (with_defaults)
        if not plain_constant(field, given):
            return None
        (defaults if field in columns else constants)[field] = given
    return ScreenPlan(columns, {}, defaults, constants, tuple(range(len(names))), None)


def record_texts(records: object) -> tuple[list[str], pl.DataFrame] | None:
    """The field names of ``records`` and their values as a polars frame of text columns
    named ``A``, ``B``, … (:func:`~orderkit.files.arrow_rows.column_name`; null: empty), or
    ``None`` unless there are records, every key is a field and every value text, empty or
    a whole number read as its digits."""
    if isinstance(records, list):
        try:
            return _dict_texts(records)
        except UnicodeEncodeError:
            return None  # a lone surrogate: no polars text holds it, the engine reads it
    module = type(records).__module__.split(".")[0]
    if module == "polars":
        return _polars_texts(records)
    if module == "pyarrow":
        return _arrow_texts(records)
    if module == "pandas":
        return _pandas_texts(records)
    return None


def _dict_texts(records: list[Mapping[str, Any]]) -> tuple[list[str], pl.DataFrame] | None:
    """Text columns of a list of dicts whose values are all exactly ``str`` or ``None``, or
    ``int`` in a field whose value the rules read alike from a number (a subclass of
    ``str`` may read otherwise, and polars would write any number as text)."""
    import polars as pl

    if not records or set(map(type, records)) != _DICT:
        return None
    values: Iterable[object] = chain.from_iterable(map(dict.values, records))  # type: ignore[arg-type]
    kinds = set(map(type, values))
    if not kinds <= _TEXT_OR_WHOLE:
        return None
    keys: set[Any] = set().union(*records)
    if not keys or not keys <= RECORD_FIELDS:
        return None
    names = sorted(keys)
    whole = _whole_numbers(records, names) if int in kinds else {}
    if whole is None:
        return None
    # A record without a key is a null there: an empty cell, as table_from_records has it.
    texts = [name for name in names if name not in whole]
    frame = pl.from_dicts(records, schema=dict.fromkeys(texts, pl.String)) if texts else None
    columns = [whole[n] if frame is None or n in whole else frame[n] for n in names]
    return names, pl.DataFrame([c.alias(column_name(p)) for p, c in enumerate(columns)])


def _whole_numbers(
    records: list[Mapping[str, Any]], names: Sequence[str]
) -> dict[str, pl.Series] | None:
    """The columns of ``names`` that hold an ``int``, each value as the engine reads it
    (``str(value)``); ``None`` when such a column is one a number reads otherwise in."""
    import polars as pl

    columns = {}
    for name in names:
        column = [record.get(name) for record in records]
        if int not in set(map(type, column)):
            continue
        if name in NUMBER_SENSITIVE:
            return None
        texts = [str(value) if type(value) is int else value for value in column]
        columns[name] = pl.Series(name, texts, dtype=pl.String)
    return columns


def _text_frame(
    names: Sequence[Any], columns: Sequence[pl.Series]
) -> tuple[list[str], pl.DataFrame] | None:
    import polars as pl

    if not names or not all(isinstance(name, str) and name in RECORD_FIELDS for name in names):
        return None
    if len(set(names)) != len(names) or not columns or not columns[0].len():
        return None
    texts = []
    for position, column in enumerate(columns):
        name = column_name(position)
        if column.dtype in (pl.String, pl.Null):
            texts.append(column.cast(pl.String).alias(name))
        elif column.dtype.is_integer() and names[position] not in NUMBER_SENSITIVE:
            # Whole numbers are read as their digits, as the engine reads each one.
            texts.append(column.cast(pl.String).alias(name))
        elif column.null_count() == column.len():
            # Nothing in any cell (a column of missing numbers or dates): empty text.
            texts.append(pl.repeat(None, column.len(), dtype=pl.String, eager=True).alias(name))
        else:
            return None
    return list(names), pl.DataFrame(texts)


def _polars_texts(records: Any) -> tuple[list[str], pl.DataFrame] | None:
    import polars as pl

    if not isinstance(records, pl.DataFrame):
        return None
    return _text_frame(records.columns, records.get_columns())


def _arrow_texts(records: Any) -> tuple[list[str], pl.DataFrame] | None:
    import pyarrow as pa

    if not isinstance(records, pa.Table | pa.RecordBatch):
        return None
    columns = []
    for column in records.columns:
        converted = _text_series(column)
        if converted is None:
            return None
        columns.append(converted)
    return _text_frame(list(records.column_names), columns)


def _pandas_texts(records: Any) -> tuple[list[str], pl.DataFrame] | None:
    """Text columns of a pandas frame whose columns hold only text and empty cells (None,
    NaN, NaT, NA), as Arrow reads them; a column of numbers, dates, bytes or a mix is the
    engine's."""
    import pandas as pd
    import pyarrow as pa

    if not isinstance(records, pd.DataFrame):
        return None
    names = list(records.columns)
    if len(set(names)) != len(names):
        return None
    columns = []
    for position in range(len(names)):
        try:
            array = pa.array(records.iloc[:, position], from_pandas=True)
        except (pa.ArrowException, OverflowError, TypeError, ValueError):
            return None  # not text Arrow can hold: numbers too large, mixed kinds, …
        converted = _text_series(array)
        if converted is None:
            return None
        columns.append(converted)
    return _text_frame(names, columns)


def _text_series(column: Any) -> pl.Series | None:
    """An Arrow column of text or whole numbers as a polars series (a column with nothing
    in any cell as empty text); ``None`` for any other kind."""
    import polars as pl
    import pyarrow as pa

    kinds = (pa.types.is_string, pa.types.is_large_string, pa.types.is_null, pa.types.is_integer)
    if column.null_count == len(column):
        column = pa.nulls(len(column), pa.string())  # nothing in any cell: empty text
    elif not any(is_kind(column.type) for is_kind in kinds):
        return None
    converted = pl.from_arrow(column)
    assert isinstance(converted, pl.Series)
    return converted

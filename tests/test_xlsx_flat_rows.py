"""Cells kept flat behave as the rows they stand for: every row, slice and column, and a
sheet over them reads exactly as a sheet over lists of rows."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any
from unicodedata import is_normalized

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.files.flat_rows import FlatRows
from orderkit.files.sheet import Sheet, fast_texts

_cell = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["", "  x ", "서울 ", "e\u0301", "\u0301", "Å", "\u212b", "\x00", "\u3000a"]),
    st.none(),
    st.integers(-(10**17), 10**17),
    st.floats(allow_nan=False),
    st.booleans(),
    st.just(dt.datetime(2026, 11, 26, 9, 30)),
)


@st.composite
def _placed(draw: st.DrawFn) -> tuple[FlatRows, list[list[Any]]]:
    """Flat rows and the lists of rows the reader would have made of the same cells."""
    width = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(_cell, min_size=width, max_size=width), max_size=8))
    top, left = draw(st.integers(0, 3)), draw(st.integers(0, 2))
    flat = FlatRows([v for row in rows for v in row], width).placed(top, left)
    lists = [[] for _ in range(top)] + [[None] * left + row for row in rows]
    return flat, lists


def _old_column(rows: list[list[Any]], column: int, start: int) -> list[Any]:
    return [row[column] if column < len(row) else "" for row in rows[start:]]


@given(_placed())
def test_flat_rows_are_the_rows_they_stand_for(case: tuple[FlatRows, list[list[Any]]]) -> None:
    flat, rows = case
    assert len(flat) == len(rows)
    assert list(flat) == rows
    assert flat == rows
    assert [flat[i] for i in range(-len(rows), len(rows))] == rows + rows
    assert flat[1:] == rows[1:]
    assert flat[::-2] == rows[::-2]
    for index in (len(rows), -len(rows) - 1):
        with pytest.raises(IndexError):
            flat[index]
    widest = max(map(len, rows), default=0)
    for column in range(widest + 2):
        for start in range(len(rows) + 2):
            assert flat.column(column, start) == _old_column(rows, column, start)
    assert pickle.loads(pickle.dumps(flat)) == rows


@given(_placed())
def test_a_sheet_over_flat_rows_reads_as_one_over_lists(
    case: tuple[FlatRows, list[list[Any]]],
) -> None:
    flat, rows = case
    over_flat, over_lists = Sheet("s", flat), Sheet("s", rows)
    assert over_flat == over_lists
    assert over_flat.rows == over_lists.rows
    assert over_flat.kinds == over_lists.kinds
    for column in range(max(map(len, rows), default=0) + 1):
        for start in range(len(rows) + 1):
            assert over_flat.column(column, start) == over_lists.column(column, start)


def _per_value(values: list[Any]) -> tuple[list[Any], list[int]]:
    """``fast_texts`` as it was: value by value."""
    texts: list[Any] = [
        v.strip() if v.__class__ is str and (v.isascii() or is_normalized("NFC", v)) else None
        for v in values
    ]
    return texts, [p for p, t in enumerate(texts) if t is None]


@given(st.lists(_cell, max_size=12))
def test_a_whole_column_of_text_is_judged_as_each_text_alone(values: list[Any]) -> None:
    assert fast_texts(values) == _per_value(values)


@given(st.lists(st.text(max_size=5), max_size=12))
def test_a_column_of_nothing_but_text_is_judged_as_each_text_alone(values: list[str]) -> None:
    assert fast_texts(values) == _per_value(values)


def test_cells_that_do_not_fill_their_rows_are_refused() -> None:
    with pytest.raises(ValueError, match="fill"):
        FlatRows(["a", "b", "c"], 2)
    with pytest.raises(ValueError, match="fill"):
        FlatRows([], 0)

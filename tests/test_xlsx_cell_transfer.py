"""The cells the forked reader sends back arrive exactly as it read them, and what a
corrupted reader could send instead is refused, never taken as cells."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.files import cell_transfer
from orderkit.files.cell_transfer import pack_cells, unpack_cells

from .hostile_files import write_zip, xlsx_parts

_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " a ", "\x00", "a\x00b", "서울", "e\u0301"]),
    st.none(),
    st.booleans(),
    st.integers(-(2**60), 2**60),
    st.floats(allow_nan=False),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.timedeltas(),
)


@st.composite
def _rows(draw: st.DrawFn) -> list[list[Any]]:
    width = draw(st.integers(0, 5))
    rows = draw(st.lists(st.lists(_cell, min_size=width, max_size=width), max_size=30))
    if rows and draw(st.booleans()) and draw(st.booleans()):
        rows[-1] = rows[-1] + ["ragged"]
    return rows


@given(_rows())
def test_cells_arrive_as_they_were_read(rows: list[list[Any]]) -> None:
    sent = pickle.loads(pickle.dumps(pack_cells([list(row) for row in rows])))
    arrived = unpack_cells(sent)
    assert arrived == rows
    assert [[type(v) for v in row] for row in arrived] == [[type(v) for v in row] for row in rows]


def test_many_rows_travel_in_blocks_each_packed_on_its_own(monkeypatch: Any) -> None:
    monkeypatch.setattr(cell_transfer, "_BLOCK_CELLS", 6)
    rows = [[f"r{r}c{c}" for c in range(3)] for r in range(10)]
    rows[4][1] = "holds \x00 the separator"
    rows[7][2] = 7.5
    packed = pack_cells([list(row) for row in rows])
    assert not isinstance(packed, list)
    width, blocks = packed
    assert (width, len(blocks)) == (3, 5)
    assert blocks[2] == [rows[4], rows[5]]  # the block with the separator, as it was
    assert unpack_cells(packed) == rows


def test_packing_releases_the_rows_it_packed() -> None:
    rows = [["a", "b"], ["c", "d"]]
    pack_cells(rows)
    assert rows == []


@pytest.mark.parametrize(
    "sent",
    [
        (0, []),
        ("2", []),
        (2, "blocks"),
        (2, [(1, "a\x00b\x00c", ())]),  # three cells for a row of two
        (2, [(1, "a\x00b", ((5, 1.0),))]),  # a cell outside its rows
        (2, [(1, "a\x00b", ((-1, 1.0),))]),
        (2, [(10**12, "a\x00b", ())]),  # a count no text backs
        (2, [(1, b"a\x00b", ())]),
    ],
)
def test_what_no_reader_packs_is_refused(sent: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        unpack_cells(sent)


def test_a_sheet_of_numbers_dates_and_text_reads_the_same_isolated_or_not(
    tmp_path: Path,
) -> None:
    rows: list[list[Any]] = [
        ["주문번호", "수량", "날짜", "메모"],
        ["A-1", 2, dt.datetime(2026, 11, 26, 9, 30), "  앞뒤 공백  "],
        ["A-2", 1.5, dt.date(2026, 1, 2), None],
        ["A-3", True, None, "e\u0301"],
    ]
    path = write_zip(tmp_path / "mixed.xlsx", xlsx_parts(rows))
    isolated = orderkit.read_sheet(path)
    in_process = orderkit.read_sheet(path, limits=orderkit.Limits(isolate=False))
    assert isolated.cells == in_process.cells
    assert isolated == in_process

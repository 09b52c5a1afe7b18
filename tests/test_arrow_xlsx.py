"""A worksheet as Arrow shows exactly the texts and kinds of cell of today's Sheet."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.files.arrow_xlsx import read_xlsx_table
from orderkit.files.reader import read_sheet
from orderkit.files.safety import Limits
from orderkit.files.sheet import CellKind
from orderkit.model.errors import FileTooLarge, UnreadableFile

from .hostile_files import with_sheet_data, write_zip

pytest.importorskip("pyarrow")

_LIMITS = Limits(isolate=False)

_TEXT = st.lists(
    st.sampled_from(["a", "가", "\u1100\u1161", " ", "\u3000", "\n", "\t", "１", "😀",
                     "0", "010", "e\u0301", "\x85", "=1+1"]),
    max_size=5,
).map("".join)  # fmt: skip
_CELL = st.one_of(
    st.none(),
    _TEXT,
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(dt.date(1901, 1, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1901, 1, 1), dt.datetime(2100, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    st.sampled_from([2**53 - 1, 2**53, 10**15 + 0.5, 0.1 + 0.2, 1e-7, -0.0, 1012345678]),
)


def _workbook(rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, even when it looks like a formula
    path = Path(tempfile.mkdtemp()) / "orders.xlsx"
    book.save(path)
    return path


def _rows_of(table: Any) -> tuple[tuple[str, ...], ...]:
    rows = []
    for record in table.to_pylist():
        cells = list(record.values())
        while cells and not cells[-1]:
            cells.pop()
        rows.append(tuple(cells))
    return tuple(rows)


def _same_as_sheet(path: Path) -> None:
    try:
        sheet = read_sheet(path, limits=_LIMITS)
    except UnreadableFile as exc:
        with pytest.raises(type(exc), match="no cells"):
            read_xlsx_table(path, limits=_LIMITS)
        return
    table = read_xlsx_table(path, limits=_LIMITS)
    assert table.name == sheet.name
    assert _rows_of(table.cells) == sheet.rows
    kinds = {
        (row, ord(column) - 65): CellKind(kind)
        for row, column, kind in zip(*table.kinds.to_pydict().values(), strict=True)
    }
    assert kinds == sheet.kinds
    for column in table.cells.column_names:
        assert table.numbers(column) == {
            r: k for (r, c), k in sheet.kinds.items() if c == ord(column) - 65
        }


@given(rows=st.lists(st.lists(_CELL, max_size=6), min_size=1, max_size=8))
def test_openpyxl_written_cells_read_the_same_as_the_sheet(rows: list[list[Any]]) -> None:
    _same_as_sheet(_workbook(rows))


@given(
    cached=st.lists(
        st.sampled_from(
            ['<c r="{at}"><f>1+1</f><v>2</v></c>',
             '<c r="{at}" t="str"><f>"0"&amp;"10"</f><v>010</v></c>',
             '<c r="{at}" t="b"><f>TRUE()</f><v>1</v></c>',
             '<c r="{at}"><f>2^60</f><v>1.152921504606847E+18</v></c>',
             '<c r="{at}" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
             '<c r="{at}"><f>A1</f></c>']
        ),
        min_size=1, max_size=6,
    )
)  # fmt: skip
def test_formulas_show_their_cached_values_as_the_sheet_does(cached: list[str]) -> None:
    cells = "".join(cell.format(at=f"{chr(65 + c)}2") for c, cell in enumerate(cached))
    parts = with_sheet_data(f'<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>'
                            f'<row r="2">{cells}</row>')  # fmt: skip
    _same_as_sheet(write_zip(Path(tempfile.mkdtemp()) / "formulas.xlsx", parts))


def test_number_cells_are_told_apart_from_text() -> None:
    path = _workbook([["전화", "우편번호", "주문번호"], [1012345678, "04524", 2**60]])
    table = read_xlsx_table(path, limits=_LIMITS)
    assert table.cells.to_pylist()[1] == {
        "A": "1012345678", "B": "04524", "C": "1152921504606846976"
    }  # fmt: skip
    assert table.numbers("A") == {1: CellKind.NUMBER}
    assert table.numbers("B") == {}
    assert table.numbers("C") == {1: CellKind.INEXACT}


def test_a_cell_beyond_the_limit_is_refused() -> None:
    path = _workbook([["주문번호"], ["x" * 50]])
    with pytest.raises(FileTooLarge, match="row 2, column 1"):
        read_xlsx_table(path, limits=Limits(isolate=False, cell_length=40))

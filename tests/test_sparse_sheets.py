"""A few cells far apart inside every limit: refused before any reader holds the rectangle
they span (issue 11, red-team round two, item 1)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.files.xlsxfast import FastSheet
from orderkit.files.xlsxscan import PartScan, Role
from orderkit.model.columns import column_letters

from .hostile_files import inline, with_sheet_data, write_zip
from .sheets import STANDARD_HEADER, standard_row

# A generous bound that proves the minutes-long read is gone, not a speed assert.
AT_ONCE = 10.0


def _cells(row: int, values: list[object]) -> str:
    cells = "".join(
        f'<c r="{column_letters(c)}{row}" t="inlineStr">{inline(str(v))}</c>'
        for c, v in enumerate(values, start=1)
        if v not in (None, "")
    )
    return f'<row r="{row}">{cells}</row>'


def orders_with(tmp_path: Path, stray: str, *, name: str = "stray.xlsx") -> Path:
    """The standard header, one order, and ``stray`` (raw sheet XML) after them."""
    data = _cells(1, list(STANDARD_HEADER)) + _cells(2, standard_row()) + stray
    return write_zip(tmp_path / name, with_sheet_data(data))


def refusal(path: Path) -> orderkit.FileTooLarge:
    started = time.perf_counter()
    with pytest.raises(orderkit.FileTooLarge) as caught:
        orderkit.validate_file(path, "standard", platform="수기")
    assert time.perf_counter() - started < AT_ONCE
    korean = caught.value.localized("ko")
    assert re.search("[가-힣]", korean)
    assert korean != str(caught.value)
    return caught.value


FAR = {
    # The red-team's three files: 21 s / 650 MiB, 7.8 s / 1.2 GiB and 4.5 s / 1.2 GiB before.
    "below, last column of the data": ('<row r="1048576"><c r="N1048576"><v>1</v></c></row>',
                                       "N1048576", "below the data, which ends at row 2"),
    "below and right": ('<row r="1000000"><c r="AD1000000"><v>1</v></c></row>',
                        "AD1000000", "below the data, which ends at row 2"),
    "far right": ('<row r="1831"><c r="XFD1831"><v>1</v></c></row>',
                  "XFD1831", "right of the data, which ends at column N"),
    # Written so that the fast patterns hand the part to the XML parser: the same refusal.
    "single quotes": ("<row r='1048576'><c r='N1048576'><v>1</v></c></row>",
                      "N1048576", "below the data, which ends at row 2"),
    # A cell with no reference sits in column A of its row.
    "implied position": ('<row r="1048576"><c><v>1</v></c></row>',
                         "A1048576", "below the data, which ends at row 2"),
}  # fmt: skip


@pytest.mark.parametrize("case", FAR)
def test_a_stray_cell_far_from_the_data_is_refused_naming_it(tmp_path: Path, case: str) -> None:
    stray, cell, where = FAR[case]
    error = refusal(orders_with(tmp_path, stray))
    assert f"a cell at {cell} far {where}" in str(error)
    assert "delete the stray cell" in str(error)
    assert f"{cell} 셀이" in error.localized("ko")
    assert "지우고 다시 저장하세요" in error.localized("ko")


def test_the_read_sheet_call_refuses_it_too(tmp_path: Path) -> None:
    path = orders_with(tmp_path, '<row r="1048576"><c r="N1048576"><v>1</v></c></row>')
    with pytest.raises(orderkit.FileTooLarge, match="N1048576"):
        orderkit.read_sheet(path)


def test_several_stray_cells_in_one_row_are_counted(tmp_path: Path) -> None:
    stray = _cells(900_000, ["x", "y", "z"])
    error = refusal(orders_with(tmp_path, stray))
    assert "a cell at A900000 (and 2 more in that row) far below" in str(error)
    assert "2개 더" in error.localized("ko")


def test_a_sheet_with_a_gap_inside_the_bounds_is_still_read(tmp_path: Path) -> None:
    # 60,000 rows × 14 columns (840,000 cells) is read whatever fills it: the rows keep
    # their Excel numbers.
    path = orders_with(tmp_path, _cells(60_000, standard_row("A-2")))
    sheet = orderkit.read_sheet(path)
    assert len(sheet) == 60_000
    report = orderkit.validate_file(path, "standard", platform="수기")
    assert report.counts.rows == 2


def test_a_dense_large_sheet_is_not_refused(tmp_path: Path) -> None:
    # 2 columns × 600,000 rows filled in every other row: 1.2M cells spanned, 600,000
    # present — dense enough, read as it is.
    rows = (
        "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 600_001, 2))
        + '<row r="600000"><c r="B600000"><v>1</v></c></row>'
    )
    path = write_zip(tmp_path / "dense.xlsx", with_sheet_data(rows))
    assert len(orderkit.read_sheet(path)) == 600_000


@given(
    st.lists(
        st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_both_scanners_count_the_same_cells_and_reach(
    cells: list[tuple[int, int, bool]],
) -> None:
    # The byte patterns and the XML parser judge a sheet alike: how many cells, how far.
    typed_attribute = ' t="n"'
    xml = "".join(
        f'<row r="{row}"><c r="{column_letters(column)}{row}"{typed_attribute * typed}>'
        "<v>1</v></c></row>"
        for row, column, typed in cells
    ).encode()
    fast, parsed = FastSheet(), PartScan(Role.SHEET, len(xml), 30_000_000)
    for scan in (fast, parsed):
        scan.feed(b"<worksheet><sheetData>" + xml + b"</sheetData></worksheet>")
        scan.close()
    assert not fast.fallback
    assert fast.cells == parsed.cells == len(cells)
    assert (fast.cell_extent.rows, fast.cell_extent.columns) == (
        max(row for row, _, _ in cells),
        max(column for _, column, _ in cells),
    )
    assert (parsed.cell_extent.rows, parsed.cell_extent.columns) == (
        fast.cell_extent.rows,
        fast.cell_extent.columns,
    )


def test_the_bound_is_a_limit_the_caller_may_raise(tmp_path: Path) -> None:
    # 80,000 rows × 14 columns (1.12M cells) holding 29: refused by default, read when
    # the caller says such sheets are expected.
    path = orders_with(tmp_path, '<row r="80000"><c r="A80000"><v>1</v></c></row>')
    with pytest.raises(orderkit.FileTooLarge, match="A80000"):
        orderkit.read_sheet(path)
    sheet = orderkit.read_sheet(path, limits=orderkit.Limits(sparse_area=2_000_000))
    assert len(sheet) == 80_000

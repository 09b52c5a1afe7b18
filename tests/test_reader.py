"""Reading xlsx and CSV files as text, without losing information."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.files.sheet import CellKind

from .sheets import write_csv, write_xlsx


def test_number_cells_read_as_the_text_a_person_sees(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "n.xlsx", [["a", "b", "c", "d", "e"], [12345, 12345.0, 1.5, 0.1 + 0.2, -7]]
    )
    sheet = orderkit.read_sheet(path)
    assert sheet.rows[1] == ("12345", "12345", "1.5", "0.3", "-7")
    assert all(sheet.kind(1, c) is CellKind.NUMBER for c in range(5))
    assert sheet.kind(0, 0) is CellKind.TEXT


def test_a_number_too_large_to_be_exact_is_marked_not_rounded_silently(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", [["n"], [2**53 + 1], [2**53 - 1]])
    sheet = orderkit.read_sheet(path)
    assert sheet.kind(1, 0) is CellKind.INEXACT
    assert sheet.kind(2, 0) is CellKind.NUMBER
    assert sheet.rows[2] == (str(2**53 - 1),)


def test_text_cells_keep_leading_zeros_and_formula_looking_text(tmp_path: Path) -> None:
    cells = ["04524", "010-1234-5678", "+81-90-1234-5678", '=HYPERLINK("x")', "00012"]
    sheet = orderkit.read_sheet(write_xlsx(tmp_path / "t.xlsx", [cells]))
    assert sheet.rows[0] == tuple(cells)


def test_dates_and_booleans_become_text(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [[date(2026, 1, 2), datetime(2026, 1, 2, 3, 4), True]])
    assert orderkit.read_sheet(path).rows[0] == ("2026-01-02", "2026-01-02 03:04:00", "TRUE")


def test_row_numbers_are_excels_with_title_and_blank_rows_above(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [["주문 목록"], [], ["a", "b"], ["1", "2"]])
    sheet = orderkit.read_sheet(path)
    assert sheet.rows[0] == ("주문 목록",)
    assert sheet.rows[1] == ()
    assert sheet.rows[3] == ("1", "2")
    assert list(sheet.data_rows(2)) == [(3, ("1", "2"))]


def test_sheets_are_chosen_by_name_or_number(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first["A1"] = "first"
    workbook.create_sheet("둘째")["A1"] = "second"
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    assert orderkit.read_sheet(path).rows == (("first",),)
    assert orderkit.read_sheet(path, sheet="둘째").rows == (("second",),)
    assert orderkit.read_sheet(path, sheet=1).rows == (("second",),)
    with pytest.raises(orderkit.UnreadableFile, match="no sheet named 'x'"):
        orderkit.read_sheet(path, sheet="x")


# CSV ------------------------------------------------------------------------------------------

ROWS = [
    ["주문번호", "수취인명", "주소"],
    ["A-1", "홍길동", "서울특별시 중구 세종대로 110 (태평로1가)"],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_csv_in_utf8_with_or_without_bom_and_in_cp949(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "o.csv", ROWS, encoding=encoding)
    sheet = orderkit.read_sheet(path)
    assert [list(r) for r in sheet.rows] == ROWS
    assert sheet.format == "csv"


def test_cp949_bytes_are_real_cp949(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", ROWS, encoding="cp949")
    raw = path.read_bytes()
    assert "홍길동".encode("cp949") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_bytes_that_fit_no_encoding_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes("a,b\n홍,길동\n".encode() + b"x,\xff\xfe\xff\n")
    with pytest.raises(orderkit.UnreadableFile, match="line 3") as caught:
        orderkit.read_sheet(path)
    assert "3번째 줄" in caught.value.localized("ko")


def test_a_utf8_bom_file_with_bad_bytes_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + "a\n".encode("cp949") + "홍길동\n".encode("cp949"))
    with pytest.raises(orderkit.UnreadableFile, match="line 2"):
        orderkit.read_sheet(path)


def test_csv_cells_are_all_text(tmp_path: Path) -> None:
    sheet = orderkit.read_sheet(write_csv(tmp_path / "o.csv", [["04524", "12345.0", "1,000"]]))
    assert sheet.rows[0] == ("04524", "12345.0", "1,000")
    assert sheet.kinds == {}


# file type from the first bytes -------------------------------------------------------------


def test_a_csv_named_xlsx_is_read_as_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orders.xlsx", ROWS)
    assert orderkit.read_sheet(path).format == "csv"


def test_an_xlsx_named_csv_is_read_as_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "orders.csv", ROWS)
    sheet = orderkit.read_sheet(path)
    assert sheet.format == "xlsx"
    assert [list(r) for r in sheet.rows] == ROWS


def test_an_html_table_named_xls_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "orders.xls"
    path.write_text("<html><body><table><tr><td>주문번호</td></tr></table></body></html>")
    with pytest.raises(orderkit.UnreadableFile, match="HTML") as caught:
        orderkit.read_sheet(path)
    assert ".xlsx" in caught.value.localized("ko")


def test_a_broken_zip_is_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(orderkit.UnreadableFile, match="not a readable Excel"):
        orderkit.read_sheet(path)


def test_a_missing_file_is_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(orderkit.UnreadableFile, match="cannot open"):
        orderkit.read_sheet(tmp_path / "nope.xlsx")


# the reference reader -------------------------------------------------------------------------


def test_openpyxl_runs_with_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


cell_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12),
    st.integers(-(10**12), 10**12),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda f: round(f, 4)),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(st.lists(st.lists(cell_values, min_size=1, max_size=5), min_size=1, max_size=6))
def test_calamine_and_openpyxl_read_the_same_text(tmp_path: Path, rows: list[list[object]]) -> None:
    path = write_xlsx(tmp_path / "same.xlsx", rows)
    if not any(str(v).strip() for row in rows for v in row if v is not None):
        for engine in ("calamine", "openpyxl"):
            with pytest.raises(orderkit.EmptyFile):
                orderkit.read_sheet(path, engine=engine)  # type: ignore[arg-type]
        return
    fast = orderkit.read_sheet(path)
    reference = orderkit.read_sheet(path, engine="openpyxl")
    assert fast.rows == reference.rows
    assert fast.kinds == reference.kinds

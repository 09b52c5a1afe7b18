"""The head of a sheet: its first rows exactly as the full read shows them, read without
parsing the rest."""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.files.reader import read_sheet
from orderkit.files.safety import Limits
from orderkit.files.sheet import Sheet
from orderkit.files.xlsx_head import read_head
from orderkit.model.errors import UnreadableFile
from orderkit.templates.mapper import map_sheet
from orderkit.templates.mismatch import TemplateMismatch

from .hostile_files import MAIN_NS, inline, with_sheet_data, write_zip
from .sheets import STANDARD_HEADER

_LIMITS = Limits(isolate=False)

_TEXT = st.lists(
    st.sampled_from(["a", "가", "\u1100\u1161", " ", "\u3000", "\r", "\n", "\t", "_x000D_",
                     "_x", "１", "😀", "0", "&", "<", '"']),
    max_size=6,
).map("".join)  # fmt: skip
_CELL = st.one_of(
    st.none(),
    _TEXT,
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.sampled_from([2**53, 2**53 + 1, 10**15, 0.1 + 0.2, 1e-7, -0.0, 12345.0]),
)
_ROWS = st.lists(st.lists(_CELL, max_size=6), min_size=1, max_size=8)


def _shared_workbook(rows: list[list[Any]]) -> Path:
    """Text in shared strings, as Excel writes it (openpyxl writes inline strings): some
    items in rich-text runs, some with a phonetic reading calamine leaves out."""
    strings: list[str] = []
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            at = f"{chr(65 + c)}{r}"
            if value is None:
                continue
            if isinstance(value, bool):
                cells.append(f'<c r="{at}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, str):
                strings.append(value)
                cells.append(f'<c r="{at}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                cells.append(f'<c r="{at}"><v>{value!r}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    items = []
    for n, text in enumerate(strings):
        body = _xml(text)
        if n % 3 == 1:
            half = len(text) // 2
            body = f"<r><t>{_xml(text[:half])}</t></r><r><rPr/><t>{_xml(text[half:])}</t></r>"
        elif n % 3 == 2:
            body = f'<t>{body}</t><rPh sb="0" eb="1"><t>ふりがな</t></rPh>'
        else:
            body = f'<t xml:space="preserve">{body}</t>'
        items.append(f"<si>{body}</si>")
    parts = with_sheet_data("".join(xml_rows))
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{MAIN_NS}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        f"{''.join(items)}</sst>"
    ).encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        b"</Relationships>",
    )
    return write_zip(Path(tempfile.mkdtemp()) / "shared.xlsx", parts)


def _xml(text: str) -> str:
    return escape(text).replace("\r", "&#13;")


def _workbook(rows: list[list[Any]], *, shared: bool, formulas: bool = False) -> Path:
    if shared:
        return _shared_workbook(rows)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "주문"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            sheet.cell(row=r, column=c, value=value)
    if formulas:
        sheet.cell(row=len(rows) + 1, column=1, value="=1+1")
    path = Path(tempfile.mkdtemp()) / "orders.xlsx"
    book.save(path)
    return path


def _first(sheet: Sheet, rows: int) -> tuple[tuple[tuple[str, ...], ...], dict[Any, Any]]:
    texts = tuple(sheet.row(index)[0] for index in range(rows))
    kinds = {(r, c): k for (r, c), k in sheet.kinds.items() if r < rows}
    return texts, kinds


@given(rows=_ROWS, shared=st.booleans(), depth=st.integers(1, 8))
def test_the_head_shows_what_the_full_read_shows(
    rows: list[list[Any]], shared: bool, depth: int
) -> None:
    path = _workbook(rows, shared=shared, formulas=True)
    try:
        full = read_sheet(path, limits=_LIMITS)
    except UnreadableFile:
        return  # an empty sheet: the full read refuses it, whatever the head says
    head = read_head(path, None, depth)
    if head is None:
        # Only a carriage return written as it is (expat reads it as a line feed, calamine
        # keeps it) sends the head to the full read here.
        assert any("\r" in str(cell) for row in rows for cell in row)
        return
    assert _first(head, depth) == _first(full, depth)


def test_dates_are_left_to_the_full_read() -> None:
    path = _workbook([["주문일", dt.date(2026, 11, 26)]], shared=False)
    assert read_head(path, None, 5) is None
    assert read_sheet(path, limits=_LIMITS).rows[0] == ("주문일", "2026-11-26")


def test_sheets_are_chosen_as_the_full_read_chooses_them(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "안내"
    first.append(["이 파일은 주문서입니다"])
    book.create_sheet("주문").append(["주문번호", "수량"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    for choice in (None, 0, 1, "주문", "안내"):
        head = read_head(path, choice, 3)
        assert head is not None
        full = read_sheet(path, sheet=choice, limits=_LIMITS)
        assert (head.name, head.rows) == (full.name, full.rows)
    assert read_head(path, 2, 3) is None
    assert read_head(path, "없음", 3) is None


def _broken_below(header: list[str], good_rows: int) -> Path:
    cells = "".join(f'<c r="{chr(65 + c)}1" t="inlineStr">{inline(h)}</c>'
                    for c, h in enumerate(header))  # fmt: skip
    body = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr">'
        f"{inline('x' * 200)}</c></row>"
        for r in range(2, good_rows + 2)
    )
    # Well past the head: a row that is not XML at all, then no end to the document.
    broken = f'<row r="{good_rows + 2}"><c r="A{good_rows + 2}"><v>1</v></row><c <<'
    parts = with_sheet_data(f'<row r="1">{cells}</row>{body}{broken}')
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].split(b"</sheetData>")[0]
    return write_zip(Path(tempfile.mkdtemp()) / "broken-below.xlsx", parts)


def test_a_wrong_header_is_refused_without_parsing_the_rows_below() -> None:
    # About 2.5 MB of sheet XML whose end is broken: the full read refuses the file as
    # broken, while the head alone already tells that the template does not fit.
    path = _broken_below(["order", "name"], 10_000)
    with pytest.raises(UnreadableFile, match="not a readable Excel workbook"):
        read_sheet(path, limits=_LIMITS)
    head = read_head(path, None, 30)
    assert head is not None
    assert head.rows[0] == ("order", "name")
    assert head.rows[1][:1] == ("2",)
    assert len(head) == 30
    with pytest.raises(TemplateMismatch) as refused:
        map_sheet(head, orderkit.standard_template(), platform="-")
    assert {p.code for p in refused.value.problems} == {"missing_column"}


def test_a_fitting_header_maps_from_the_head() -> None:
    path = _broken_below(STANDARD_HEADER, 50)
    head = read_head(path, None, 30)
    assert head is not None
    mapped = map_sheet(head, orderkit.standard_template(), platform="-")
    assert mapped.header_index == 0


def test_shared_strings_are_read_only_as_far_as_the_head_needs(tmp_path: Path) -> None:
    path = _workbook([["주문번호", "수량"], ["A-1", 1]], shared=True)

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    strings = parts["xl/sharedStrings.xml"]
    # A broken string after the ones the header uses: the full read refuses the file.
    parts["xl/sharedStrings.xml"] = strings.replace(b"</sst>", b"<si><t>broken</si></sst>")
    broken = write_zip(tmp_path / "strings.xlsx", parts)
    head = read_head(broken, None, 1)
    assert head is not None
    assert head.rows == (("주문번호", "수량"),)


def test_what_is_not_an_xlsx_has_no_head(tmp_path: Path) -> None:
    csv_file = tmp_path / "orders.csv"
    csv_file.write_text("주문번호\n1\n", encoding="utf-8")
    assert read_head(csv_file) is None
    assert read_head(tmp_path / "missing.xlsx") is None
    bomb = with_sheet_data("", extra="<!DOCTYPE x [<!ENTITY a 'b'>]>")
    assert read_head(write_zip(tmp_path / "dtd.xlsx", bomb)) is None


def _bad_string_below(header: list[str], rows: int) -> Path:
    """Well-formed XML the safety scan passes, whose last cell names a shared string that
    does not exist: python-calamine refuses the workbook, but only once it reads that far."""
    cells = "".join(f'<c r="{chr(65 + c)}1" t="inlineStr">{inline(h)}</c>'
                    for c, h in enumerate(header))  # fmt: skip
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, rows))
    bad = f'<row r="{rows}"><c r="A{rows}" t="s"><v>99999</v></c></row>'
    parts = with_sheet_data(f'<row r="1">{cells}</row>{body}{bad}')
    return write_zip(Path(tempfile.mkdtemp()) / "bad-string-below.xlsx", parts)


def test_validate_and_upload_refuse_a_wrong_header_from_the_head(tmp_path: Path) -> None:
    # The full read would call this workbook broken; after the safety scan the engine asks
    # the head first, so the seller hears what is wrong for them: the columns.
    path = _bad_string_below(["order", "name"], 500)
    with pytest.raises(UnreadableFile, match="not a readable Excel workbook"):
        read_sheet(path)
    with pytest.raises(TemplateMismatch) as validated:
        orderkit.validate_file(path, "standard", platform="수기", locale="en")
    assert {p.code for p in validated.value.problems} == {"missing_column"}
    assert validated.value.problems[0].message.startswith("The file has no column")
    with orderkit.open_store(tmp_path / "s.db") as store, pytest.raises(TemplateMismatch):
        orderkit.upload_file(path, store, template="standard", platform="수기")


def test_the_safety_scan_still_comes_before_the_head() -> None:
    # Broken XML is refused by the scan, whatever its first rows show.
    path = _broken_below(["order", "name"], 10_000)
    with pytest.raises(UnreadableFile, match="not a readable Excel workbook"):
        orderkit.validate_file(path, "standard", platform="수기", limits=_LIMITS)

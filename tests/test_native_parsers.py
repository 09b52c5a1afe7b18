"""Tiny workbooks that used to abort or panic the native reader: each is refused with
orderkit's own error within seconds, and the test process lives on (issue 11, items 1-2)."""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.files.safety import Limits

from .hostile_files import (
    biff_cells,
    biff_workbook,
    inline,
    ods_parts,
    record,
    with_sheet_data,
    write_zip,
    xls_file,
    xlsb_parts,
    xlsx_parts,
)

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
FAR = 'r="XFD1048576"'
BOTH = [Limits(), Limits(isolate=False)]


def refused(path: Path, error: type[orderkit.UnreadableFile], limits: Limits | None = None) -> str:
    """The English message of ``error``, raised within a few seconds, with a Korean one."""
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        orderkit.read_sheet(path, limits=limits)
    assert time.perf_counter() - start < 10
    message = caught.value.localized("ko")
    assert message != str(caught.value)
    assert re.search("[가-힣]", message)
    return str(caught.value)


def far_sheet(cell: str) -> dict[str, bytes]:
    return with_sheet_data(f'<row r="1"><c r="A1" t="inlineStr">{inline("주문번호")}</c></row>'
                           f"<row r=\"1048576\">{cell}</row>")  # fmt: skip


# item 1: every spelling of a far reference -----------------------------------------------------

SPELLINGS = {
    "single quotes": "<c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c>",
    "leading zeros": '<c r="XFD0001048576" t="inlineStr"><is><t>x</t></is></c>',
    "lower case": '<c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c>',
    "mixed case, zeros": '<c r="xFd00000001048576"><v>1</v></c>',
    "ten digits": '<c r="B4294967297"><v>1</v></c>',
    "tab after <c": '<c\tr="XFD1048576"><v>1</v></c>',
    "newline after <c": '<c\nt="n"\nr="XFD1048576"><v>1</v></c>',
    "spaces around =": '<c r = "XFD1048576" ><v>1</v></c>',
    "reference not first": '<c s="0" t="n" r="XFD1048576"><v>1</v></c>',
    "one column past Excel's": '<c r="XFE2"><v>1</v></c>',
    "a row past Excel's": '<c r="A1048577"><v>1</v></c>',
}


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_far_cell_in_any_spelling_is_refused_before_reading(
    tmp_path: Path, spelling: str
) -> None:
    path = write_zip(tmp_path / "far.xlsx", far_sheet(SPELLINGS[spelling]))
    for limits in BOTH:
        assert "rows ×" in refused(path, orderkit.FileTooLarge, limits)


def test_a_namespace_prefix_does_not_hide_a_cell(tmp_path: Path) -> None:
    parts = with_sheet_data(f'<x:row r="1"><x:c {FAR}><x:v>1</x:v></x:c></x:row>', prefix="x")
    refused(write_zip(tmp_path / "prefix.xlsx", parts), orderkit.FileTooLarge)


def test_a_prefix_nobody_declared_is_a_broken_workbook(tmp_path: Path) -> None:
    parts = with_sheet_data(f'<row r="1"><y:c {FAR}><v>1</v></y:c></row>')
    refused(write_zip(tmp_path / "undeclared.xlsx", parts), orderkit.UnreadableFile)


def test_cells_without_references_count_from_the_previous_one(tmp_path: Path) -> None:
    wide = "<row>" + "<c/>" * 16_385 + "</row>"
    refused(write_zip(tmp_path / "wide.xlsx", with_sheet_data(wide)), orderkit.FileTooLarge)
    # Rows without a reference follow the previous row.
    deep = '<row r="1048576"><c><v>1</v></c></row><row><c><v>1</v></c></row>'
    refused(write_zip(tmp_path / "deep.xlsx", with_sheet_data(deep)), orderkit.FileTooLarge)
    # Within the limits, implied positions read where calamine puts them.
    fine = f'<row><c t="inlineStr">{inline("a")}</c><c/><c t="inlineStr">{inline("b")}</c></row>'
    sheet = orderkit.read_sheet(write_zip(tmp_path / "fine.xlsx", with_sheet_data(fine)))
    assert sheet.rows == (("a", "", "b"),)


@fixture_ok
@given(
    column=st.integers(16_385, 10**6),
    row=st.integers(1, 1_048_576),
    zeros=st.integers(0, 6),
    lower=st.booleans(),
    quote=st.sampled_from(["'", '"']),
    gap=st.sampled_from([" ", "\t", "\n", "\r\n "]),
)
def test_any_column_past_the_limit_is_refused_however_written(
    tmp_path: Path, column: int, row: int, zeros: int, lower: bool, quote: str, gap: str
) -> None:
    letters = ""
    number = column
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    reference = (letters.lower() if lower else letters) + "0" * zeros + str(row)
    cell = f"<c{gap}r{gap}={gap}{quote}{reference}{quote}><v>1</v></c>"
    path = write_zip(tmp_path / "h.xlsx", with_sheet_data(f"<row>{cell}</row>"))
    with pytest.raises(orderkit.FileTooLarge):
        orderkit.read_sheet(path, limits=Limits(isolate=False))


def test_a_sheet_stored_anywhere_is_found_through_the_relationships(tmp_path: Path) -> None:
    parts = far_sheet(f"<c {FAR}><v>1</v></c>")
    parts["xl/data/orders.bin.xml"] = parts.pop("xl/worksheets/sheet1.xml")
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"/xl/worksheets/sheet1.xml", b"data/orders.bin.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"/xl/worksheets/sheet1.xml", b"/xl/data/orders.bin.xml"
    )
    path = write_zip(tmp_path / "elsewhere.xlsx", parts)
    refused(path, orderkit.FileTooLarge)
    # The same place with an ordinary sheet is read.
    good = xlsx_parts([["주문번호"], ["A-1"]])
    good["xl/data/orders.bin.xml"] = good.pop("xl/worksheets/sheet1.xml")
    good[rels] = good[rels].replace(b"/xl/worksheets/sheet1.xml", b"data/orders.bin.xml")
    sheet = orderkit.read_sheet(write_zip(tmp_path / "good.xlsx", good))
    assert sheet.rows == (("주문번호",), ("A-1",))


@pytest.mark.parametrize("count", ["2147483648", "99999999999999999999", " 4000000 "])
def test_a_shared_string_count_no_file_that_size_can_hold_is_refused(
    tmp_path: Path, count: str
) -> None:
    parts = xlsx_parts([["주문번호"], ["A-1"]])
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{MAIN}" count="2" uniqueCount="{count}"><si><t>a</t></si></sst>'
    ).encode()
    message = refused(write_zip(tmp_path / "sst.xlsx", parts), orderkit.UnsafeFile)
    assert "uniqueCount" in message


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_style_counts_are_bounded_by_the_part(tmp_path: Path) -> None:
    parts = xlsx_parts([["주문번호"]])
    parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(
        b'<cellXfs count="', b'<cellXfs count="900000000" was="'
    )
    refused(write_zip(tmp_path / "styles.xlsx", parts), orderkit.UnsafeFile)


@pytest.mark.parametrize(
    "dimension", ["A1:XFD1048576", "A1:xfd1048576", " A1 : XFD0001048576 ", "XFD1048576"]
)
def test_a_dimension_hint_past_the_limits_is_refused(tmp_path: Path, dimension: str) -> None:
    parts = with_sheet_data(
        '<row r="1"><c r="A1"><v>1</v></c></row>', extra=f'<dimension ref="{dimension}"/>'
    )
    refused(write_zip(tmp_path / "dimension.xlsx", parts), orderkit.FileTooLarge)


def test_data_far_from_a1_keeps_excels_row_and_column_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["C5"], sheet["D6"] = "주문번호", "A-1"
    book.save(tmp_path / "offset.xlsx")
    for limits in BOTH:
        read = orderkit.read_sheet(tmp_path / "offset.xlsx", limits=limits)
        assert read.cell(4, 2) == "주문번호"
        assert read.cell(5, 3) == "A-1"
        assert read.rows[:4] == ((), (), (), ())


# item 1: legacy and other formats ---------------------------------------------------------------

HEADER = [(0, 0, "주문번호"), (0, 1, "수량"), (1, 0, "A-1"), (1, 1, 3)]


def test_an_ordinary_xls_is_read(tmp_path: Path) -> None:
    for name, rows in (
        ("small", HEADER),
        ("large", [*HEADER, *((r, 0, f"A-{r}") for r in range(2, 400))]),
    ):
        path = xls_file(
            tmp_path / f"{name}.xls", biff_workbook(biff_cells(rows), dimensions=(400, 2))
        )
        sheet = orderkit.read_sheet(path)
        assert sheet.rows[:2] == (("주문번호", "수량"), ("A-1", "3"))


@pytest.mark.parametrize(
    ("label", "records", "dimensions"),
    [
        ("DIMENSIONS to the last row and column", b"", (1_048_576, 16_384)),
        ("DIMENSIONS past Excel's rows", b"", (70_000_000, 2)),
        ("a cell at column 65,535", biff_cells([(0, 65_535, 1)]), (1, 1)),
        ("a cell at row 65,535, column 1,000", biff_cells([(65_535, 1000, "x")]), (1, 1)),
        ("MULBLANK reaching column 60,000",
         record(0x00BE, struct.pack("<HHHHH", 0, 0, 15, 15, 60_000)), (1, 1)),
        ("ROW spanning 40,000 columns",
         record(0x0208, struct.pack("<HHHHHHI", 5, 0, 40_000, 0, 0, 0, 0)), (1, 1)),
    ],
)  # fmt: skip
def test_an_xls_reaching_too_far_is_refused(
    tmp_path: Path, label: str, records: bytes, dimensions: tuple[int, int]
) -> None:
    stream = biff_workbook(biff_cells(HEADER) + records, dimensions=dimensions)
    refused(xls_file(tmp_path / "far.xls", stream), orderkit.FileTooLarge)


def test_an_xls_string_count_its_bytes_cannot_hold_is_refused(tmp_path: Path) -> None:
    sst = record(0x00FC, struct.pack("<II", 2**31, 2**31))
    stream = biff_workbook(biff_cells(HEADER), dimensions=(2, 2))
    stream = stream.replace(record(0x000A, b""), sst + record(0x000A, b""), 1)
    refused(xls_file(tmp_path / "sst.xls", stream), orderkit.UnsafeFile)


@pytest.mark.parametrize("cut", [1, 3, 7, 20])
def test_truncated_biff_records_are_a_broken_workbook(tmp_path: Path, cut: int) -> None:
    stream = biff_workbook(biff_cells(HEADER), dimensions=(2, 2))
    message = refused(xls_file(tmp_path / "cut.xls", stream[:-cut]), orderkit.UnreadableFile)
    assert "save it again" in message


@pytest.mark.parametrize(("rows", "columns"), [(99_000, 1_000), (1, 16_384), (1_048_576, 1)])
def test_an_ods_is_refused_with_what_to_do(tmp_path: Path, rows: int, columns: int) -> None:
    path = write_zip(tmp_path / "orders.ods", ods_parts(rows, columns))
    message = refused(path, orderkit.UnreadableFile)
    assert ".ods" in message
    assert ".xlsx" in message


@pytest.mark.parametrize("relationship", ["rId1", "rId404", ""])
def test_an_xlsb_is_refused_with_what_to_do(tmp_path: Path, relationship: str) -> None:
    for name in ("orders.xlsb", "orders.xlsx"):
        message = refused(
            write_zip(tmp_path / name, xlsb_parts(relationship)), orderkit.UnreadableFile
        )
        assert ".xlsb" in message
        assert ".xlsx" in message


# item 2: panics and crashes --------------------------------------------------------------------


def duration_cell(value: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["A2"] = "주문번호", 1.0
    sheet["A2"].number_format = "[h]:mm:ss"
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name].replace(b"<v>1</v>", f"<v>{value}</v>".encode())
    return parts  # type: ignore[return-value]


@pytest.mark.parametrize("value", ["-1e300", "1e300", "-1.7976931348623157e308"])
@pytest.mark.parametrize("limits", BOTH, ids=["isolated", "in-process"])
def test_a_panic_in_the_reader_is_an_unreadable_file(
    tmp_path: Path, value: str, limits: Limits
) -> None:
    path = write_zip(tmp_path / "duration.xlsx", duration_cell(value))  # type: ignore[arg-type]
    refused(path, orderkit.UnreadableFile, limits)


def test_a_reader_that_aborts_takes_only_its_child_down(tmp_path: Path) -> None:
    # With the pre-read bound lifted, calamine tries to allocate 17 billion cells and
    # aborts; the child dies of it, the caller gets an error that says so.
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["XFD1048576"] = "주문번호", "x"
    book.save(tmp_path / "abort.xlsx")
    lifted = Limits(
        rows=10**8, columns=10**6, cells=10**15, sparse_area=10**15, reader_memory=1 << 30
    )
    message = refused(tmp_path / "abort.xlsx", orderkit.UnreadableFile, lifted)
    assert "memory" in message


def test_validate_file_gives_the_same_error_as_read_sheet(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "far.xlsx", far_sheet(SPELLINGS["lower case"]))
    with pytest.raises(orderkit.FileTooLarge):
        orderkit.validate_file(path, "standard", platform="P")


def test_hostile_cases_are_refused_through_every_entry_point(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "far.xlsx", far_sheet(SPELLINGS["single quotes"]))
    calls: list[Callable[[], object]] = [
        lambda: orderkit.read_sheet(path),
        lambda: orderkit.validate_file(path, "standard", platform="P"),
        lambda: orderkit.suggest_template(path),
    ]
    for call in calls:
        with pytest.raises(orderkit.FileTooLarge):
            call()


# the fast path and the parser agree ------------------------------------------------------------

_letters = st.integers(1, 20_000).map(lambda n: "".join(chr(65 + d) for d in _digits26(n)))


def _digits26(number: int) -> list[int]:
    out: list[int] = []
    while number:
        number, rest = divmod(number - 1, 26)
        out.insert(0, rest)
    return out


@st.composite
def sheet_xml(draw: st.DrawFn) -> str:
    """Sheet XML written mostly as spreadsheet programs write it, sometimes otherwise."""
    rows = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        row_number = draw(st.integers(1, 2_000_000))
        cells = []
        for _ in range(draw(st.integers(0, 4))):
            letters, digits = draw(_letters), str(draw(st.integers(1, 2_000_000)))
            reference = letters + digits
            form = draw(st.sampled_from(["plain"] * 6 + ["lower", "zeros", "late", "none",
                                                         "single", "tab", "prefix"]))  # fmt: skip
            cells.append({
                "plain": f'<c r="{reference}"><v>1</v></c>',
                "lower": f'<c r="{reference.lower()}"><v>1</v></c>',
                "zeros": f'<c r="{letters}00{digits}"><v>1</v></c>',
                "late": f'<c t="n" r="{reference}"><v>1</v></c>',
                "none": "<c><v>1</v></c>",
                "single": f"<c r='{reference}'/>",
                "tab": f'<c\tr="{reference}"/>',
                "prefix": f'<x:c r="{reference}"/>',
            }[form])  # fmt: skip
        spans = draw(st.sampled_from(["", ' spans="1:3"', ' spans="2:99999999"']))
        opening = draw(st.sampled_from([f'<row r="{row_number}"{spans}>', "<row>"]))
        rows.append(opening + "".join(cells) + "</row>")
        del number
    dimension = draw(st.sampled_from(["", '<dimension ref="A1:C9"/>', '<dimension ref="b2"/>']))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}" xmlns:x="{MAIN}">'
        f"{dimension}<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )


@settings(max_examples=200)
@given(sheet_xml(), st.integers(1, 64))
def test_the_fast_path_never_counts_less_than_the_parser(xml: str, block: int) -> None:
    from orderkit.files.xlsxfast import FastSheet
    from orderkit.files.xlsxscan import PartScan, Role

    data = xml.encode()
    fast, parsed = FastSheet(), PartScan(Role.SHEET, len(data), 10**12)
    for start in range(0, len(data), block):
        fast.feed(data[start : start + block])
    fast.close()
    try:
        parsed.feed(data)
        parsed.close()
    except ValueError:
        # The parser refuses what no program writes: the fast path must have left it to it.
        assert fast.fallback
        return
    if not fast.fallback:
        assert fast.extent.rows >= parsed.extent.rows
        assert fast.extent.columns >= parsed.extent.columns

"""Hostile files are refused fast, with orderkit's own errors, before any parser sees them."""

from __future__ import annotations

import contextlib
import io
import resource
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.files.safety import Limits

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def workbook_bytes(rows: list[list[Any]]) -> dict[str, bytes]:
    """The parts of a real xlsx, to tamper with."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def refused(call: Callable[[], object], error: type[Exception]) -> tuple[float, float]:
    """Assert ``call`` raises ``error``; return the seconds and the MiB of peak memory growth."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        call()
    seconds = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert isinstance(caught.value, orderkit.OrderkitError)
    assert caught.value.localized("ko") != str(caught.value), "a Korean message too"
    return seconds, grown


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    parts = workbook_bytes([["a"]])
    parts["xl/media/bomb.bin"] = b"\0" * (64 << 20)
    path = write_parts(tmp_path / "bomb.xlsx", parts)
    seconds, grown = refused(lambda: orderkit.read_sheet(path), orderkit.UnsafeFile)
    assert seconds < 5
    assert grown < 64


def test_too_much_unpacked_data_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", [["x" * 1000] for _ in range(2000)])
    refused(
        lambda: orderkit.read_sheet(path, limits=Limits(uncompressed_size=1 << 20)),
        orderkit.FileTooLarge,
    )


def test_a_zip_that_lies_about_its_sizes_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", [["주문번호"], ["A-1"]])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Shrink the declared size in the central directory: the part now holds more than it says.
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/worksheets/sheet1.xml"))
    data[central + 24 : central + 28] = (info.file_size // 2).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    refused(lambda: orderkit.read_sheet(path), orderkit.UnreadableFile)


@pytest.mark.parametrize(
    "declaration",
    [
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
        b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        "<!doctype x>".encode("utf-16-le"),
    ],
)
def test_dtds_and_entities_are_refused_in_any_part(tmp_path: Path, declaration: bytes) -> None:
    parts = workbook_bytes([["주문번호"], ["A-1"]])
    name = "xl/worksheets/sheet1.xml"
    parts[name] = declaration + parts[name]
    path = write_parts(tmp_path / "entity.xlsx", parts)
    refused(lambda: orderkit.read_sheet(path), orderkit.UnsafeFile)
    refused(lambda: orderkit.read_sheet(path, engine="openpyxl"), orderkit.UnsafeFile)


def test_a_cell_far_away_is_refused_before_a_reader_fills_the_gap(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "주문번호"
    sheet["XFD1048576"] = "x"
    path = tmp_path / "far.xlsx"
    book.save(path)
    seconds, grown = refused(lambda: orderkit.read_sheet(path), orderkit.FileTooLarge)
    assert seconds < 5
    assert grown < 64


def test_a_password_protected_workbook_is_named_as_such(tmp_path: Path) -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path = tmp_path / "locked.xlsx"
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\0" * 4096)
    with pytest.raises(orderkit.PasswordProtected) as caught:
        orderkit.read_sheet(path)
    assert "암호" in caught.value.localized("ko")


def test_an_html_table_named_xls_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "orders.xls"
    path.write_text("<table><tr><td>주문번호</td></tr></table>")
    refused(lambda: orderkit.read_sheet(path), orderkit.NotASpreadsheet)


def test_limits_on_size_rows_entries_and_cell_length(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(50)]
    xlsx, csv_path = write_xlsx(tmp_path / "o.xlsx", rows), write_csv(tmp_path / "o.csv", rows)
    for path in (xlsx, csv_path):
        refused(lambda p=path: orderkit.read_sheet(p, limits=Limits(file_size=100)),
                orderkit.FileTooLarge)  # fmt: skip
        refused(lambda p=path: orderkit.validate_file(p, "standard", platform="P",
                                                      limits=Limits(rows=10)),
                orderkit.FileTooLarge)  # fmt: skip
    refused(lambda: orderkit.read_sheet(xlsx, limits=Limits(entries=3)), orderkit.UnsafeFile)
    refused(
        lambda: orderkit.validate_file(
            csv_path, "standard", platform="P", keep_orders=False, chunk_rows=5,
            limits=Limits(rows=10),
        ),
        orderkit.FileTooLarge,
    )  # fmt: skip


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_cell_longer_than_excel_allows_is_refused_naming_it(tmp_path: Path, kind: str) -> None:
    def sheet(length: int, name: str) -> Path:
        rows = [STANDARD_HEADER, standard_row("A-1", 배송메세지="LONG")]
        if kind == "csv":
            rows[1][6] = "가" * length
            return write_csv(tmp_path / f"{name}.csv", rows)
        # openpyxl cuts text at Excel's limit when it writes; a hostile file need not.
        parts = workbook_bytes(rows)
        cells = "xl/worksheets/sheet1.xml"
        parts[cells] = parts[cells].replace(b"LONG", ("가" * length).encode())
        return write_parts(tmp_path / f"{name}.xlsx", parts)

    with pytest.raises(orderkit.FileTooLarge, match="row 2, column 7"):
        orderkit.validate_file(sheet(32_768, "long"), "standard", platform="P")
    assert orderkit.validate_file(sheet(32_767, "ok"), "standard", platform="P").ok


# fuzzing ------------------------------------------------------------------------------------------


@fixture_ok
@given(st.binary(max_size=2000), st.sampled_from(["x.xlsx", "x.xls", "x.csv"]))
def test_random_bytes_give_orderkit_errors_or_a_report(
    tmp_path: Path, data: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with contextlib.suppress(orderkit.OrderkitError):
        orderkit.validate_file(path, "standard", platform="P")


@fixture_ok
@given(st.binary(min_size=1, max_size=300), st.integers(0, 5000))
def test_corrupted_workbooks_give_orderkit_errors_or_a_report(
    tmp_path: Path, noise: bytes, where: int
) -> None:
    source = write_xlsx(tmp_path / "good.xlsx", [STANDARD_HEADER, standard_row("A-1")])
    data = bytearray(source.read_bytes())
    at = where % len(data)
    data[at : at + len(noise)] = noise
    path = tmp_path / "bad.xlsx"
    path.write_bytes(bytes(data))
    with contextlib.suppress(orderkit.OrderkitError):
        orderkit.validate_file(path, "standard", platform="P")


hostile_text = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=5),
    st.sampled_from(["=1+1", "+82", "-1", "@x", "\t=2", "\r=3", "_x000D_", "\ufeff", "\u202e"]),
    st.just("가" * 40_000),
)
hostile_cell = st.one_of(st.none(), hostile_text, st.integers(), st.floats(allow_nan=False))


@fixture_ok
@given(st.lists(st.lists(hostile_cell, min_size=14, max_size=14), min_size=1, max_size=6),
       st.integers(1, 3))  # fmt: skip
def test_hostile_sheets_through_the_engine_lose_no_row(
    tmp_path: Path, rows: list[list[Any]], group_size: int
) -> None:
    text_rows = [["" if v is None else str(v) for v in row] for row in rows]
    path = write_csv(tmp_path / "hostile.csv", [STANDARD_HEADER, *text_rows])
    sink = orderkit.MemorySink()
    try:
        result = orderkit.upload_file(
            path, sink, template="standard", platform="P", group_size=group_size, small_limit=0
        )
    except orderkit.OrderkitError:
        assert sink.count() == 0
        return
    committed = sum(len(g.rows) for g in result.groups if g.ok)
    assert result.rows == committed + len(result.failures)
    if not result.failures:
        return  # nothing failed: there is no failure file (NoFailures)
    written = result.write_failure_file(tmp_path / "f.xlsx")
    for row in openpyxl.load_workbook(written).active.iter_rows():  # type: ignore[union-attr]
        assert all(cell.data_type != "f" for cell in row)


def test_a_far_cell_is_found_whatever_the_order_of_its_attributes(tmp_path: Path) -> None:
    import re

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["XFD1048576"] = "주문번호", "x"
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = re.sub(rb'<c r="(\w+)" t="(\w+)"', rb'<c t="\2" r="\1"', parts[name])
    assert b'<c t="' in parts[name]
    path = write_parts(tmp_path / "reordered.xlsx", parts)
    refused(lambda: orderkit.read_sheet(path), orderkit.FileTooLarge)


def test_a_zip_needing_an_unknown_version_is_a_broken_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", [["주문번호"], ["A-1"]])
    data = bytearray(path.read_bytes())
    # "Version needed to extract" 6.4 in the central directory entry of the sheet.
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/worksheets/sheet1.xml"))
    data[central + 6 : central + 8] = (64).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(orderkit.UnreadableFile, match="not a readable Excel"):
        orderkit.read_sheet(path)

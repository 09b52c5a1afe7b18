"""Empty files and files that are no spreadsheet say what they are, before any template
asks for columns (issue 12, item 5)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.cli.app import main

from .hostile_files import compound, write_zip, xlsx_parts
from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def plain_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("orders/readme.txt", "주문서는 따로 보냅니다")
    return path


# (file content or builder, name to save as, words the English message must hold, Korean)
NOT_SHEETS = {
    "png": (PNG + b"\x00" * 64, "orders.xlsx", "PNG image", "PNG 이미지"),
    "jpeg": (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 64,
        "orders.xlsx",
        "JPEG image",
        "JPEG",
    ),
    "gif": (b"GIF89a\x01\x00\x01\x00" + b"\x00" * 32, "orders.csv", "GIF image", "GIF"),
    "pdf": (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "orders.xlsx",
        "PDF document",
        "PDF 문서",
    ),
    "elf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "orders.xls", "program", "실행 파일"),
    "exe": (
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
        "orders.xlsx",
        "Windows program",
        "실행 파일",
    ),
    "gzip": (b"\x1f\x8b\x08\x00" + b"\x00" * 32, "orders.csv", "gzip", "gzip"),
    "sqlite": (b"SQLite format 3\x00" + b"\x00" * 84, "orders.xlsx", "SQLite", "SQLite"),
    "binary": (bytes(range(256)) * 4, "orders.csv", "binary data", "바이너리"),
    "ole doc": (compound({"WordDocument": b"\x00" * 100}), "orders.xls", "Word document", "워드"),
    "hwp": (
        compound({"FileHeader": b"HWP Document File" + b"\x00" * 64}),
        "orders.xls",
        "Hangul",
        "한글",
    ),
}


@pytest.mark.parametrize("kind", NOT_SHEETS)
def test_a_file_that_is_no_spreadsheet_says_what_it_is(tmp_path: Path, kind: str) -> None:
    data, name, english, korean = NOT_SHEETS[kind]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(orderkit.NotASpreadsheet) as caught:
        orderkit.validate_file(path, "standard", platform="P")
    message, message_ko = str(caught.value), caught.value.localized("ko")
    assert english in message
    assert korean in message_ko
    assert ".xlsx or CSV" in message
    assert ".xlsx 또는 CSV" in message_ko
    assert "UTF-8" not in message + message_ko, "no encoding advice for binary junk"


@pytest.mark.parametrize(
    ("build", "english"),
    [(docx, "Word document (.docx)"), (plain_zip, "ZIP archive")],
)
def test_a_zip_that_is_no_workbook_says_what_it_is(tmp_path: Path, build, english: str) -> None:  # type: ignore[no-untyped-def]
    path = build(tmp_path / "orders.xlsx")
    with pytest.raises(orderkit.NotASpreadsheet, match=re.escape(english)):
        orderkit.validate_file(path, "standard", platform="P")


@pytest.mark.parametrize("name", ["orders.xlsx", "orders.xls", "orders.csv", "orders"])
def test_a_zero_byte_file_is_empty_not_a_template_mismatch(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    for keep_orders in (True, False):
        with pytest.raises(orderkit.EmptyFile) as caught:
            orderkit.validate_file(path, "standard", platform="P", keep_orders=keep_orders)
        assert "0 bytes" in str(caught.value)
        assert "비어" in caught.value.localized("ko")


@pytest.mark.parametrize(
    "rows", [[], [[None, ""]], [["   "], [], ["\t"]]], ids=["nothing", "blank cells", "spaces"]
)
def test_a_sheet_without_cells_is_empty(tmp_path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "주문"
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "blank.xlsx")
    csv_path = write_csv(tmp_path / "blank.csv", rows)
    for path in (tmp_path / "blank.xlsx", csv_path):
        # (a CSV of no rows has no bytes either: it is "empty (0 bytes)")
        with pytest.raises(orderkit.EmptyFile, match=r"no cells|0 bytes") as caught:
            orderkit.validate_file(path, "standard", platform="P")
        assert re.search("셀이 하나도 없습니다|비어 있습니다", caught.value.localized("ko"))


def test_whitespace_only_csv_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_bytes(b"\r\n\r\n   \n")
    with pytest.raises(orderkit.EmptyFile):
        orderkit.read_sheet(path)


def test_real_sheets_still_read(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("A-1")]
    for path in (write_xlsx(tmp_path / "o.xlsx", rows), write_csv(tmp_path / "o.csv", rows),
                 write_csv(tmp_path / "c.csv", rows, encoding="cp949")):  # fmt: skip
        assert orderkit.validate_file(path, "standard", platform="P").ok


@fixture_ok
@given(st.text(alphabet=st.characters(codec="cp949", exclude_categories=("Cs", "Cc")),
               min_size=1, max_size=200))  # fmt: skip
def test_text_is_never_taken_for_binary(tmp_path: Path, text: str) -> None:
    for encoding in ("utf-8", "cp949"):
        path = tmp_path / "t.csv"
        path.write_bytes((text + "\n").encode(encoding))
        try:
            orderkit.read_sheet(path)
        except orderkit.NotASpreadsheet as error:
            pytest.fail(f"text read as binary: {error}")
        except orderkit.UnreadableFile:
            pass  # empty, or bytes that fit no encoding: both said as such


@pytest.mark.parametrize("kind", ["png", "pdf", "empty", "no cells"])
def test_the_cli_exits_2_for_files_it_cannot_read(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.xlsx"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "no cells":
        write_zip(path, xlsx_parts([]))
    else:
        path.write_bytes(NOT_SHEETS[kind][0])
    for locale in ("ko", "en"):
        code = main(["validate", str(path), "--template", "standard", "--platform", "P",
                     "--locale", locale])  # fmt: skip
        captured = capsys.readouterr()
        assert code == 2
        assert "missing_column" not in captured.out + captured.err
        assert "Traceback" not in captured.err


def test_the_cli_process_exits_2_for_a_png(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    path.write_bytes(PNG)
    done = subprocess.run(
        [sys.executable, "-m", "orderkit", "validate", str(path), "--template", "standard",
         "--platform", "P", "--locale", "en"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "PNG image" in done.stderr

"""Writing the failure file cannot fail on a name or on text: every sheet name, title and
cell is made acceptable to Excel, and whatever had to change is said in the reason."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.files.failures import REASON_HEADER, FailureFile, FailureRow
from orderkit.files.sheetwriter import EXCEL_CELL_LIMIT, SheetWriter, excel_length, excel_sheet_name

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
SCRIPT = str(Path(sys.executable).with_name("orderkit"))
EXCEL_REFUSES = set(":\\/?*[]")


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *map(str, args)], capture_output=True, text=True, check=False)


def assert_excel_accepts(name: str) -> None:
    assert 1 <= excel_length(name) <= 31
    assert not EXCEL_REFUSES & set(name)
    assert not name.startswith("'")
    assert not name.endswith("'")
    assert name.casefold() != "history"
    assert all(unicodedata.category(c) not in ("Cc", "Cs", "Cn") for c in name)


def opened(path: Path) -> tuple[str, list[list[Any]]]:
    """The sheet name and cells, as openpyxl (a strict XML reader) opens the file."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    return sheet.title, [[c.value for c in row] for row in sheet.iter_rows()]


# names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("[네이버]주문", "(네이버)주문"),
        ("a:b\\c/d?e*f[g]", "a_b_c_d_e_f(g)"),
        ("History", "History_"),
        ("HISTORY", "HISTORY_"),
        ("", "Sheet1"),
        ("\x00\x07\x1b", "Sheet1"),
        ("'따옴표'", "따옴표"),
        ("주문\x07목록\r\n", "주문목록"),
        ("가" * 40, "가" * 31),
        ("😀" * 20, "😀" * 15),
    ],
)
def test_sheet_names_become_names_excel_accepts(name: str, expected: str) -> None:
    assert excel_sheet_name(name) == expected
    assert_excel_accepts(expected)


@given(st.text(max_size=80))
def test_any_name_becomes_a_sheet_name_excel_accepts(name: str) -> None:
    assert_excel_accepts(excel_sheet_name(name))


FILE_NAMES = [
    "[네이버]주문",
    "a:b\\c?d*e[f]",
    "스마트스토어 주문 내역 2026년 11월 26일 오전 배송분 (최종)",
    "bell\x07\x1bname",
    "History",
    "'''",
]


@pytest.mark.parametrize("stem", FILE_NAMES)
def test_any_file_name_gives_a_failure_file_and_the_store_gives_it_again(
    tmp_path: Path, stem: str
) -> None:
    path = write_csv(tmp_path / f"{stem}.csv", [STANDARD_HEADER, standard_row("A", quantity=0)])
    with orderkit.SqliteSink(tmp_path / "o.db") as sink:
        result = orderkit.upload_file(path, sink, template="standard", platform="P")
        out = result.write_failure_file(tmp_path / "f.xlsx")
        assert result.upload_id is not None
        again = sink.failure_file(result.upload_id, tmp_path / "again.xlsx")
    title, cells = opened(out)
    assert title == excel_sheet_name(stem)
    assert_excel_accepts(title)
    assert cells[0][-1] == REASON_HEADER
    assert cells[1][0] == "A"
    assert opened(again) == (title, cells)
    assert orderkit.read_sheet(out).rows == orderkit.read_sheet(again).rows


def test_a_failure_file_stored_by_an_older_version_is_written_again(tmp_path: Path) -> None:
    # What stores held before: one dict per row, and the sheet name as it came.
    stored = {
        "sheet_name": "[쿠팡]:주문*",
        "preamble": [["주문번호", "수량"]],
        "rows": [{"row": 2, "cells": ["A", "0"], "numbers": [1], "reason": "수량 '0'"}],
    }
    out = FailureFile.from_dict(stored).write(tmp_path / "old.xlsx")
    title, cells = opened(out)
    assert title == "(쿠팡)_주문_"
    assert cells == [["주문번호", "수량", REASON_HEADER], ["A", 0, "[원본 2행] 수량 '0'"]]


def test_the_command_line_writes_and_rewrites_a_failure_file_for_a_bracketed_name(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path / "[네이버]주문.csv", [STANDARD_HEADER, standard_row("A", quantity=0)]
    )
    db, out = tmp_path / "o.db", tmp_path / "실패.xlsx"
    upload = run("upload", path, "-t", "standard", "--platform", "P", "--db", db,
                 "--failure-file", out)  # fmt: skip
    assert upload.returncode == 1, upload.stderr
    assert "Traceback" not in upload.stderr
    assert f"실패 파일: {out} (1행)" in upload.stdout
    again = run("failures", "--db", db, "1", "--out", tmp_path / "again.xlsx")
    assert again.returncode == 0, again.stderr
    assert opened(tmp_path / "again.xlsx")[0] == "(네이버)주문"


def test_failures_for_an_upload_that_failed_nothing_says_so_and_writes_nothing(
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", [STANDARD_HEADER, standard_row("A")])
    db, out = tmp_path / "o.db", tmp_path / "none.xlsx"
    assert run("upload", path, "-t", "standard", "--platform", "P", "--db", db).returncode == 0
    korean = run("failures", "--db", db, "1", "--out", out)
    assert (korean.returncode, korean.stderr) == (0, "")
    assert "실패한 행이 없어 실패 파일이 없습니다" in korean.stdout
    english = run("failures", "--db", db, "1", "--out", out, "--locale", "en")
    assert "nothing failed, so there is no failure file" in english.stdout
    assert not out.exists()


# Excel's cell limit -------------------------------------------------------------------------


def write_uncut_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    """An xlsx as other programs write them: openpyxl would cut long cells itself."""
    width = max(map(len, rows))
    with SheetWriter(path, sheet_name="s", columns=width, rows=len(rows)) as sheet:
        for row in rows:
            sheet.row([str(v) for v in row])
    return path


def test_a_csv_cell_over_excels_limit_is_refused_naming_where(tmp_path: Path) -> None:
    # A CSV file is held to a workbook's cell limit in every column: nothing is cut.
    header = [*STANDARD_HEADER, "메모"]
    rows = [header, [*standard_row("A", quantity=0), "가" * 40_000]]
    path = write_csv(tmp_path / "o.csv", rows)
    with pytest.raises(orderkit.FileTooLarge) as refused:
        orderkit.upload_file(path, orderkit.MemorySink(), template="standard", platform="P")
    assert "row 2" in str(refused.value)
    assert "40,000" in str(refused.value)


def test_a_cell_over_excels_limit_is_cut_and_the_reason_says_so(tmp_path: Path) -> None:
    header = [*STANDARD_HEADER, "메모"]
    rows = [header, [*standard_row("A", quantity=0), "가" * 40_000]]
    # Workbooks written by other programs can hold longer cells than Excel allows.
    path = write_uncut_xlsx(tmp_path / "o.xlsx", rows)
    assert len(orderkit.read_sheet(path).cells[1][-1]) == 40_000
    result = orderkit.upload_file(path, orderkit.MemorySink(), template="standard", platform="P")
    out = result.write_failure_file(tmp_path / "f.xlsx")
    cells = orderkit.read_sheet(out).cells[1]
    assert cells[len(STANDARD_HEADER)] == "가" * EXCEL_CELL_LIMIT
    reason = cells[-1]
    assert reason.startswith("[원본 2행] 수량 '0'")
    assert "O ('메모') 셀이 40,000자로" in reason
    assert "32,767자를 넘어 뒤의 7,233자를 잘랐습니다" in reason


def test_the_note_is_in_english_and_counts_as_excel_does(tmp_path: Path) -> None:
    # Characters beyond U+FFFF count twice in Excel: 20,000 of them are 40,000.
    rows = (FailureRow(7, ("A", "😀" * 20_000), (), "bad"),)
    failures = FailureFile("s", (("id", "memo"),), rows, locale="en")
    cells = orderkit.read_sheet(failures.write(tmp_path / "f.xlsx")).cells[1]
    assert cells[1] == "😀" * 16_383
    assert cells[2] == (
        "[uploaded row 7] bad ※ The cell in column B ('memo') held 40,000 characters, more "
        "than the 32,767 an Excel cell holds, so its last 7,233 were cut: check the original "
        "file."
    )


def test_a_title_cell_over_the_limit_is_noted_on_the_first_row(tmp_path: Path) -> None:
    preamble = (("제" * 33_000,), ("주문번호", "메" * 40_000))
    rows = (FailureRow(3, ("A", "x" * 32_768), (), "사유"), FailureRow(4, ("B",), (), "사유"))
    cells = orderkit.read_sheet(FailureFile("s", preamble, rows).write(tmp_path / "f.xlsx")).cells
    assert len(cells[0][0]) == len(cells[1][1]) == len(cells[2][1]) == EXCEL_CELL_LIMIT
    reason = cells[2][2]
    assert reason.startswith("[원본 3행] 사유 ※ 1행 A 셀이 33,000자로")
    assert "※ 2행 B 셀이 40,000자로" in reason
    assert f"※ B ('{'메' * 40}…') 셀이 32,768자로" in reason, "a long header is shortened"
    assert cells[3][2] == "[원본 4행] 사유"


def test_reasons_too_long_for_a_cell_are_cut_keeping_the_start_and_saying_so(
    tmp_path: Path,
) -> None:
    reason = " / ".join(f"문제 {n}" for n in range(10_000))
    rows = (FailureRow(2, ("A",), (), reason),)
    cell = orderkit.read_sheet(FailureFile("s", (("h",),), rows).write(tmp_path / "f.xlsx"))
    text = cell.cells[1][1]
    assert excel_length(text) <= EXCEL_CELL_LIMIT
    assert text.startswith("[원본 2행] 문제 0 / 문제 1")
    assert "자 생략)" in text


# control characters -------------------------------------------------------------------------


@fixture_ok
@given(st.text(st.characters(max_codepoint=0x9F), max_size=12))
def test_control_characters_anywhere_still_give_a_file_excel_opens(
    tmp_path: Path, text: str
) -> None:
    failures = FailureFile(
        f"시트{text}",
        ((f"제목{text}",), ("주문번호", f"메모{text}")),
        (FailureRow(3, ("A", text), (), f"사유{text}"),),
    )
    out = failures.write(tmp_path / "c.xlsx")
    title, _ = opened(out)
    assert_excel_accepts(title)
    cells = orderkit.read_sheet(out).cells
    assert cells[0][0] == f"제목{text}"
    assert cells[2][:2] == ["A", text]
    assert cells[2][2] == f"[원본 3행] 사유{text}"

"""The failure file a seller gets back: rows they can find, one reason column, their own
text byte for byte, bad cells highlighted, readable, and none when nothing failed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.files.failures import REASON_HEADER, FailureRow

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
QUANTITY = STANDARD_HEADER.index("수량")
MESSAGE = STANDARD_HEADER.index("배송메세지")
FAULT_FILL = "FFFFC7CE"


def upload(path: Path, sink: orderkit.Sink, **kwargs: Any) -> orderkit.UploadResult:
    return orderkit.upload_file(path, sink, template="standard", platform="수기", **kwargs)


def values(path: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [[c.value for c in row] for row in sheet.iter_rows()]


def raw_cells(path: Path) -> list[list[Any]]:
    """The cells exactly as calamine reads them: no trimming, no normalising."""
    return [list(row) for row in orderkit.read_sheet(path).cells]


def reasons_of(path: Path) -> list[str]:
    rows = values(path)
    column = rows[0].index(REASON_HEADER)
    return [row[column] for row in rows[1:]]


def many_orders(count: int, bad: set[int], lines: int = 1) -> list[list[Any]]:
    rows: list[list[Any]] = [STANDARD_HEADER]
    for n in range(count):
        for line in range(lines):
            quantity = 0 if n in bad and line == lines - 1 else 1
            rows.append(standard_row(f"O-{n:04d}", sku=f"S-{line}", quantity=quantity))
    return rows


# reasons point at rows of the failure file ---------------------------------------------------


def test_a_reason_names_the_failure_file_row_and_keeps_the_uploaded_one(tmp_path: Path) -> None:
    # 700 orders in groups of 100: the bad order 650 is row 652 of the upload; its group's
    # rows start at row 602, so in the failure file (header + 100 rows) it is row 52.
    path = write_csv(tmp_path / "o.csv", many_orders(700, {650}))
    result = upload(path, orderkit.MemorySink(), group_size=100, small_limit=10)
    out = result.write_failure_file(tmp_path / "f.xlsx")
    rows = values(out)
    assert len(rows) == 101
    reasons = reasons_of(out)
    assert reasons[0] == (
        "[원본 602행] 이 행에는 문제가 없지만 같은 그룹의 52행(원본 652행)에 오류가 있어 "
        "그룹 전체가 실패했습니다. 그 행을 고친 뒤 이 파일을 다시 올리세요."
    )
    assert rows[52 - 1][0] == "O-0650", "row 52 of the failure file is the bad row"
    assert reasons[52 - 2].startswith("[원본 652행] 수량 '0'")


def test_reasons_in_english_say_both_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", many_orders(30, {25, 27}))
    result = upload(path, orderkit.MemorySink(), group_size=10, small_limit=5, locale="en")
    reasons = reasons_of(result.write_failure_file(tmp_path / "f.xlsx"))
    assert reasons[0] == (
        "[uploaded row 22] This row is fine, but row(s) 7, 9 (rows 27, 29 in the uploaded "
        "file) of its group failed, so the whole group failed. Fix those rows and upload "
        "this file again."
    )


def test_a_row_an_order_disagrees_with_is_named_in_the_failure_file(tmp_path: Path) -> None:
    rows = many_orders(8, set())
    rows.append(standard_row("O-0007", sku="S-9", name="다른 사람"))  # row 10, order 7
    path = write_csv(tmp_path / "o.csv", rows)
    result = upload(path, orderkit.MemorySink(), group_size=2, small_limit=1)
    reasons = reasons_of(result.write_failure_file(tmp_path / "f.xlsx"))
    # the failed group holds orders 6 and 7: uploaded rows 8, 9, 10 are rows 2, 3, 4
    assert reasons[2].startswith("[원본 10행] 같은 주문의 3행(원본 9행)과 수취인명 값이 다릅니다")


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_every_message_that_names_rows_is_rewritten(locale: str) -> None:
    from orderkit.files.reasons import RowRewriter
    from orderkit.model.messages import CATALOGUE, render

    rewrite = RowRewriter({603: 5, 605: 7})
    naming = [
        (message_id, message)
        for message_id, message in CATALOGUE.items()
        if message.placeholders(locale) & {"row", "rows", "first_row"}
    ]
    assert {message_id for message_id, _ in naming} >= {"group_failed", "conflicting_rows"}
    for message_id, message in naming:
        params = dict.fromkeys(message.placeholders(locale), "'x' 603행 row 603")
        params |= {"row": "603", "first_row": "603", "rows": "603, 605"}
        text = render(message_id, locale, "quantity", params)
        out = rewrite(message.code, text)
        assert out != text, message_id
        if locale == "ko":
            assert ("5행(원본 603행)" in out) or ("5, 7행(원본 603, 605행)" in out), out
        else:
            assert "in the uploaded file)" in out, out
        assert out.count("603") == text.count("603"), "user text is left alone"
        assert RowRewriter({})(message.code, text) == text, "rows not in the file: unchanged"


def group_failed_rows(reason: str) -> list[tuple[int, int]]:
    found = re.search(r"같은 그룹의 ([0-9, …]+)행(?:\(원본 ([0-9, …]+)행\))?에", reason)
    assert found, reason
    new = [int(n) for n in re.findall(r"[0-9]+", found.group(1))]
    old = [int(n) for n in re.findall(r"[0-9]+", found.group(2) or found.group(1))]
    return list(zip(new, old, strict=True))


@fixture_ok
@given(
    st.lists(st.tuples(st.integers(1, 3), st.booleans()), min_size=2, max_size=30),
    st.integers(1, 5),
)
def test_every_row_a_reason_names_is_that_row_of_the_failure_file(
    tmp_path: Path, shape: list[tuple[int, bool]], group_size: int
) -> None:
    rows: list[list[Any]] = [["주문서"], STANDARD_HEADER]
    for n, (lines, bad) in enumerate(shape):
        for line in range(lines):
            quantity = 0 if bad and line == 0 else 1
            rows.append(standard_row(f"P-{n}", sku=f"S-{line}", quantity=quantity))
    template = {**orderkit.standard_template().to_dict(), "header_row": 2}
    path = write_xlsx(tmp_path / "p.xlsx", rows)
    result = orderkit.upload_file(
        path, orderkit.MemorySink(), template=template, platform="수기", group_size=group_size,
        small_limit=0,
    )  # fmt: skip
    if not result.failures:
        return
    out = result.write_failure_file(tmp_path / "f.xlsx")
    written = values(out)
    origin = {
        n: int(re.match(r"\[원본 ([0-9]+)행\]", row[-1]).group(1))  # type: ignore[union-attr]
        for n, row in enumerate(written[2:], start=3)
    }
    for n, row in enumerate(written[2:], start=3):
        uploaded = rows[origin[n] - 1]
        assert row[: len(STANDARD_HEADER)] == [v if v != "" else None for v in uploaded]
        if "같은 그룹의" not in row[-1]:
            continue
        for new, old in group_failed_rows(row[-1]):
            assert origin[new] == old, "the row named is the uploaded row it says"
            assert "수량 '0'" in written[new - 1][-1], "and it is a row that failed itself"


# exactly one reason column ------------------------------------------------------------------


def test_a_failure_file_uploaded_again_keeps_one_reason_column_with_fresh_reasons(
    tmp_path: Path,
) -> None:
    sink = orderkit.MemorySink()
    path = write_xlsx(tmp_path / "o.xlsx", many_orders(6, {0, 4}))
    result = upload(path, sink, group_size=2, small_limit=1)
    for round_ in range(3):
        path = result.write_failure_file(tmp_path / f"f{round_}.xlsx")
        header = values(path)[0]
        assert header == [*STANDARD_HEADER, REASON_HEADER]
        result = upload(path, sink, group_size=2, small_limit=1)
    reasons = reasons_of(result.write_failure_file(tmp_path / "last.xlsx"))
    # the reasons are this upload's: rows 2-5 of the file just uploaded, and nothing stale
    assert [r.split("]")[0] for r in reasons] == [f"[원본 {n}행" for n in (2, 3, 4, 5)]
    assert all(r.count("[원본") == 1 for r in reasons)


def test_a_reason_column_in_the_middle_is_replaced_where_it_stands(tmp_path: Path) -> None:
    header = [*STANDARD_HEADER[:3], REASON_HEADER, *STANDARD_HEADER[3:], REASON_HEADER]
    row = standard_row("A", quantity=0)
    rows = [header, [*row[:3], "옛 사유", *row[3:], "더 옛 사유"]]
    result = upload(write_xlsx(tmp_path / "o.xlsx", rows), orderkit.MemorySink())
    written = values(result.write_failure_file(tmp_path / "f.xlsx"))
    assert written[0] == [*STANDARD_HEADER[:3], REASON_HEADER, *STANDARD_HEADER[3:]]
    assert written[1][3].startswith("[원본 2행] 수량 '0'")
    assert "옛 사유" not in str(written[1])
    assert written[1][QUANTITY + 1] == 0, "columns right of it keep their order"


@fixture_ok
@given(st.integers(1, 4), st.booleans())
def test_the_reason_column_count_stays_one_however_often_it_comes_back(
    tmp_path: Path, rounds: int, through_store: bool
) -> None:
    db = tmp_path / "p.db"
    db.unlink(missing_ok=True)
    with orderkit.SqliteSink(db) as sink:
        path = write_csv(tmp_path / "p.csv", many_orders(3, {1}))
        for round_ in range(rounds):
            result = upload(path, sink, group_size=1, small_limit=0)
            path = tmp_path / f"p{round_}.xlsx"
            if through_store:
                assert result.upload_id is not None
                sink.failure_file(result.upload_id, path)
            else:
                result.write_failure_file(path)
            assert values(path)[0].count(REASON_HEADER) == 1


# the seller's text comes back byte for byte -------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_leading_tab_and_other_blanks_come_back_as_they_were(tmp_path: Path, kind: str) -> None:
    texts = ["\t=1+1", "  앞뒤 공백  ", "줄\n바꿈", "탭\t가운데", "e\u0301", "CR\r\nLF", " "]
    rows = [STANDARD_HEADER] + [
        standard_row(f"T-{n}", quantity=0, 배송메세지=text) for n, text in enumerate(texts)
    ]
    writer = write_xlsx if kind == "xlsx" else write_csv
    path = writer(tmp_path / f"o.{kind}", rows)
    out = upload(path, orderkit.MemorySink()).write_failure_file(tmp_path / "f.xlsx")
    back = [row[MESSAGE] for row in raw_cells(out)[1:]]
    assert back == [row[MESSAGE] for row in raw_cells(path)[1:]], "exactly what was read"
    if kind == "csv":  # CSV carries every character; openpyxl's own files lose some blanks
        assert back == texts
    assert back[:5] == texts[:5]
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert sheet.cell(2, MESSAGE + 1).value == "\t=1+1"
    assert sheet.cell(2, MESSAGE + 1).data_type == "s", "text, never a live formula"


# Any character an xlsx can hold; Excel's limit is tested elsewhere.
cell_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).filter(
    lambda t: "\ufffe" not in t and "\uffff" not in t
)


@fixture_ok
@given(st.lists(cell_texts, min_size=1, max_size=6))
def test_any_text_survives_the_failure_file_byte_for_byte(tmp_path: Path, texts: list[str]) -> None:
    rows = tuple(FailureRow(n + 2, (t, t), (), "사유") for n, t in enumerate(texts))
    failures = orderkit.FailureFile("s", (("a", "b"),), rows)
    out = failures.write(tmp_path / "any.xlsx")
    back = raw_cells(out)[1:]
    assert [row[:2] for row in back] == [[t, t] for t in texts]
    # A strict XML reader opens it too. openpyxl does not decode Office Open XML's "_x0008_"
    # escapes (Excel and calamine do), so compare only the text that needs none.
    by_openpyxl = [row[0] or "" for row in values(out)[1:]]
    plain = re.compile(r"[\x00-\x08\x0b-\x1f]|_x")
    assert [b for b, t in zip(by_openpyxl, texts, strict=True) if not plain.search(t)] == [
        t for t in texts if not plain.search(t)
    ]


@fixture_ok
@given(st.lists(cell_texts.filter(lambda t: "\x00" not in t), min_size=1, max_size=5))
def test_any_text_of_an_uploaded_csv_comes_back_in_its_failure_file(
    tmp_path: Path, texts: list[str]
) -> None:
    header = [*STANDARD_HEADER, "메모"]
    rows = [header] + [[*standard_row(f"M-{n}", quantity=0), t] for n, t in enumerate(texts)]
    path = write_csv(tmp_path / "m.csv", rows)
    out = upload(path, orderkit.MemorySink()).write_failure_file(tmp_path / "m.xlsx")
    back = raw_cells(out)[1:]
    assert [row[len(STANDARD_HEADER)] for row in back] == texts


@fixture_ok
@given(st.lists(st.floats(-1e307, 1e307), min_size=1, max_size=5))  # what Excel holds
def test_number_cells_come_back_as_the_same_numbers(tmp_path: Path, numbers: list[float]) -> None:
    rows = [["주문번호", "값"]] + [[f"N-{n}", x] for n, x in enumerate(numbers)]
    sheet = orderkit.read_sheet(write_xlsx(tmp_path / "n.xlsx", rows))
    reasons = {n + 2: "사유" for n in range(len(numbers))}
    failures = orderkit.files.failures.failure_file(sheet, 0, reasons)
    back = raw_cells(failures.write(tmp_path / "back.xlsx"))[1:]
    # the numbers as read (openpyxl itself writes 16 digits), to the last bit
    assert [row[1] for row in back] == [row[1] for row in sheet.cells[1:]]


# highlight, widths, titles ------------------------------------------------------------------


def test_the_cells_at_fault_are_highlighted_and_no_others(tmp_path: Path) -> None:
    rows = [
        STANDARD_HEADER,
        standard_row("A", quantity=0, phone="abc"),
        standard_row("B"),
    ]
    result = upload(write_xlsx(tmp_path / "o.xlsx", rows), orderkit.MemorySink())
    sheet = openpyxl.load_workbook(result.write_failure_file(tmp_path / "f.xlsx")).active
    assert sheet is not None
    filled = {
        (cell.row, cell.column)
        for row in sheet.iter_rows()
        for cell in row
        if cell.fill.fgColor.rgb == FAULT_FILL
    }
    phone = STANDARD_HEADER.index("전화번호") + 1
    assert filled == {(2, phone), (2, QUANTITY + 1)}
    assert sheet.cell(1, 1).font.b, "the header is bold"


def test_columns_have_readable_widths(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("A", quantity=0, address="서울특별시 " * 40)]
    result = upload(write_xlsx(tmp_path / "o.xlsx", rows), orderkit.MemorySink())
    sheet = openpyxl.load_workbook(result.write_failure_file(tmp_path / "f.xlsx")).active
    assert sheet is not None
    widths = {letter: d.width for letter, d in sheet.column_dimensions.items()}
    assert widths["A"] >= len("주문번호") * 2
    assert 20 <= widths["E"] <= 50, "a long address is wide, within reason"
    reason = openpyxl.utils.get_column_letter(len(STANDARD_HEADER) + 1)
    assert widths[reason] >= 30
    assert sheet.freeze_panes == "A2", "the header stays in view"


def test_title_rows_come_back_as_written_with_their_merges(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["2026년 11월 주문서 ", None, None, "담당: 김"])
    sheet.merge_cells("A1:C1")
    sheet.append(["수취인 정보"])
    sheet.merge_cells("A2:B2")
    sheet.append(STANDARD_HEADER)
    sheet.append(standard_row("A", quantity=0))
    workbook.save(tmp_path / "o.xlsx")
    template = {**orderkit.standard_template().to_dict(), "header_row": 3}
    result = orderkit.upload_file(
        tmp_path / "o.xlsx", orderkit.MemorySink(), template=template, platform="P"
    )
    out = result.write_failure_file(tmp_path / "f.xlsx")
    back = openpyxl.load_workbook(out).active
    assert back is not None
    assert sorted(str(r) for r in back.merged_cells.ranges) == ["A1:C1", "A2:B2"]
    assert raw_cells(out)[0][:4] == ["2026년 11월 주문서 ", "", "", "담당: 김"]
    # and again, from the failure file itself
    again = orderkit.upload_file(out, orderkit.MemorySink(), template=template, platform="P")
    twice = openpyxl.load_workbook(again.write_failure_file(tmp_path / "g.xlsx")).active
    assert twice is not None
    assert sorted(str(r) for r in twice.merged_cells.ranges) == ["A1:C1", "A2:B2"]


# nothing failed: no failure file ------------------------------------------------------------


def test_no_failure_file_when_nothing_failed(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", many_orders(2, set()))
    with orderkit.SqliteSink(tmp_path / "o.db") as sink:
        result = upload(path, sink)
        assert result.ok
        with pytest.raises(orderkit.NoFailures) as raised:
            result.write_failure_file(tmp_path / "f.xlsx")
        assert "실패한 행이 없어" in raised.value.localized("ko")
        assert result.upload_id is not None
        with pytest.raises(orderkit.NoFailures):
            sink.failure_file(result.upload_id, tmp_path / "f.xlsx")
    assert not (tmp_path / "f.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_write_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", many_orders(1, {0}))
    result = upload(path, orderkit.MemorySink())
    target = tmp_path / "taken"
    target.mkdir()
    with pytest.raises(IsADirectoryError):
        result.write_failure_file(target)
    assert target.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.xlsx", "taken"]

"""What a new user met in a round of trying orderkit from its docs alone.

A row that failed only with its group was printed ``4행 · 주문 A-1 · 주문 · 오류 group_failed``:
the problem is about the whole order, whose number the line already names, so the field
label repeated it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import orderkit
from orderkit.cli.output import problem_line

from .sheets import STANDARD_HEADER, standard_row, write_xlsx
from .test_cli import run


def _group_failed(row: int) -> orderkit.Problem:
    return orderkit.Problem(
        row,
        "order",
        orderkit.Code.GROUP_FAILED,
        orderkit.Severity.ERROR,
        "failed with its group",
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ko", "  4행 · 주문 A-1 · 오류 group_failed: failed with its group"),
        ("en", "  row 4 · order A-1 · error group_failed: failed with its group"),
    ],
)
def test_a_whole_order_problem_names_its_order_once(locale: str, expected: str) -> None:
    assert problem_line(_group_failed(4), locale, order_number="A-1") == expected


def test_a_field_problem_still_names_its_field_after_the_order() -> None:
    problem = orderkit.Problem(
        6, "quantity", orderkit.Code.OUT_OF_RANGE, orderkit.Severity.ERROR, "out of range"
    )
    line = problem_line(problem, "ko", order_number="A-1")
    assert line == "  6행 · 주문 A-1 · 수량 · 오류 out_of_range: out of range"


def test_a_file_problem_without_an_order_keeps_its_label() -> None:
    problem = orderkit.Problem(
        None, "order", orderkit.Code.TOO_MANY_ORDERS, orderkit.Severity.ERROR, "too many"
    )
    assert problem_line(problem, "ko") == "  주문 · 오류 too_many_orders: too many"


def test_verbose_upload_prints_group_failed_rows_without_a_repeated_order(
    tmp_path: Path,
) -> None:
    rows = [STANDARD_HEADER, standard_row("A-1"), standard_row("A-2", quantity=0)]
    sheet = write_xlsx(tmp_path / "orders.xlsx", rows)
    args = ("upload", sheet, "-t", "standard", "--platform", "P", "--db", tmp_path / "o.db")
    result = run(*args, "--verbose", "--locale", "en")
    assert result.returncode == 1
    (line,) = [text for text in result.stdout.splitlines() if "error group_failed" in text]
    assert line.startswith("  row 2 · order A-1 · error group_failed: ")


# docs/files.md: how records differ from a file ----------------------------------------------

FULL = {
    "order_number": "A-1",
    "recipient_name": "홍길동",
    "phone": "010-1234-5678",
    "postal_code": "04524",
    "address": "서울특별시 중구 세종대로 110",
    "sku": "S-1",
    "quantity": "1",
}


def test_a_blank_record_is_checked_as_the_docs_say() -> None:
    report = orderkit.validate_records([FULL, dict.fromkeys(FULL, "")], platform="P")
    assert {(p.row, p.code) for p in report.problems} == {(2, orderkit.Code.MISSING)}
    assert {p.field for p in report.problems} >= {"order_number", "sku", "quantity"}


def test_a_date_is_bad_type_and_the_documented_strftime_fixes_it() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([FULL, FULL])
    frame["delivery_message"] = pd.to_datetime(["2026-11-26", None])
    (problem,) = orderkit.validate_records(frame, platform="P").problems
    assert (problem.field, problem.code) == ("delivery_message", orderkit.Code.BAD_TYPE)
    frame["delivery_message"] = frame["delivery_message"].dt.strftime("%Y-%m-%d")
    report = orderkit.validate_records(frame, platform="P")
    assert report.problems == ()
    assert report.orders[0].to_record()["delivery_message"] == "2026-11-26"


def test_what_is_no_records_is_told_with_what_to_pass_instead() -> None:
    with pytest.raises(orderkit.InvalidArgument) as told:
        orderkit.validate_records([[1, 2]])  # type: ignore[list-item]
    assert "item 0 is of type list, not a dict" in str(told.value)
    assert "0번째 항목이 dict가 아닌 list" in told.value.localized("ko")
    with pytest.raises(orderkit.InvalidArgument) as told:
        orderkit.validate_records("orders.xlsx")  # type: ignore[arg-type]
    assert "To check a file, use validate_file." in str(told.value)
    assert "pyarrow Table" in str(told.value)

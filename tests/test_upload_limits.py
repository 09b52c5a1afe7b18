"""Upload limits shared by validate and upload, header-only files, early refusal
(issue 12, items 4 and 5; issue 11, item 12)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit import Code, NoOrders
from orderkit.store.sqlite import SqliteSink

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
SCRIPT = str(Path(sys.executable).with_name("orderkit"))


def uploads_recorded(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM uploads").fetchone()[0])


# The header found below a title row, as a template without header_row finds it.
FOUND_HEADER = orderkit.Template(
    fields=orderkit.standard_template().fields, platform="수기", header_row=None
)


def header_only_files(tmp_path: Path) -> list[Path]:
    blank = [""] * len(STANDARD_HEADER)
    return [
        write_xlsx(tmp_path / "header.xlsx", [STANDARD_HEADER]),
        write_csv(tmp_path / "header.csv", [STANDARD_HEADER]),
        write_csv(tmp_path / "blanks.csv", [STANDARD_HEADER, blank, blank]),
        write_csv(tmp_path / "cp949.csv", [STANDARD_HEADER], encoding="cp949"),
    ]


def test_a_header_only_file_is_no_orders_in_validate(tmp_path: Path) -> None:
    title = ["주문서", *([""] * (len(STANDARD_HEADER) - 1))]
    titled = write_xlsx(tmp_path / "title.xlsx", [title, STANDARD_HEADER])
    with pytest.raises(NoOrders, match=r"header row \(row 2\)"):
        orderkit.validate_file(titled, FOUND_HEADER)
    for path in header_only_files(tmp_path):
        for keep_orders in (True, False):
            with pytest.raises(NoOrders) as caught:
                orderkit.validate_file(path, "standard", platform="수기", keep_orders=keep_orders)
            assert path.name in str(caught.value)
            assert "no orders" in str(caught.value)
            assert "주문이 없습니다" in caught.value.localized("ko")
            assert isinstance(caught.value, orderkit.UnreadableFile)


def test_a_header_only_upload_records_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with SqliteSink(db) as sink:
        for path in header_only_files(tmp_path):
            with pytest.raises(NoOrders):
                orderkit.upload_file(path, sink, template="standard", platform="수기")
        assert sink.count() == 0
    assert uploads_recorded(db) == 0


def test_the_cli_says_no_orders_and_exits_unreadable(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "header.csv", [STANDARD_HEADER])
    for locale, words in (("ko", "주문이 없습니다"), ("en", "no orders")):
        result = subprocess.run(
            [SCRIPT, "validate", str(path), "--template", "standard", "--platform", "수기",
             "--locale", locale],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 2, result
        assert words in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def orders_file(tmp_path: Path, count: int, *, bad: int | None = None, name: str = "o") -> Path:
    rows = [STANDARD_HEADER]
    for i in range(count):
        rows.append(standard_row(f"A-{i}", quantity=0 if i == bad else 1))
        if i % 3 == 0:  # some orders of two lines: orders are counted, not rows
            rows.append(standard_row(f"A-{i}", sku="SKU-2"))
    return write_csv(tmp_path / f"{name}.csv", rows)


@fixture_ok
@given(count=st.integers(min_value=1, max_value=12), limit=st.integers(min_value=1, max_value=12))
def test_validate_reports_too_many_orders_exactly_as_upload_refuses(
    tmp_path: Path, count: int, limit: int
) -> None:
    path = orders_file(tmp_path, count, bad=0)
    with SqliteSink(tmp_path / f"s{count}-{limit}.db") as sink:
        upload = orderkit.upload_file(
            path, sink, template="standard", platform="수기", max_orders=limit, small_limit=limit
        )
    for keep_orders in (True, False):
        report = orderkit.validate_file(
            path, "standard", platform="수기", max_orders=limit, keep_orders=keep_orders
        )
        too_many = [p for p in report.problems if p.code is Code.TOO_MANY_ORDERS]
        assert (upload.mode == "refused") == bool(too_many)
        assert report.counts.orders == count
        # Every row is still checked: the bad quantity of the first order is reported.
        assert any(p.code is Code.OUT_OF_RANGE and p.row == 2 for p in report.problems)
        assert not report.ok
        if too_many:
            assert too_many == [p for p in upload.problems if p.code is Code.TOO_MANY_ORDERS]
            assert report.problems[0] == too_many[0]


def test_the_default_limit_is_the_uploads(tmp_path: Path) -> None:
    path = orders_file(tmp_path, 5_001)
    report = orderkit.validate_file(path, "standard", platform="수기")
    assert not report.ok
    assert report.errors[0].code is Code.TOO_MANY_ORDERS
    assert "5,001" in report.errors[0].message
    assert report.summary()["invalid_orders"] == 0  # each order is fine; the file is not
    english = orderkit.validate_file(path, "standard", platform="수기", locale="en")
    assert "more than the 5,000 one upload accepts" in english.errors[0].message
    result = subprocess.run(
        [SCRIPT, "validate", str(path), "--template", "standard", "--platform", "수기"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "5,001" in result.stdout


def test_too_many_orders_are_refused_before_any_row_is_checked(tmp_path: Path) -> None:
    path = orders_file(tmp_path, 30, bad=5)
    db = tmp_path / "store.db"
    with SqliteSink(db) as sink:
        result = orderkit.upload_file(
            path, sink, template="standard", platform="수기", max_orders=20
        )
        assert sink.count() == 0
    assert result.mode == "refused"
    assert [p.code for p in result.problems] == [Code.TOO_MANY_ORDERS]
    assert result.orders == 30
    # No failure file of every row with the same reason: the fix is to split the file.
    assert len(result.failures) == 0
    assert uploads_recorded(db) == 0


def test_a_default_in_the_template_does_not_turn_blank_rows_into_orders(tmp_path: Path) -> None:
    fields = orderkit.standard_template().to_dict()["fields"]
    fields["country"] = {"column": "국가코드", "default": "KR"}
    template = orderkit.load_template({"platform": "수기", "header_row": 1, "fields": fields})
    blank = [""] * len(STANDARD_HEADER)
    header_only = write_csv(tmp_path / "blank.csv", [STANDARD_HEADER, blank, blank])
    with pytest.raises(NoOrders):
        orderkit.validate_file(header_only, template)
    rows = [STANDARD_HEADER, standard_row("A-1"), blank, standard_row("A-2"), blank, blank]
    for path in (write_csv(tmp_path / "o.csv", rows), write_xlsx(tmp_path / "o.xlsx", rows)):
        report = orderkit.validate_file(path, template)
        assert report.ok, report.problems
        assert [o.order_number for o in report.orders] == ["A-1", "A-2"]
        assert {o.country for o in report.orders} == {"KR"}

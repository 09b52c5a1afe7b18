"""The notebook's way to the right sheet (``sheet=``), the sheet a mismatch points at, and
records given as a data frame."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit

from .sheets import STANDARD_HEADER, standard_row, write_csv


def notice_first(path: Path, *, notice: str = "안내", orders: str = "주문", at: int = 2) -> Path:
    """A workbook whose orders are on sheet ``at`` (from 1), notices on the others."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    sheets = [first] + [workbook.create_sheet() for _ in range(2)]
    for number, sheet in enumerate(sheets, start=1):
        if number == at:
            sheet.title = orders
            for row in [STANDARD_HEADER, standard_row("S-1"), standard_row("S-2")]:
                sheet.append(row)
        else:
            sheet.title = f"{notice}{number}"
            sheet.append(["주문은 다른 시트에 있습니다."])
    workbook.save(path)
    return path


@pytest.mark.parametrize("at", [2, 3])
def test_a_mismatch_names_the_sheet_that_fits_in_both_languages(tmp_path: Path, at: int) -> None:
    path = notice_first(tmp_path / "o.xlsx", at=at)
    with pytest.raises(orderkit.TemplateMismatch) as raised:
        orderkit.validate_file(path, "standard", platform="수기")
    assert raised.value.other_sheet == (at, "주문")
    assert f"sheet={at}" in raised.value.localized("en")
    assert f"--sheet {at}" in raised.value.localized("ko")
    with (
        orderkit.SqliteSink(tmp_path / "o.db") as store,
        pytest.raises(orderkit.TemplateMismatch) as uploading,
    ):
        orderkit.upload_file(path, store, template="standard", platform="수기")
    assert uploading.value.other_sheet == (at, "주문")


def test_sheet_by_number_or_name_reads_that_sheet(tmp_path: Path) -> None:
    path = notice_first(tmp_path / "o.xlsx", at=2)
    by_number = orderkit.validate_file(path, "standard", platform="수기", sheet=2)
    by_name = orderkit.validate_file(path, "standard", platform="수기", sheet="주문")
    assert by_number.counts.orders == by_name.counts.orders == 2
    with orderkit.SqliteSink(tmp_path / "o.db") as store:
        result = orderkit.upload_file(path, store, template="standard", platform="수기", sheet=2)
        assert result.committed == 2


def test_no_hint_when_no_other_sheet_fits(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", [["다른", "머리글"], ["1", "2"]])
    with pytest.raises(orderkit.TemplateMismatch) as raised:
        orderkit.validate_file(path, "standard", platform="수기")
    assert raised.value.other_sheet is None
    assert "--sheet" not in raised.value.localized("ko")


@given(st.one_of(st.integers(max_value=0), st.just(""), st.booleans(), st.floats()))
def test_a_bad_sheet_choice_is_refused_with_what_to_pass(bad: Any) -> None:
    with pytest.raises(orderkit.InvalidArgument) as raised:
        orderkit.validate_file("never-read.xlsx", "standard", sheet=bad)
    assert "sheet" in raised.value.localized("ko")


def records() -> list[dict[str, Any]]:
    return [
        {"platform": "수기", "order_number": f"F-{n}", "recipient_name": "홍길동",
         "phone": "010-1234-5678", "postal_code": "04524", "address": "서울 중구 세종대로 110",
         "sku": "S-1", "quantity": n + 1}
        for n in range(3)
    ]  # fmt: skip


def test_a_pandas_frame_is_validated_as_its_records() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(records())
    frame.loc[1, "quantity"] = None
    report = orderkit.validate_records(frame, first_row=0)
    assert report.counts.orders == 3
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (1, "quantity", orderkit.Code.MISSING)
    ]


def test_a_pyarrow_table_is_validated_as_its_records() -> None:
    pyarrow = pytest.importorskip("pyarrow")
    report = orderkit.validate_records(pyarrow.Table.from_pylist(records()))
    assert report.ok
    assert report.counts.orders == 3


@pytest.mark.parametrize("given", [records()[0], "orders.csv", [["F-1", "홍길동"]], 42])
def test_what_is_not_records_is_refused_with_what_to_pass(given: object) -> None:
    with pytest.raises(orderkit.InvalidArgument) as raised:
        orderkit.validate_records(given)  # type: ignore[arg-type]
    for locale in ("ko", "en"):
        assert "DataFrame" in raised.value.localized(locale)
        assert "validate_order" in raised.value.localized(locale)

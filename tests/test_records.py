"""validate_records: rows already in memory, held to the same rules as a sheet."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import orderkit
from orderkit import Code

from .sheets import STANDARD_HEADER, write_xlsx
from .test_files import STANDARD_FIELDS, sheet_rows, unique_orders


def record(number: str = "A-1", **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "order_number": number,
        "recipient_name": "홍길동",
        "phone": "010-1234-5678",
        "postal_code": "04524",
        "address": "서울특별시 중구 세종대로 110",
        "sku": "S-1",
        "quantity": 1,
    }
    return base | changes


def test_records_sharing_an_order_number_are_one_order() -> None:
    report = orderkit.validate_records(
        [record(sku="S-1"), record("A-2"), record(sku="S-2", quantity=3)], platform="P"
    )
    assert report.ok
    first, second = report.orders
    assert [(line.sku, line.quantity) for line in first.lines] == [("S-1", 1), ("S-2", 3)]
    assert second.order_number == "A-2"


def test_problems_name_the_record_by_first_row() -> None:
    records = [record("A-1"), record("A-2", quantity=0)]
    (problem,) = orderkit.validate_records(records, platform="P", first_row=0).problems
    assert (problem.row, problem.code) == (1, Code.OUT_OF_RANGE)
    (problem,) = orderkit.validate_records(records, platform="P", first_row=2).problems
    assert problem.row == 3


def test_values_may_be_numbers_nan_or_none_and_unknown_keys_are_errors() -> None:
    records = [
        record("A-1", postal_code=4524, address_detail=math.nan, brand=None),
        record("A-2", phone=1012345678, colour="red"),
    ]
    report = orderkit.validate_records(records, platform="P")
    found = [(p.row, p.field, p.code) for p in report.problems]
    assert found == [
        (1, "postal_code", Code.RESTORED_LEADING_ZERO),
        (2, "order", Code.UNKNOWN_FIELD),
        (2, "phone", Code.LOST_LEADING_ZERO),
    ]
    assert report.orders[0].recipient.address.detail is None


def test_platform_and_brand_fill_only_what_records_leave_empty() -> None:
    report = orderkit.validate_records(
        [record("A-1", platform="네이버"), record("A-2")], platform="쿠팡", brand="B"
    )
    assert [(o.platform, o.brand) for o in report.orders] == [("네이버", "B"), ("쿠팡", "B")]


def test_an_empty_list_is_an_empty_report() -> None:
    report = orderkit.validate_records([], platform="P")
    assert report.ok
    assert report.summary()["orders"] == 0


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unique_orders())
def test_records_and_the_same_rows_in_a_sheet_give_the_same_report(
    tmp_path: Path, orders: list[dict[str, Any]]
) -> None:
    rows = sheet_rows(orders)
    path = write_xlsx(tmp_path / "same.xlsx", [STANDARD_HEADER, *rows])
    field_of = {header: field for field, header in STANDARD_FIELDS.items()}
    field_of |= {"SKU": "sku", "수량": "quantity"}
    records = [
        {field_of[h]: v for h, v in zip(STANDARD_HEADER, row, strict=True) if v != ""}
        for row in rows
    ]
    from_sheet = orderkit.validate_file(path, "standard", platform="P")
    from_records = orderkit.validate_records(records, platform="P", first_row=2)
    assert from_records.orders == from_sheet.orders
    assert [(p.row, p.code) for p in from_records.problems] == [
        (p.row, p.code) for p in from_sheet.problems
    ]


@pytest.mark.parametrize("first_row", ["2", 2.0, True])
def test_a_first_row_that_is_not_a_whole_number_is_refused_clearly(first_row: object) -> None:
    with pytest.raises(orderkit.InvalidArgument, match="first_row must be a whole number"):
        orderkit.validate_records([], first_row=first_row)  # type: ignore[arg-type]


def test_numpy_numbers_are_numbers_and_pandas_empty_markers_are_empty() -> None:
    import numpy as np
    import pandas as pd

    given = [
        record("A-1", quantity=np.int64(2), delivery_message=pd.NaT),
        record("A-2", quantity=np.int32(3), delivery_message=pd.NA),
    ]
    report = orderkit.validate_records(given, platform="수기")
    assert list(report.problems) == []
    assert [line.quantity for order in report.orders for line in order.lines] == [2, 3]
    (flagged,) = orderkit.validate_records(
        [record("A-3", quantity=np.bool_(True))], platform="수기"
    ).problems
    assert (flagged.field, flagged.code) == ("quantity", Code.BAD_TYPE)

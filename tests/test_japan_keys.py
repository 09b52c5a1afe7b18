"""Full-width keys, currency on Korean orders, country names, Japan customs (issue 13).

Items 3, 4, 5 and 8 of the Japan follow-up: ``８０００００００１`` is order 800000001 (one
order, not two); yen on a Korean order is the wrong currency; ``日本`` suggests ``JP``; a
Japan order needs the real amount paid and the Japanese marketplace's page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import Code, Problem, Severity

from .sheets import STANDARD_HEADER, standard_row, write_csv
from .test_rules import base


def japan(**changes: Any) -> dict[str, Any]:
    data = base(country="JP", phone="090-1234-5678", postal_code="100-0001")
    data |= {"product_url": "https://item.rakuten.co.jp/shop/a/", "paid_amount": "3980"}
    return data | changes


def _found(problems: list[Problem]) -> list[tuple[str, str, Severity]]:
    return [(p.field, p.code, p.severity) for p in problems]


# item 3: full-width keys -------------------------------------------------------------

ASCII = "0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
WIDE_DIGITS = str.maketrans(ASCII, "".join(chr(ord(c) + 0xFEE0) for c in ASCII))


@given(
    number=st.from_regex(r"[0-9][0-9A-Z-]{0,14}", fullmatch=True),
    wide_first=st.booleans(),
)
def test_a_full_width_order_number_is_the_same_order(number: str, wide_first: bool) -> None:
    wide = number.translate(WIDE_DIGITS)
    numbers = [wide, number] if wide_first else [number, wide]
    records = []
    for i, n in enumerate(numbers):
        record = base(order_number=n, sku=f"S-{i}", quantity="1")
        del record["lines"]
        records.append(record)
    report = orderkit.validate_records(records)
    assert [o.order_number for o in report.orders] == [number]
    assert len(report.orders[0].lines) == 2
    warnings = [p for p in report.problems if p.field == "order_number"]
    if wide != number:
        assert [(p.code, p.value) for p in warnings] == [(Code.NORMALIZED_TEXT, wide)]


def test_a_full_width_order_number_is_a_duplicate_of_the_registered_one(tmp_path: Path) -> None:
    first = write_csv(tmp_path / "a.csv", [STANDARD_HEADER, standard_row("800000001")])
    second = write_csv(tmp_path / "b.csv", [STANDARD_HEADER, standard_row("８０００００００１")])
    with orderkit.SqliteSink(tmp_path / "s.db") as sink:
        orderkit.upload_file(first, sink, template="standard", platform="Yahoo")
        again = orderkit.upload_file(second, sink, template="standard", platform="Yahoo")
    # The same order (same content once its number is read as ASCII): not registered twice.
    assert (again.committed, again.skipped) == (0, 1)


def test_a_full_width_sku_is_read_as_ascii_with_a_warning() -> None:
    data = base(lines=[{"sku": "ＴＥＥ－Ｍ", "quantity": "1"}])
    problems = orderkit.validate_order(data)
    assert _found(problems) == [("sku", Code.NORMALIZED_TEXT, Severity.WARNING)]
    order = orderkit.order_from_dict(data)
    assert order.lines[0].sku == "TEE-M"
    assert "TEE-M" in problems[0].message


def test_a_katakana_sku_keeps_its_prolonged_sound_mark() -> None:
    data = base(lines=[{"sku": "ティーシャツ-M", "quantity": "1"}])
    assert orderkit.validate_order(data) == []
    assert orderkit.order_from_dict(data).lines[0].sku == "ティーシャツ-M"

"""Full-width text and marks in number-like fields (issue 13, item 4).

Japanese exports write ``０９０－１２３４－５６７８``, ``〒100-0001``, ``¥3,980`` and ``3,980円``.
Phone, postal code, quantity and amounts are read in their ASCII forms with a warning that
says so; names and addresses keep what the seller wrote; the failure file keeps the text.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import Code, Problem, Severity

from .sheets import STANDARD_HEADER, standard_row, write_csv
from .strategies import valid_order_data
from .test_rules import base


def japan(**changes: Any) -> dict[str, Any]:
    data = base(country="JP", phone="090-1234-5678", postal_code="100-0001")
    data |= {"product_url": "https://item.rakuten.co.jp/shop/a/", "paid_amount": "3980"}
    return data | changes


def _found(problems: list[Problem]) -> list[tuple[str, str, str | None]]:
    return [(p.field, p.code, p.severity) for p in problems]


@pytest.mark.parametrize(
    ("field", "text", "read"),
    [
        ("phone", "０９０－１２３４－５６７８", "090-1234-5678"),
        ("phone", "090ー1234ー5678", "090-1234-5678"),  # the katakana prolonged mark
        ("phone", "０３‐１２３４‐５６７８", "03-1234-5678"),  # U+2010 hyphens
        ("postal_code", "〒100-0001", "100-0001"),
        ("postal_code", "〒 100-0001", "100-0001"),
        ("postal_code", "〒１００－０００１", "100-0001"),
        ("postal_code", "１０００００１", "1000001"),
        ("paid_amount", "¥3,980", "3,980"),
        ("paid_amount", "￥３，９８０", "3,980"),
        ("paid_amount", "3,980円", "3,980"),
        ("paid_amount", "3980 円", "3980"),
        ("paid_amount", "３９８０", "3980"),
    ],
)
def test_a_japan_order_s_full_width_text_and_marks_are_read_with_a_warning(
    field: str, text: str, read: str
) -> None:
    data = japan(**{field: text})
    problems = orderkit.validate_order(data)
    assert _found(problems) == [(field, Code.NORMALIZED_TEXT, Severity.WARNING)]
    assert problems[0].value == text
    assert f"'{read}'" in problems[0].message
    order = orderkit.order_from_dict(data)
    if field == "paid_amount":
        assert order.payment.paid_amount == Decimal(read.replace(",", ""))
    elif field == "phone":
        assert order.recipient.phone == read
    else:
        assert order.recipient.address.postal_code == read


@pytest.mark.parametrize(
    ("field", "text", "amount"),
    [
        ("order_amount", "₩12,000", Decimal(12000)),
        ("order_amount", "12,000원", Decimal(12000)),
        ("total_amount", "１２，０００원", Decimal(12000)),
    ],
)
def test_korean_amounts_lose_their_won_mark_with_a_warning(
    field: str, text: str, amount: Decimal
) -> None:
    problems = orderkit.validate_order(base(**{field: text}))
    assert _found(problems) == [(field, Code.NORMALIZED_TEXT, Severity.WARNING)]
    order = orderkit.order_from_dict(base(**{field: text}))
    assert getattr(order.payment, field) == amount


def test_a_full_width_quantity_is_read_as_its_number() -> None:
    data = base(lines=[{"sku": "SKU-1", "quantity": "１２"}])
    problems = orderkit.validate_order(data)
    assert [(p.field, p.code, p.line) for p in problems] == [("quantity", Code.NORMALIZED_TEXT, 0)]
    assert orderkit.order_from_dict(data).lines[0].quantity == 12


def test_the_warning_says_what_was_done_in_both_languages() -> None:
    (ko,) = orderkit.validate_order(japan(paid_amount="￥３，９８０"))
    (en,) = orderkit.validate_order(japan(paid_amount="￥３，９８０"), locale="en")
    assert "전각" in ko.message
    assert "'¥'" in ko.message
    assert "'3,980'" in ko.message
    assert "full-width" in en.message
    assert "'¥'" in en.message
    assert "'3,980'" in en.message


def test_names_and_addresses_keep_what_the_seller_wrote() -> None:
    data = japan(recipient_name="ＳＵＺＵＫＩ　一郎", address="東京都千代田区丸の内１－１")
    order = orderkit.order_from_dict(data)
    assert order.recipient.name == "ＳＵＺＵＫＩ　一郎"
    assert order.recipient.address.base == "東京都千代田区丸の内１－１"
    assert orderkit.validate_order(data) == []


def test_a_won_amount_is_not_a_japan_order_s_yen() -> None:
    problems = orderkit.validate_order(japan(paid_amount="39,800원"))
    errors = [(p.field, p.code, p.value) for p in problems if p.is_error]
    assert errors == [("paid_amount", Code.WRONG_CURRENCY, "39,800원")]
    assert "엔화" in next(p.message for p in problems if p.is_error)


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [
        ("paid_amount", "¥3,98", Code.BAD_NUMBER),  # a separator in the wrong place
        ("paid_amount", "¥3,980円", Code.BAD_NUMBER),  # two marks: not guessed
        ("paid_amount", "$39", Code.BAD_NUMBER),
        ("paid_amount", "円", Code.BAD_NUMBER),  # a mark alone is no amount
        ("phone", "０９０　１２３４　５６７８", Code.BAD_CHARS),  # spaces are still spaces
        ("postal_code", "〒１００", Code.BAD_POSTAL_CODE),
    ],
)
def test_the_rules_judge_the_normalised_value(field: str, text: str, code: Code) -> None:
    errors = [p.code for p in orderkit.validate_order(japan(**{field: text})) if p.is_error]
    assert errors == [code]


def test_a_marked_value_stays_as_written_in_the_failure_file(tmp_path: Path) -> None:
    header = [*STANDARD_HEADER]
    jp = {"국가코드": "JP", "상품URL": "https://www.qoo10.jp/g/1", "결제금액": "¥3,980"}
    rows = [
        header,
        standard_row("J-1", phone="０９０－１２３４－５６７８", postal="〒100-0001", **jp),
        standard_row("J-1", sku="", phone="０９０－１２３４－５６７８", postal="〒100-0001", **jp),
    ]
    path = write_csv(tmp_path / "o.csv", rows)
    with orderkit.SqliteSink(tmp_path / "s.db") as sink:
        result = orderkit.upload_file(path, sink, template="standard", platform="Qoo10")
    assert result.failed == 1
    written = result.write_failure_file(tmp_path / "failed.xlsx")
    sheet = openpyxl.load_workbook(written).active
    assert sheet is not None
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    phone, postal, paid = (header.index(h) for h in ("전화번호", "우편번호", "결제금액"))
    assert [(r[phone], r[postal], r[paid]) for r in cells] == [
        ("０９０－１２３４－５６７８", "〒100-0001", "¥3,980")
    ] * 2


# Ways a Japanese export writes what a valid order holds.
_WIDE = str.maketrans("0123456789-,", "０１２３４５６７８９－，")


@st.composite
def marked_order(draw: st.DrawFn) -> dict[str, Any]:
    """A valid order, its number-like fields written the way Japanese exports write them."""
    data = draw(valid_order_data())
    for field in ("phone", "postal_code"):
        if draw(st.booleans()):
            data[field] = str(data[field]).translate(_WIDE)
    if draw(st.booleans()):
        data["postal_code"] = "〒" + data["postal_code"]
    for field in ("order_amount", "paid_amount", "total_amount"):
        if field in data and draw(st.booleans()):
            text = f"{Decimal(data[field]):,}"
            text = text.translate(_WIDE) if draw(st.booleans()) else text
            mark = draw(st.sampled_from(["¥{}", "{}円", "￥{}", "₩{}", "{}원", "{}"]))
            data[field] = mark.format(text)
    for line in data["lines"]:
        if draw(st.booleans()):
            line["quantity"] = str(line["quantity"]).translate(_WIDE)
    return data


def _comparable(problems: Any) -> list[tuple[object, ...]]:
    return sorted((p.field, p.code, p.severity, p.message, p.value) for p in problems)


# The standard sheet's header for each canonical field (it has no brand column).
_STANDARD_COLUMNS = dict(
    zip(
        ["order_number", "recipient_name", "phone", "postal_code", "address", "address_detail",
         "delivery_message", "sku", "quantity", "order_amount", "total_amount", "product_url",
         "country", "paid_amount"],
        STANDARD_HEADER,
        strict=True,
    )
)  # fmt: skip


@given(marked_order())
def test_a_dict_and_the_column_path_give_identical_problems(data: dict[str, Any]) -> None:
    data = {k: v for k, v in data.items() if k != "brand"} | {"platform": "Qoo10"}
    from_dict = orderkit.validate_order(data)
    order = {k: v for k, v in data.items() if k != "lines"}
    records = [order | line for line in data["lines"]]
    from_records = orderkit.validate_records(records).problems
    assert _comparable(from_dict) == _comparable(from_records)
    with tempfile.TemporaryDirectory() as folder:
        rows = [[str(r.get(f, "")) for f in _STANDARD_COLUMNS] for r in records]
        path = write_csv(Path(folder) / "o.csv", [STANDARD_HEADER, *rows])
        from_sheet = orderkit.validate_file(path, "standard", platform="Qoo10").problems
        streamed = orderkit.validate_file(
            path, "standard", platform="Qoo10", keep_orders=False, chunk_rows=1
        ).problems
    assert _comparable(from_dict) == _comparable(from_sheet) == _comparable(streamed)
    # Nothing but warnings and, for a Japan order marked in won, the currency error.
    assert {p.code for p in from_dict if p.is_error} <= {Code.WRONG_CURRENCY}

"""Drafts for Japanese and English marketplace exports the synonym table was not copied from.

Each layout is the exact header list public code reads these exports with (tests/layouts.py).
A draft maps the fields a warehouse needs or leaves them for a person, never takes a
buyer's column for the recipient, and the orders it reads validate.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import Column, Constant
from orderkit.templates.context_words import BUYER_WORDS, RECIPIENT_FIELDS
from orderkit.templates.header_words import THRESHOLD, score

from .layouts import EXPECTED, HEADERS, SAMPLES
from .sheets import write_xlsx

BUYER_COLUMNS = {
    "qoo10": {"購入者名", "購入者電話番号", "購入者携帯電話番号"},
    "rakuten": {c for c in HEADERS["rakuten"] if c.startswith("注文者")},
    "shopify": {c for c in HEADERS["shopify"] if c.startswith("Billing")} | {"Phone"},
    "yahoo": {c for c in HEADERS["yahoo"] if c.startswith("Bill")},
    "amazon": {c for c in HEADERS["amazon"] if c.startswith("buyer")},
    "amazon-shipments": {c for c in HEADERS["amazon-shipments"] if c.startswith(("buyer", "bill"))},
}


def read_columns(template: orderkit.Template) -> dict[str, tuple[str, ...]]:
    return {f: spec.headers for f, spec in template.fields.items() if spec.headers}


@pytest.mark.parametrize("layout", sorted(EXPECTED))
def test_each_layout_maps_the_fields_a_warehouse_needs(layout: str) -> None:
    fields = read_columns(orderkit.suggest_template(HEADERS[layout]))
    for field, columns in EXPECTED[layout].items():
        assert fields.get(field) == columns, field


@pytest.mark.parametrize("layout", sorted(EXPECTED))
def test_no_buyer_column_ever_feeds_a_recipient_field(layout: str) -> None:
    template = orderkit.suggest_template(HEADERS[layout])
    for field in RECIPIENT_FIELDS & set(template.fields):
        assert not set(template.fields[field].headers) & BUYER_COLUMNS[layout], field


def test_amazons_new_orders_report_leaves_the_phone_to_a_person() -> None:
    """It has only the buyer's phone: the draft says so instead of taking it."""
    template = orderkit.suggest_template(HEADERS["amazon"], locale="en")
    assert "phone" not in template.fields
    assert any("phone" in line and "fill in" in line for line in template.notes)


@pytest.mark.parametrize("layout", sorted(SAMPLES))
def test_the_drafts_orders_validate(tmp_path: Path, layout: str) -> None:
    header, rows = SAMPLES[layout]
    title = [f"{layout} export"]
    path = write_xlsx(tmp_path / f"{layout}.xlsx", [title, header, *_cells(header, rows)])
    draft = orderkit.load_template(orderkit.suggest_template(path).to_toml())
    report = orderkit.validate_file(path, draft, platform=layout)
    assert report.errors == ()
    assert {o.order_number for o in report.orders} == {str(r[_order_column(layout)]) for r in rows}
    for order in report.orders:
        assert order.recipient.phone != "080-9999-0000", "the buyer's phone is not the recipient's"
        assert order.country == "JP"


def _order_column(layout: str) -> str:
    return EXPECTED[layout]["order_number"][0]


def _cells(header: list[str], rows: list[dict[str, object]]) -> list[list[object]]:
    return [[row.get(h, "") for h in header] for row in rows]


def test_a_japanese_draft_says_it_took_japan_and_needs_a_url() -> None:
    template = orderkit.suggest_template(HEADERS["rakuten"], locale="en")
    assert template.fields["country"] == Constant("JP")
    assert any("JP" in line for line in template.notes)
    assert any("product page URL" in line for line in template.notes)


def test_a_korean_layout_is_not_taken_for_japan() -> None:
    from .test_builtins import NAVER

    assert "country" not in orderkit.suggest_template(NAVER).fields


# Whole words ------------------------------------------------------------------------------

COMPOUNDS = [
    ("cod-collectible-amount", {"order_amount", "paid_amount", "total_amount"}),
    ("Refunded Amount", {"order_amount", "paid_amount", "total_amount"}),
    ("Discount Amount", {"order_amount", "paid_amount", "total_amount"}),
    ("Option Surcharge Amount", {"option", "order_amount"}),
    ("옵션 추가금액", {"option", "order_amount"}),
    ("Clink", {"product_url"}),
    ("Click ID", {"product_url"}),
    ("Sub Order Number", {"order_number"}),
    ("Parent Order ID", {"order_number"}),
    ("order-item-id", {"order_number"}),
    ("親注文番号", {"order_number"}),
    ("複数送付先フラグ", {"address", "address_detail"}),
    ("Multi Shipping Address Index", {"address", "address_detail"}),
    ("最終 상품별 총 주문금액", {"order_amount"}),
    ("Lineitem price", {"order_amount", "paid_amount", "total_amount"}),
    ("受取人名(フリガナ)", {"recipient_name"}),
    ("quantity-to-ship", {"quantity"}),
    ("quantity-unshipped", {"quantity"}),
]


@pytest.mark.parametrize(("header", "fields"), COMPOUNDS)
def test_a_compound_that_means_something_else_does_not_score(header: str, fields: set[str]) -> None:
    for field in fields:
        assert score(header, field) < THRESHOLD, field


def test_a_layout_of_compounds_only_is_left_to_a_person() -> None:
    headers = ["Sub Order Number", "cod-collectible-amount", "Clink", "Option Surcharge Amount"]
    template = orderkit.suggest_template(headers, locale="en")
    assert not {"order_number", "paid_amount", "product_url", "option"} & set(template.fields)
    left = next(line for line in template.notes if "fill in" in line)
    assert "order_number" in left


def test_shipping_words_win_over_bare_ones() -> None:
    template = orderkit.suggest_template(["Order ID", "Phone", "Zip", "Shipping Zip", "Ship Phone"])
    assert template.fields["phone"] == Column(("Ship Phone",))
    assert template.fields["postal_code"] == Column(("Shipping Zip",))


@given(
    st.sampled_from(BUYER_WORDS),
    st.sampled_from(["phone", "電話番号", "연락처", "zip code", "郵便番号", "address", "住所"]),
    st.sampled_from(["{b} {s}", "{b}{s}", "{s} ({b})", "{b}_{s}"]),
)
def test_a_buyer_word_anywhere_rules_out_every_recipient_field(
    buyer: str, synonym: str, shape: str
) -> None:
    header = shape.format(b=buyer, s=synonym)
    for field in RECIPIENT_FIELDS:
        assert score(header, field) < THRESHOLD, (header, field)


@given(st.permutations(HEADERS["rakuten"]))
def test_the_mapping_does_not_depend_on_column_order(headers: list[str]) -> None:
    fields = read_columns(orderkit.suggest_template(headers))
    for field, columns in EXPECTED["rakuten"].items():
        assert fields[field] == columns


HAND_MADE = {
    "ja": (
        ["注文ID", "ご注文者氏名", "ご注文者電話番号", "お届け先氏名", "お届け先郵便番号",
         "お届け先住所", "お届け先電話番号", "商品コード", "数量", "お支払い金額",
         "ギフトメッセージ"],
        {"order_number": ("注文ID",), "recipient_name": ("お届け先氏名",),
         "phone": ("お届け先電話番号",), "postal_code": ("お届け先郵便番号",),
         "address": ("お届け先住所",), "sku": ("商品コード",), "quantity": ("数量",),
         "paid_amount": ("お支払い金額",)},
    ),
    "en": (
        ["Order No", "Bill To Name", "Bill To Phone", "Ship To Name", "Ship To Phone",
         "Ship To Zip", "Ship To Address", "Ship To Address 2", "Item SKU", "Qty",
         "Amount Paid", "Customer Phone", "Tracking Number", "Product Link", "Image URL"],
        {"order_number": ("Order No",), "recipient_name": ("Ship To Name",),
         "phone": ("Ship To Phone",), "postal_code": ("Ship To Zip",),
         "address": ("Ship To Address",), "address_detail": ("Ship To Address 2",),
         "sku": ("Item SKU",), "quantity": ("Qty",), "paid_amount": ("Amount Paid",),
         "product_url": ("Product Link",)},
    ),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(HAND_MADE))
def test_a_hand_made_sheet_in_japanese_or_english_is_mapped(language: str) -> None:
    headers, expected = HAND_MADE[language]
    fields = read_columns(orderkit.suggest_template(headers))
    assert {f: c for f, c in fields.items() if f in expected} == expected


SIDES = ["送付先", "お届け先", "Ship", "Shipping ", "受取人"]


@given(
    st.sampled_from(SIDES),
    st.sampled_from([("電話番号", "郵便番号"), ("Phone", "Zip"), ("TEL", "Postcode")]),
    st.permutations(range(5)),
)
def test_numbered_parts_join_in_number_order_wherever_they_stand(
    side: str, words: tuple[str, str], order: list[int]
) -> None:
    phone, postal = words
    parts = [f"{side}{phone}{n}" for n in (1, 2, 3)] + [f"{side}{postal}{n}" for n in (1, 2)]
    headers = ["注文番号", *(parts[i] for i in order)]
    template = orderkit.suggest_template(headers)
    assert template.fields["phone"] == orderkit.Joined(tuple(parts[:3]), "-")
    assert template.fields["postal_code"] == orderkit.Joined(tuple(parts[3:]), "-")


@given(st.sampled_from(["연락처", "Phone", "電話番号"]), st.booleans())
def test_two_numbered_phones_are_alternatives_not_parts(phone: str, swap: bool) -> None:
    headers = ["주문번호", f"수취인{phone}1", f"수취인{phone}2"]
    if swap:
        headers[1], headers[2] = headers[2], headers[1]
    template = orderkit.suggest_template(headers)
    assert isinstance(template.fields["phone"], Column)
    assert set(template.fields["phone"].headers) == set(headers[1:])

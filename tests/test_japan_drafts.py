"""Drafts for Japanese exports say what they did and read what the built-ins read (issue 13
follow-up, item 7): why an ASCII layout is taken for Japan, the customs URL note, a country
column's names as codes, the option code as the SKU, Amazon's quantity-shipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import orderkit
from orderkit import Column, Constant

from .layouts import AMAZON_JP, AMAZON_SHIPMENTS, QOO10, YAHOO
from .sheets import write_xlsx


def _notes(headers: list[str], locale: str = "en") -> str:
    return "\n".join(orderkit.suggest_template(headers, locale=locale).notes)


def test_an_ascii_japanese_layout_says_why_it_is_taken_for_japan() -> None:
    template = orderkit.suggest_template(YAHOO, locale="en")
    assert template.fields["country"] == Constant("JP")
    notes = "\n".join(template.notes)
    assert "headers are Japanese" not in notes
    assert "'ShipPrefecture'" in notes
    korean = _notes(YAHOO, "ko")
    assert "일본어라" not in korean
    assert "'ShipPrefecture'" in korean


def test_a_kana_layout_still_says_its_headers_are_japanese() -> None:
    headers = ["注文番号", "お届け先氏名", "お届け先電話番号", "お届け先郵便番号", "お届け先住所",
               "商品コード", "数量"]  # fmt: skip
    assert "headers are Japanese" in _notes(headers)


@pytest.mark.parametrize("headers", [QOO10, YAHOO], ids=["qoo10", "yahoo"])
def test_a_japanese_draft_without_a_url_column_says_customs_needs_one(headers: list[str]) -> None:
    assert "Japan customs needs each order's product page URL" in _notes(headers)
    assert "통관에 판매 상품 URL이 필요" in _notes(headers, "ko")


def test_a_japanese_draft_with_a_url_column_has_no_url_note() -> None:
    assert "product page URL" not in _notes([*QOO10, "商品URL"])


def test_a_country_column_reads_names_as_codes_as_the_builtin_does() -> None:
    country = orderkit.suggest_template(QOO10).fields["country"]
    builtin = orderkit.load_template("qoo10-japan").fields["country"]
    assert isinstance(country, Column)
    assert isinstance(builtin, Column)
    assert country.headers == ("国家",)
    assert country.default == "JP"
    assert country.map is not None
    assert builtin.map is not None
    for name, code in builtin.map.items():
        assert country.map[name] == code
    assert country.transform("日本") == "JP"


def test_a_country_code_column_gets_no_names() -> None:
    headers = [
        "注文番号",
        "受取人名",
        "受取人電話番号",
        "郵便番号",
        "住所",
        "国コード",
        "数量",
        "商品コード",
    ]
    country = orderkit.suggest_template(headers).fields["country"]
    assert isinstance(country, Column)
    assert country.map is None


def test_a_korean_country_column_gets_names_but_no_japan_default() -> None:
    headers = [
        "주문번호",
        "수취인명",
        "수취인연락처1",
        "우편번호",
        "배송지",
        "배송국가",
        "상품코드",
        "수량",
    ]
    country = orderkit.suggest_template(headers).fields["country"]
    assert isinstance(country, Column)
    assert country.map is not None
    assert country.default is None


def test_the_option_code_is_the_sku_first_as_the_builtin_reads_it() -> None:
    sku = orderkit.suggest_template(QOO10).fields["sku"]
    assert sku.headers == orderkit.load_template("qoo10-japan").fields["sku"].headers
    assert "option code first" in _notes(QOO10)


def test_without_an_option_code_the_product_code_alone_is_the_sku() -> None:
    headers = [h for h in QOO10 if h != "オプションコード"]
    assert orderkit.suggest_template(headers).fields["sku"].headers == ("販売者商品コード",)


def test_amazon_shipments_quantity_is_quantity_shipped() -> None:
    assert orderkit.suggest_template(AMAZON_SHIPMENTS).fields["quantity"].headers == (
        "quantity-shipped",
    )


def test_a_report_with_quantity_purchased_takes_that_over_quantity_shipped() -> None:
    assert orderkit.suggest_template(AMAZON_JP).fields["quantity"].headers == (
        "quantity-purchased",
    )


def test_a_qoo10_draft_reads_an_order_without_options_and_a_country_name(tmp_path: Path) -> None:
    values = {"注文番号": "Q-1", "受取人名": "山田 花子", "受取人携帯電話番号": "090-1234-5678",
              "郵便番号": "100-0001", "住所": "東京都千代田区千代田1-1", "国家": "日本",
              "数量": 1, "販売者商品コード": "WH-1", "購入者決済金額": 3980,
              "商品URL": "https://www.qoo10.jp/g/1"}  # fmt: skip
    second = values | {"注文番号": "Q-2", "オプションコード": "WH-1-RED", "国家": ""}
    header = [*QOO10, "商品URL"]
    rows = [header, *[[row.get(h, "") for h in header] for row in (values, second)]]
    path = write_xlsx(tmp_path / "qoo10.xlsx", rows)
    draft = orderkit.load_template(orderkit.suggest_template(path).to_toml())
    report = orderkit.validate_file(path, draft, platform="Qoo10")
    assert report.errors == ()
    assert {o.order_number: (o.country, o.lines[0].sku) for o in report.orders} == {
        "Q-1": ("JP", "WH-1"),
        "Q-2": ("JP", "WH-1-RED"),
    }

"""Messages for orders shipped to Japan say what customs needs in a seller's terms
(issue 13, item 6): the product page on the Japanese marketplace, the amount paid in yen."""

from __future__ import annotations

from typing import Any

import pytest

import orderkit
from orderkit import Code, Problem

from .test_marks import japan
from .test_rules import base


def _only(data: dict[str, Any], field: str, locale: str) -> Problem:
    (problem,) = [
        p for p in orderkit.validate_order(data, locale=locale) if p.field == field and p.is_error
    ]
    return problem


# (what the order lacks or has wrong, the field, its code)
JAPAN_CASES = [
    ({"product_url": ""}, "product_url", Code.URL_REQUIRED),
    ({"product_url": "www.qoo10.jp/g/1"}, "product_url", Code.BAD_URL),
    ({"paid_amount": ""}, "paid_amount", Code.AMOUNT_REQUIRED),
    ({"paid_amount": "삼천구백팔십"}, "paid_amount", Code.BAD_NUMBER),
    ({"paid_amount": "-3980"}, "paid_amount", Code.OUT_OF_RANGE),
    ({"paid_amount": "3980.5"}, "paid_amount", Code.NOT_INTEGER),
]


@pytest.mark.parametrize(("change", "field", "code"), JAPAN_CASES)
def test_a_japan_order_s_customs_problems_name_the_marketplace_and_yen(
    change: dict[str, Any], field: str, code: Code
) -> None:
    ko = _only(japan(**change), field, "ko")
    en = _only(japan(**change), field, "en")
    assert ko.code == en.code == code
    assert "일본 통관" in ko.message
    assert "Japan customs" in en.message
    if field == "product_url":
        assert "일본 쇼핑몰" in ko.message
        assert "상품 페이지" in ko.message
        assert "product page on the Japanese marketplace" in en.message
    else:
        assert "엔" in ko.message
        assert "yen" in en.message
        if code is not Code.NOT_INTEGER:
            assert "what the buyer paid" in en.message


def test_the_missing_url_message_names_the_marketplaces_sellers_know() -> None:
    message = _only(japan(product_url=""), "product_url", "en").message
    assert all(name in message for name in ("Qoo10", "Rakuten", "Amazon.co.jp"))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"product_url": "www.example.com/a"}, "product_url"),
        ({"paid_amount": "삼천"}, "paid_amount"),
        ({"paid_amount": "-1"}, "paid_amount"),
    ],
)
def test_an_order_shipped_elsewhere_is_not_told_about_japan_customs(
    change: dict[str, Any], field: str
) -> None:
    for locale, words in (("ko", "일본"), ("en", "Japan")):
        assert words not in _only(base(**change), field, locale).message

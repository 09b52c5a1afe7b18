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


# item 4: yen on a Korean order ------------------------------------------------------


@pytest.mark.parametrize("paid", ["¥3,980", "3,980円", "￥３，９８０", "3980 円", "¥ 3980"])
@pytest.mark.parametrize("country", [None, "KR"])
def test_yen_on_a_korean_order_is_the_wrong_currency(paid: str, country: str | None) -> None:
    data = base(paid_amount=paid) | ({"country": country} if country else {})
    problems = orderkit.validate_order(data)
    errors = [(p.field, p.code, p.value) for p in problems if p.is_error]
    assert errors == [("paid_amount", Code.WRONG_CURRENCY, paid)]
    (error,) = (p for p in problems if p.is_error)
    assert "엔화" in error.message
    english = next(p for p in orderkit.validate_order(data, locale="en") if p.is_error)
    assert "yen" in english.message
    assert "JP" in english.message


@pytest.mark.parametrize("paid", ["39,800원", "₩39,800", "39800"])
def test_won_or_a_bare_amount_on_a_korean_order_is_no_error(paid: str) -> None:
    assert not [p for p in orderkit.validate_order(base(paid_amount=paid)) if p.is_error]


def test_yen_on_a_japan_order_is_still_yen() -> None:
    problems = orderkit.validate_order(japan(paid_amount="¥3,980"))
    assert _found(problems) == [("paid_amount", Code.NORMALIZED_TEXT, Severity.WARNING)]


def test_yen_in_a_korean_sheet_fails_its_order(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("K-1", 결제금액="¥3,980"), standard_row("K-2")]
    path = write_csv(tmp_path / "o.csv", rows)
    report = orderkit.validate_file(path, "standard", platform="네이버")
    assert [(p.row, p.code) for p in report.problems if p.is_error] == [(2, Code.WRONG_CURRENCY)]


# item 5: country names --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("日本", "JP"), ("日本国", "JP"), ("にほん", "JP"), ("ジャパン", "JP"), ("ニッポン", "JP"),
        ("일본", "JP"), ("Japan", "JP"), ("ＪＰ", "JP"), ("ｊｐ", "JP"),
        ("한국", "KR"), ("대한민국", "KR"), ("大韓民国", "KR"), ("韓国", "KR"), ("Korea", "KR"),
        ("South Korea", "KR"), ("KOREA", "KR"), ("アメリカ", "US"),
    ],
)  # fmt: skip
def test_a_country_name_gets_a_hint_of_its_code(written: str, meant: str) -> None:
    def country(locale: str) -> Problem:
        problems = orderkit.validate_order(base(country=written), locale=locale)
        (problem,) = [p for p in problems if p.field == "country"]
        return problem

    korean, english = country("ko"), country("en")
    assert korean.code == Code.BAD_COUNTRY
    assert f"'{meant}'" in korean.message
    assert f"'{meant}'" in english.message


def test_a_japanese_country_name_is_still_checked_as_japan() -> None:
    # The order is checked against the country it plainly means: one round of fixes.
    data = japan(country="日本", postal_code="04524")
    codes = {p.code for p in orderkit.validate_order(data) if p.is_error}
    assert codes == {Code.BAD_COUNTRY, Code.BAD_POSTAL_CODE}


# item 8: Japan customs --------------------------------------------------------------


@pytest.mark.parametrize("paid", ["0", "0.0", "０", "¥0", "0円"])
def test_nothing_paid_is_no_amount_for_japan_customs(paid: str) -> None:
    problems = orderkit.validate_order(japan(paid_amount=paid))
    (error,) = (p for p in problems if p.is_error)
    assert (error.field, error.code) == ("paid_amount", Code.OUT_OF_RANGE)
    assert "0엔" in error.message
    english = next(
        p for p in orderkit.validate_order(japan(paid_amount=paid), locale="en") if p.is_error
    )
    assert "really paid" in english.message


def test_nothing_paid_on_a_korean_order_is_fine() -> None:
    assert orderkit.validate_order(base(paid_amount="0")) == []


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://smartstore.naver.com/haru/products/123", "smartstore.naver.com"),
        ("https://www.coupang.com/vp/products/1", "www.coupang.com"),
        ("http://item.gmarket.co.kr/Item?goodscode=1", "item.gmarket.co.kr"),
        ("https://haru.co.kr/product/1", "haru.co.kr"),
    ],
)
def test_a_korean_marketplace_page_on_a_japan_order_is_a_warning_naming_it(
    url: str, host: str
) -> None:
    problems = orderkit.validate_order(japan(product_url=url))
    assert _found(problems) == [("product_url", Code.KOREAN_PRODUCT_URL, Severity.WARNING)]
    assert host in problems[0].message
    english = orderkit.validate_order(japan(product_url=url), locale="en")
    assert host in english[0].message
    assert "Japanese marketplace" in english[0].message


@pytest.mark.parametrize(
    "url",
    [
        "https://item.rakuten.co.jp/shop/a/",
        "https://www.qoo10.jp/g/123",
        "https://www.amazon.co.jp/dp/B000000000",
        "https://store.shopping.yahoo.co.jp/haru/tee.html",
        "https://haru.myshopify.com/products/tee",
        "https://naver.com.example.jp/x",
    ],
)
def test_a_japanese_page_gets_no_warning(url: str) -> None:
    assert orderkit.validate_order(japan(product_url=url)) == []


def test_a_korean_page_on_a_korean_order_is_fine() -> None:
    data = base(product_url="https://smartstore.naver.com/haru/products/123")
    assert orderkit.validate_order(data) == []

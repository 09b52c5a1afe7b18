"""The rules' two backends, per value in Python and over columns in polars, give the same
flaws and the same typed values; and each declared rule accepts what it should."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import polars as pl
import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.model.problems import Flaw
from orderkit.rules import polars_rules
from orderkit.rules.declarations import (
    NUMBER_SHAPE,
    PLAIN_URL_SHAPE,
    POSTAL_SHAPES,
    QUANTITY,
    TEXT_RULES,
    AllowedChars,
    HttpUrl,
    IsoCountry,
    MaxChars,
    TextRule,
    postal_shape_of,
)
from orderkit.rules.field_rules import (
    compile_text_rule,
    is_http_url,
    parse_amount,
    parse_quantity,
    postal_code_of,
)
from orderkit.rules.lazy_columns import LazyColumn
from orderkit.rules.order_rules import CheckedOrders, check_lines, check_orders
from orderkit.rules.polars_backend import check_lines_frame, check_orders_frame

from .strategies import JP_MOBILE, JP_POSTAL, KR_MOBILE, KR_POSTAL

# White space Python's str.strip and re's \s see and Rust's regex \s does not (or the other
# way round), full-width forms, decomposed Hangul, emoji: where two engines part ways.
_ODD = "\x1c\x1d\x1e\x1f\x85\u200b\u3000\xa0\t\n \u2028"
_WIDE = "０１２３４５６７８９－（）＋，．ＡＢＪＰｊｐ￥"
_HANGUL_NFD = unicodedata.normalize("NFD", "홍길동서울")
_ALPHABET = (
    "0123456789-()+,. ?/:#_abcJKPRUSXZjkpr"
    + _ODD
    + _WIDE
    + _HANGUL_NFD
    + "홍길동鈴木😀👍🏽²٣é\u0301"
)
JUNK = st.text(st.sampled_from(_ALPHABET), max_size=24)


def _around(text: str, limit: int) -> st.SearchStrategy[str]:
    """Texts of exactly ``limit - 1`` to ``limit + 1`` characters built from ``text``."""
    return st.integers(limit - 1, limit + 1).map(lambda n: (text * n)[:n])


PHONES = st.one_of(
    KR_MOBILE,
    JP_MOBILE,
    JUNK,
    st.sampled_from(
        ["1012345678", "01012345678", "0212345678", "1588-1234", "+81 90-1234-5678",
         "+82-10-1234-5678", "010-1234-5678 ", "010--1234-5678", "(02)123-4567", "00"]
    ),
    _around("0", 15),
    _around("01012345678-", 16),
    st.text("0123456789-+() ", max_size=17),
)  # fmt: skip
NAMES = st.one_of(JUNK, _around("홍", 20), _around(_HANGUL_NFD, 21), _around("😀", 20))
COUNTRIES = st.one_of(
    st.sampled_from(["", "KR", "JP", "US", "jp", "Japan", "JPN", "XX", "ＪＰ", "일본", " KR"]),
    st.text(st.sampled_from("ABJKPRSUXZjp"), max_size=3),
)
AMOUNTS = st.one_of(
    JUNK,
    st.sampled_from(["0", "-0", "0.00", "1,000", "1,00", "-5", "+7", "3.50", "3.0", "1,000.5"]),
    st.decimals(-10_000, 10_000_000, places=2, allow_nan=False).map(str),
    st.integers(0, 10**22).map(lambda n: f"{n:,}"),
)
QUANTITIES = st.one_of(
    AMOUNTS,
    st.sampled_from(["0", "1", "1000000", "1000001", "1,000,000", "1,000,001", "2.0", "+1"]),
    st.integers(-5, 10**20).map(str),
)
POSTAL = st.one_of(KR_POSTAL, JP_POSTAL, JUNK, st.sampled_from(["4524", "1000001", "100001"]))
URLS = st.one_of(
    JUNK,
    st.sampled_from(
        ["https://www.rakuten.co.jp/x", "http://smartstore.naver.com/a", "https://A.KR/x",
         "https://shop.example.jp:8080/p?q=1", "https://x", "ftp://a.b", "https://a.b/ c",
         "https://[::1]/x", "https://naver.com.evil.jp/", "http://a.b\u200b"]
    ),
)  # fmt: skip
_FIELDS: Mapping[str, st.SearchStrategy[str]] = {
    "platform": st.sampled_from(["네이버", "", "쿠팡"]),
    "brand": st.sampled_from(["", "브랜드"]),
    "order_number": st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=4)),
    "recipient_name": NAMES,
    "phone": PHONES,
    "postal_code": POSTAL,
    "address": st.one_of(JUNK, st.sampled_from(["서울 ?로", "鈴木 一?", "?", "what?"])),
    "address_detail": JUNK,
    "order_amount": AMOUNTS,
    "paid_amount": AMOUNTS,
    "total_amount": AMOUNTS,
    "country": COUNTRIES,
    "product_url": URLS,
}


@st.composite
def order_columns(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(0, 8))
    # A frame knows its number of rows from its columns: at least one is there.
    fields = draw(st.lists(st.sampled_from(sorted(_FIELDS)), min_size=1, unique=True))
    values = {f: draw(st.lists(_FIELDS[f], min_size=count, max_size=count)) for f in fields}
    rows = st.integers(0, max(count - 1, 0))
    money = st.sampled_from(["39,800원", "¥3,980", "3円"])
    return {
        "values": values,
        "count": count,
        "numeric": {"phone": draw(st.sets(rows))} if count else {},
        "encoding": draw(st.sampled_from([None, "utf-8", "cp949", "cp932"])),
        "won_paid": draw(st.dictionaries(rows, money)) if count else None,
        "yen_paid": draw(st.dictionaries(rows, money)) if count else None,
    }


def _frame(values: Mapping[str, Sequence[str]]) -> pl.DataFrame:
    return pl.DataFrame({f: pl.Series(f, list(v), dtype=pl.String) for f, v in values.items()})


def _worded(flaws: list[tuple[int, Flaw]]) -> list[tuple[object, ...]]:
    """Each flaw as the user sees it, in both languages."""
    worded = []
    for i, flaw in flaws:
        ko, en = flaw.to_problem(i, "ko"), flaw.to_problem(i, "en")
        worded.append((i, ko.field, ko.code, ko.severity, ko.value, ko.message, en.message))
    return worded


def _plain(checked: CheckedOrders) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    values = {f: list(column) for f, column in checked.values.items()}
    return values, {f: list(column) for f, column in checked.amounts.items()}


@given(order_columns())
def test_both_backends_find_the_same_flaws_and_values(case: dict[str, Any]) -> None:
    values, count = case["values"], case["count"]
    options = {k: case[k] for k in ("encoding", "won_paid", "yen_paid")}
    expected = check_orders(values, case["numeric"], count, **options)
    actual = check_orders_frame(_frame(values), case["numeric"], **options)
    assert actual.flaws == expected.flaws
    assert _worded(actual.flaws) == _worded(expected.flaws)
    assert _plain(actual) == _plain(expected)


@given(st.lists(st.tuples(st.one_of(st.just(""), JUNK), QUANTITIES), max_size=10))
def test_both_backends_check_lines_alike(lines: list[tuple[str, str]]) -> None:
    skus, quantities = [s for s, _ in lines], [q for _, q in lines]
    expected = check_lines(skus, quantities)
    actual = check_lines_frame(
        pl.Series(skus, dtype=pl.String), pl.Series(quantities, dtype=pl.String)
    )
    assert actual.flaws == expected.flaws
    assert _worded(actual.flaws) == _worded(expected.flaws)
    assert list(actual.quantities) == list(expected.quantities)


def test_a_frame_may_hold_nulls_for_empty_cells() -> None:
    frame = pl.DataFrame(
        {"phone": ["010-1234-5678", None], "platform": [None, "x"], "brand": [None, "b"]}
    )
    values = {"phone": ["010-1234-5678", ""], "platform": ["", "x"], "brand": ["", "b"]}
    expected = check_orders(values, {}, 2)
    actual = check_orders_frame(frame, {})
    assert actual.flaws == expected.flaws
    assert _plain(actual) == _plain(expected)


def test_lines_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="2 SKUs but 1 quantities"):
        check_lines_frame(pl.Series(["a", "b"]), pl.Series(["1"]))


def test_importing_the_polars_backend_does_not_import_polars() -> None:
    code = "import sys, orderkit.rules.polars_backend; print('polars' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# One property per declared rule: what the declaration says, checked in both backends
# against an independent reading of the SPEC.


def _both_accept(rule: TextRule, texts: list[str]) -> tuple[list[bool], list[bool]]:
    check = compile_text_rule(rule)
    frame = pl.DataFrame({"t": pl.Series(texts, dtype=pl.String)})
    column = frame.select(polars_rules.accepts(rule, pl.col("t")))[:, 0].to_list()
    return [check.accepts(t) for t in texts], column


@given(st.lists(st.one_of(NAMES, JUNK), min_size=1, max_size=6))
def test_max_chars_counts_code_points(texts: list[str]) -> None:
    for field, rules in TEXT_RULES.items():
        for rule in (r for r in rules if isinstance(r, MaxChars)):
            python, column = _both_accept(rule, texts)
            expected = [len(t) <= rule.limit for t in texts]
            assert python == column == expected, field


@given(st.lists(PHONES, min_size=1, max_size=6))
def test_allowed_chars_accepts_exactly_its_characters(texts: list[str]) -> None:
    rule = next(r for r in TEXT_RULES["phone"] if isinstance(r, AllowedChars))
    python, column = _both_accept(rule, texts)
    assert python == column == [all(c in "0123456789()+-" for c in t) for t in texts]


_ALPHA_2 = {country.alpha_2 for country in pycountry.countries}


@given(st.lists(st.one_of(COUNTRIES, st.sampled_from(sorted(_ALPHA_2))), min_size=1, max_size=6))
def test_iso_country_accepts_exactly_the_existing_codes(texts: list[str]) -> None:
    python, column = _both_accept(IsoCountry(), texts)
    assert python == column == [t in _ALPHA_2 for t in texts]


@given(st.lists(st.one_of(URLS, st.from_regex(PLAIN_URL_SHAPE, fullmatch=True)), min_size=1))
def test_a_url_the_columns_accept_is_a_full_url(texts: list[str]) -> None:
    python, column = _both_accept(HttpUrl(), texts)
    for text, by_python, by_column in zip(texts, python, column, strict=True):
        assert by_python == is_http_url(text)
        assert not by_column or by_python  # the plain shape never accepts a bad URL


@given(st.lists(POSTAL, min_size=1, max_size=6), st.sampled_from(["KR", "JP", "US", "ZZ"]))
def test_postal_codes_fit_their_country(texts: list[str], country: str) -> None:
    shape = postal_shape_of(country).shape
    frame = pl.DataFrame({"t": pl.Series(texts, dtype=pl.String)})
    column = frame.select(pl.col("t").str.contains(polars_rules.whole(shape)))[:, 0].to_list()
    python = [postal_code_of(country).accepts(t) for t in texts]

    def spec(text: str) -> bool:
        ascii_digits = text.isascii() and text.isdigit()
        if country == "KR":
            return len(text) == 5 and ascii_digits and 1 <= int(text[:2]) <= 63
        if country == "JP":
            plain = text.replace("-", "", 1)
            dashed = len(text) == 8 and text[3] == "-"
            return plain.isascii() and plain.isdigit() and (len(text) == 7 or dashed)
        return re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 -]{0,9}", text, re.ASCII) is not None

    assert python == column == [spec(t) for t in texts]
    assert set(POSTAL_SHAPES) == {"KR", "JP"}


@given(st.lists(AMOUNTS, min_size=1, max_size=6))
def test_amounts_are_numbers_of_digits_and_right_separators(texts: list[str]) -> None:
    frame = pl.DataFrame({"t": pl.Series(texts, dtype=pl.String)})
    shaped = frame.select(polars_rules.number_shaped(pl.col("t")))[:, 0].to_list()
    below = frame.select(polars_rules.below_zero(pl.col("t")))[:, 0].to_list()
    for text, by_shape, by_sign in zip(texts, shaped, below, strict=True):
        parsed = parse_amount("order_amount", text)
        groups = text.lstrip("+-").split(".")[0].split(",")
        readable = (
            re.fullmatch(r"[+-]?[0-9,]+(\.[0-9]+)?", text, re.ASCII) is not None
            and all(g for g in groups)
            and (len(groups) == 1 or (len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])))
        )
        assert by_shape == readable == (re.fullmatch(NUMBER_SHAPE, text) is not None)
        if readable:
            value = Decimal(text.replace(",", ""))
            assert by_sign == (value < 0)
            assert parsed == value if value >= 0 else isinstance(parsed, Flaw)
        else:
            assert isinstance(parsed, Flaw)
            assert parsed.message_id == "bad_number"


@given(st.lists(QUANTITIES, min_size=1, max_size=6))
def test_quantity_is_a_whole_number_in_range(texts: list[str]) -> None:
    checked = check_lines_frame(pl.Series(["s"] * len(texts)), pl.Series(texts, dtype=pl.String))
    for text, value in zip(texts, checked.quantities, strict=True):
        number = None
        if re.fullmatch(NUMBER_SHAPE, text):
            exact = Decimal(text.replace(",", ""))
            number = int(exact) if exact == exact.to_integral_value() else None
        in_range = number is not None and QUANTITY.low <= number <= QUANTITY.high
        parsed = parse_quantity("quantity", text)
        assert value == (number if in_range else None)
        assert value == (None if isinstance(parsed, Flaw) else parsed)


def test_a_lazy_column_makes_its_values_once_and_compares_as_a_list() -> None:
    made: list[int] = []

    def make() -> list[int]:
        made.append(1)
        return [1, 2, 3]

    column = LazyColumn(3, make)
    assert len(column) == 3
    assert not made
    assert column == [1, 2, 3]
    assert column[1:] == [2, 3]
    assert list(column) == [1, 2, 3]
    assert made == [1]
    with pytest.raises(AssertionError, match="made 3 values, not 4"):
        LazyColumn(4, make)[0]


_DOMESTIC_PHONES = st.one_of(
    KR_MOBILE,
    JP_MOBILE,
    st.from_regex(r"0[0-9]{0,3}(-?[0-9]{1,4}){0,4}-?", fullmatch=True),
    st.from_regex(r"0[0-9-]{0,14}", fullmatch=True),
)


@given(st.lists(_DOMESTIC_PHONES, min_size=1, max_size=8), st.sampled_from(["KR", "JP"]))
def test_a_phone_the_columns_find_valid_is_valid_to_phonenumbers(
    phones: list[str], country: str
) -> None:
    import phonenumbers

    from orderkit.rules.phones import phone_plausible
    from orderkit.rules.polars_phones import valid_domestic

    valid = valid_domestic(pl.Series(phones, dtype=pl.String), country)
    assert valid is not None
    for phone, sure in zip(phones, valid.to_list(), strict=True):
        if sure:
            number = phonenumbers.parse(phone, country)
            assert phonenumbers.is_valid_number_for_region(number, country)
            assert phone_plausible(phone, country)
        elif phone_plausible(phone, country) and phone.replace("-", "").isdigit():
            # The Python fast path answered from the same shapes: so must the columns.
            assert not _fast_answers(phone, country)


def _fast_answers(phone: str, country: str) -> bool:
    from orderkit.rules.phones import _fast_path

    answer = _fast_path(country)
    return answer is not None and answer(phone) is True


def test_many_orders_are_checked_over_columns_with_the_same_answers() -> None:
    from orderkit.rules.order_rules import COLUMNS_FROM, check_orders_per_value

    count = COLUMNS_FROM
    phones = ["010-1234-5678", "1012345678", "010-1234-5678-9", "+81 90-1234-5678", ""]
    countries = ["", "JP", "jp", "KR", "XX", "US"]
    values = {
        "platform": ["네이버"] * count,
        "order_number": [str(n) for n in range(count)],
        "recipient_name": [("홍" * (n % 23)) for n in range(count)],
        "phone": [phones[n % len(phones)] for n in range(count)],
        "postal_code": [("4524", "06236", "100-0001", "x")[n % 4] for n in range(count)],
        "address": ["서울 ?구" if n % 7 else "" for n in range(count)],
        "country": [countries[n % len(countries)] for n in range(count)],
        "paid_amount": [("", "3,980", "0", "1.5", "-1", "x")[n % 6] for n in range(count)],
        "product_url": [
            ("", "https://a.jp/1", "https://m.naver.com/x")[n % 3] for n in range(count)
        ],
    }
    numeric = {"phone": set(range(0, count, 3))}
    options: dict[str, Any] = {"encoding": "cp949", "won_paid": {7: "3원"}, "yen_paid": {0: "¥1"}}
    dispatched = check_orders(values, numeric, count, **options)
    per_value = check_orders_per_value(values, numeric, count, **options)
    assert isinstance(dispatched.values["phone"], LazyColumn)  # it did go over columns
    assert not isinstance(per_value.values["phone"], LazyColumn)
    assert dispatched.flaws == per_value.flaws
    assert len({flaw.message_id for _, flaw in per_value.flaws}) >= 15
    assert _plain(dispatched) == _plain(per_value)


def test_text_polars_cannot_hold_is_checked_per_value() -> None:
    from orderkit.rules.order_rules import COLUMNS_FROM, check_orders_per_value

    count = COLUMNS_FROM
    names = ["홍길동"] * (count - 1) + ["\ud800" * 21]  # a lone surrogate: no UTF-8 for it
    values = {"recipient_name": names, "order_number": [str(n) for n in range(count)]}
    checked = check_orders(values, {}, count)
    assert checked.flaws == check_orders_per_value(values, {}, count).flaws
    assert (count - 1, "too_long") in [(i, f.message_id) for i, f in checked.flaws]


def test_a_result_of_the_columns_travels_by_pickle() -> None:
    # Reports cross to worker processes (a pool, Spark, Dask) by pickle.
    import pickle

    values = {
        "platform": ["P"] * 3,
        "order_number": ["1", "2", "3"],
        "postal_code": ["4524", "12345", "x"],
        "order_amount": ["1,000", "", "-1"],
        "phone": ["010-1234-5678", "-", ""],
    }
    checked = check_orders_frame(_frame(values), {"postal_code": {0}})
    again = pickle.loads(pickle.dumps(checked))
    assert again.flaws == checked.flaws
    assert _plain(again) == _plain(checked)
    assert all(isinstance(column, LazyColumn) for column in again.values.values())


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "KR", "JP", "US", "GB", "DE", "FR", "CN", "BR", "ZZ"]),
            st.sampled_from(["", "04524", "4524", "100-0001", "1000001", "SW1A 1AA", "x", "-"]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_postal_codes_of_many_destinations_agree(pairs: list[tuple[str, str]]) -> None:
    count = len(pairs)
    values = {
        "platform": ["P"] * count,
        "order_number": [str(i) for i in range(count)],
        "country": [country for country, _ in pairs],
        "postal_code": [code for _, code in pairs],
    }
    expected = check_orders(values, {}, count)
    actual = check_orders_frame(_frame(values), {})
    assert _worded(actual.flaws) == _worded(expected.flaws)
    assert _plain(actual) == _plain(expected)


def test_a_report_checked_over_columns_pickles_like_any_other() -> None:
    import pickle

    import orderkit
    from orderkit.rules.order_rules import COLUMNS_FROM

    record = {
        "platform": "P",
        "recipient_name": "김하늘",
        "phone": "010-1234-5678",
        "postal_code": "04524",
        "address": "서울",
        "sku": "A",
        "quantity": "1",
    }
    records = [{**record, "order_number": str(i)} for i in range(COLUMNS_FROM)]
    records[7]["postal_code"] = "x"
    report = orderkit.validate_records(records)
    again = pickle.loads(pickle.dumps(report))
    assert again.problems == report.problems
    assert [(p.field, p.code, p.value) for p in again.problems] == [
        ("postal_code", "bad_postal_code", "x")
    ]
    assert again.orders == report.orders
    assert len(again.orders) == COLUMNS_FROM - 1

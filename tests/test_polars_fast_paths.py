"""The polars backend's shortcuts: each decides only what the rules would decide the same
way, and each is taken for the values most sheets hold (else it would cost, not save)."""

from __future__ import annotations

import re

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.model.problems import Flaw
from orderkit.rules.declarations import (
    AMOUNT_FIELDS,
    REQUIRED_ORDER_FIELDS,
    TEXT_RULES,
    VISIBLE_SHAPE,
)
from orderkit.rules.field_rules import TEXT_CHECKS, parse_amount
from orderkit.rules.order_rules import check_lines
from orderkit.rules.phones import _fast_path
from orderkit.rules.polars_lines import check_lines_frame
from orderkit.rules.polars_phones import valid_domestic
from orderkit.rules.polars_rules import marked, plainly_fine

from .strategies import JP_MOBILE, KR_MOBILE, KR_POSTAL
from .test_rule_backends import AMOUNTS, JUNK, NAMES, PHONES, URLS

_FIELDS = tuple(dict.fromkeys((*REQUIRED_ORDER_FIELDS, *TEXT_RULES, *AMOUNT_FIELDS)))


def _plainly_fine(field: str, texts: list[str]) -> list[bool]:
    expression = plainly_fine(
        pl.col("t"),
        required=field in REQUIRED_ORDER_FIELDS,
        rules=TEXT_RULES.get(field, ()),
        amount=field in AMOUNT_FIELDS,
    )
    fine: list[bool] = (
        pl.DataFrame({"t": pl.Series(texts, dtype=pl.String)}).select(expression)[:, 0].to_list()
    )
    return fine


def _breaks_a_rule(field: str, text: str) -> bool:
    """What the per-value backend says of one value of ``field`` on its own."""
    if field in REQUIRED_ORDER_FIELDS and (not text or not re.search(VISIBLE_SHAPE, text)):
        return True  # missing, or blank-looking (the rules look closer)
    if not text:
        return False
    if not all(check.accepts(text) for check in TEXT_CHECKS.get(field, ())):
        return True
    return field in AMOUNT_FIELDS and isinstance(parse_amount(field, text), Flaw)


_TEXTS = st.one_of(
    JUNK, NAMES, PHONES, AMOUNTS, URLS, KR_POSTAL, st.sampled_from(["", "-0", "+0", "KR"])
)


@given(st.sampled_from(_FIELDS), st.lists(_TEXTS, min_size=1, max_size=12))
def test_a_value_plainly_fine_breaks_no_rule(field: str, texts: list[str]) -> None:
    for text, fine in zip(texts, _plainly_fine(field, texts), strict=True):
        assert not (fine and _breaks_a_rule(field, text)), (field, text)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("platform", "네이버"),
        ("order_number", "2026-0000001"),
        ("recipient_name", "김하늘"),
        ("recipient_name", "山田 太郎"),
        ("phone", "010-1234-5678"),
        ("phone", "(02)123-4567"),
        ("postal_code", "04524"),
        ("address", "서울특별시 중구 세종대로 110"),
        ("country", ""),
        ("country", "JP"),
        ("product_url", "https://shop.example.jp/items/1"),
        ("order_amount", "151,000"),
        ("order_amount", "+7.50"),
        ("paid_amount", ""),
    ],
)
def test_the_values_of_most_sheets_are_plainly_fine(field: str, text: str) -> None:
    assert _plainly_fine(field, [text]) == [True]


@pytest.mark.parametrize(
    ("field", "text"),
    [("platform", ""), ("phone", "-"), ("phone", "010 1234 5678"), ("order_amount", "-0")],
)
def test_a_value_the_rules_must_look_at_is_not_plainly_fine(field: str, text: str) -> None:
    # "-0" is fine, but only the rules say so: the shortcut leaves every sign of "-" to them.
    assert _plainly_fine(field, [text]) == [False]


def test_marked_rows_are_the_row_numbers_given_within_the_height() -> None:
    rows = [3, 0, 3, -1, 5, 17]
    assert marked(5, rows).to_list() == [True, False, False, True, False]
    assert marked(0, [0]).to_list() == []
    assert marked(2, []).to_list() == [False, False]


_QUANTITIES = [
    "1", "0000001", "1000000", "1000001", "0000000", "01000000", "9999999", "0",
    "+1", "-1", "1,000", "1.0", "1.5", "x", "", "１", "٣", " 1", "10000000000000000000000",
]  # fmt: skip


def test_quantities_read_by_the_cast_and_the_rest_agree_with_the_python_backend() -> None:
    skus = ["A"] * len(_QUANTITIES)
    expected = check_lines(skus, _QUANTITIES)
    actual = check_lines_frame(pl.Series(skus), pl.Series(_QUANTITIES, dtype=pl.String))
    assert actual.flaws == expected.flaws
    assert list(actual.quantities) == list(expected.quantities)
    assert list(actual.quantities)[:3] == [1, 1, 1_000_000]


_DOMESTIC_PHONES = st.one_of(
    KR_MOBILE,
    JP_MOBILE,
    st.from_regex(r"0[0-9]{0,3}(-?[0-9]{1,4}){0,4}-?", fullmatch=True),
    st.from_regex(r"0(8[0-9]{1,3}|0[0-9]{1,6}|10|037680?)[0-9-]{0,12}", fullmatch=True),
    st.sampled_from(["0", "00", "0812345678", "0085212345678", "000212345", "0037680123"]),
)


@given(st.lists(_DOMESTIC_PHONES, min_size=1, max_size=10), st.sampled_from(["KR", "JP"]))
def test_the_columns_find_a_phone_valid_exactly_when_the_python_fast_path_does(
    phones: list[str], country: str
) -> None:
    # Both directions: a number the columns miss costs a call to phonenumbers.
    answer = _fast_path(country)
    assert answer is not None
    valid = valid_domestic(pl.Series(phones, dtype=pl.String), country)
    assert valid is not None
    assert valid.to_list() == [answer(phone) is True for phone in phones]


@pytest.mark.parametrize("others", [150, 600])
def test_phones_of_other_types_than_mobile_agree_on_either_side_of_the_polars_threshold(
    others: int,
) -> None:
    # Below 200 such numbers Python's fast path answers them; from 200, the columns do.
    from orderkit.rules.order_rules import check_orders_per_value
    from orderkit.rules.polars_backend import check_orders_frame

    kinds = ["02-{:03d}-{:04d}", "031-{:03d}-{:04d}", "010-5{:03d}-{:04d}", "070-{:04d}-{:04d}"]
    phones = [kinds[n % 4].format(n % 1000, n) for n in range(others)]
    phones += [f"010-{n:04d}-{n:04d}" for n in range(100)] + ["03-1234-5678", "0312345678"]
    count = len(phones)
    values = {
        "platform": ["P"] * count,
        "order_number": [str(n) for n in range(count)],
        "phone": phones,
        "country": [("", "JP")[n % 7 == 0] for n in range(count)],
    }
    numeric = {"phone": set(range(0, count, 11))}
    expected = check_orders_per_value(values, numeric, count)
    frame = pl.DataFrame({f: pl.Series(v, dtype=pl.String) for f, v in values.items()})
    actual = check_orders_frame(frame, numeric)
    assert actual.flaws == expected.flaws
    assert {flaw.message_id for _, flaw in expected.flaws} >= {"implausible_phone"}


def test_a_frame_may_carry_columns_named_like_the_backends_own() -> None:
    from orderkit.rules.order_rules import check_orders_per_value
    from orderkit.rules.polars_backend import check_orders_frame

    values = {"platform": ["P", ""], "order_number": ["1", "2"], "phone": ["010-1234-5678", "x"]}
    frame = pl.DataFrame(values).with_columns(
        _row=pl.lit("r"), _won=pl.lit(1), _japan=pl.lit(True), _destination=pl.lit("JP")
    )
    assert check_orders_frame(frame, {}).flaws == check_orders_per_value(values, {}, 2).flaws

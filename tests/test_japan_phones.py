"""International phones on Japan and Korea orders (issue 13 follow-up, item 6).

SPEC §1: a phone is at most 15 characters of digits, ``(``, ``)``, ``+`` and ``-``. So
``+819012345678`` is a legal phone, and Shopify's ``+81 90-1234-5678`` is not (a space, 16
characters): it stays an error, but one that says how to write it, in both languages.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import Code

from .test_japan_keys import japan
from .test_rules import base


@pytest.mark.parametrize("phone", ["+819012345678", "+81312345678", "+81-3-1234-5678"])
def test_a_compact_international_number_is_a_legal_phone(phone: str) -> None:
    assert orderkit.validate_order(japan(phone=phone)) == []


@pytest.mark.parametrize(
    ("data", "domestic", "international", "code"),
    [
        (japan(phone="+81 90-1234-5678"), "090-1234-5678", "+819012345678", Code.TOO_LONG),
        (japan(phone="+81-90-1234-5678"), "090-1234-5678", "+819012345678", Code.TOO_LONG),
        (japan(phone="+81 3-1234-5678"), "03-1234-5678", "+81312345678", Code.BAD_CHARS),
        (japan(phone="+81 (0)90-1234-5678"), "090-1234-5678", "+819012345678", Code.TOO_LONG),
        (base(phone="+82 10-1234-5678"), "010-1234-5678", "+821012345678", Code.TOO_LONG),
    ],
)
def test_an_international_form_the_rules_refuse_says_how_to_write_it(
    data: dict[str, Any], domestic: str, international: str, code: Code
) -> None:
    for locale in ("ko", "en"):
        errors = [p for p in orderkit.validate_order(data, locale=locale) if p.is_error]
        (error,) = errors  # one error, not one per broken rule
        assert (error.field, error.code) == ("phone", code)
        assert domestic in error.message
        assert international in error.message
        assert data["phone"] in error.message


def test_another_country_s_number_keeps_the_plain_rules() -> None:
    problems = orderkit.validate_order(japan(phone="+82 10-1234-5678"))
    assert {p.code for p in problems if p.is_error} == {Code.TOO_LONG, Code.BAD_CHARS}


@given(
    st.sampled_from(["90", "80", "70"]),
    st.integers(1000, 9999),
    st.integers(1000, 9999),
    st.sampled_from([" ", "-", " (0)"]),
)
def test_any_spaced_japanese_mobile_gets_its_domestic_form(
    prefix: str, middle: int, last: int, separator: str
) -> None:
    phone = f"+81{separator}{prefix}-{middle}-{last}"
    errors = [p for p in orderkit.validate_order(japan(phone=phone)) if p.is_error]
    if len(phone) <= 15 and set(phone) <= set("0123456789()+-"):
        assert errors == []
    else:
        (error,) = errors
        assert f"0{prefix}-{middle}-{last}" in error.message

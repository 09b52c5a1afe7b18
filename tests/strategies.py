"""Hypothesis strategies for orders: valid ones, and junk."""

from __future__ import annotations

import re
import string
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from orderkit.model.text import normalize_text
from orderkit.rules.cross_field import blank_flaw

KR_MOBILE = st.builds(
    lambda a, b: f"010-{a:04d}-{b:04d}",
    st.integers(0, 9999),
    st.integers(0, 9999),
)
JP_MOBILE = st.builds(
    lambda p, a, b: f"{p}-{a:04d}-{b:04d}",
    st.sampled_from(["090", "080", "070"]),
    st.integers(1000, 9999),
    st.integers(0, 9999),
)
KR_POSTAL = st.builds(lambda p, r: f"{p:02d}{r:03d}", st.integers(1, 63), st.integers(0, 999))
JP_POSTAL = st.builds(
    lambda a, b, dash: f"{a:03d}-{b:04d}" if dash else f"{a:03d}{b:04d}",
    st.integers(0, 999),
    st.integers(0, 9999),
    st.booleans(),
)


# "_x0000_" is how xlsx spells a control character. Excel escapes such text typed by a
# user; openpyxl, which writes the tests' workbooks, does not, so it could not survive them.
_XLSX_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def _clean_text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Text that is already normalised and non-empty, as the rules store it."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"))
    return (
        st.text(alphabet, min_size=min_size, max_size=max_size)
        .map(normalize_text)
        .filter(lambda s: min_size <= len(s) <= max_size and not _XLSX_ESCAPE.search(s))
        # A value with nothing visible in it (a zero-width space) is as good as empty.
        .filter(lambda s: blank_flaw("address", s) is None)
    )


NAMES = _clean_text(1, 20)
FREE_TEXT = _clean_text(1, 40)
CODES = st.text(string.ascii_uppercase + string.digits + "-_", min_size=1, max_size=20)
AMOUNTS = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False)
# Japan customs needs what was really paid: never 0 yen.
YEN = st.integers(1, 10_000_000).map(Decimal)


@st.composite
def valid_order_data(draw: st.DrawFn) -> dict[str, Any]:
    """A canonical order dict that every rule accepts."""
    japan = draw(st.booleans())
    data: dict[str, Any] = {
        "platform": draw(FREE_TEXT),
        "order_number": draw(CODES),
        "recipient_name": draw(NAMES),
        "phone": draw(JP_MOBILE if japan else KR_MOBILE),
        "postal_code": draw(JP_POSTAL if japan else KR_POSTAL),
        "address": draw(FREE_TEXT),
        "lines": draw(
            st.lists(
                st.fixed_dictionaries({"sku": CODES, "quantity": st.integers(1, 1_000_000)}),
                min_size=1,
                max_size=4,
            )
        ),
    }
    if japan:
        data["country"] = "JP"
        data["product_url"] = "https://shop.example.jp/item/" + draw(CODES)
        data["paid_amount"] = str(draw(YEN))
    elif draw(st.booleans()):
        data["country"] = "KR"
    optional = {
        "brand": FREE_TEXT,
        "address_detail": FREE_TEXT,
        "delivery_message": FREE_TEXT,
        "order_amount": AMOUNTS.map(str),
        "total_amount": AMOUNTS.map(str),
    }
    for field, strategy in optional.items():
        if draw(st.booleans()):
            data[field] = draw(strategy)
    return data


JUNK_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.booleans(),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def junk_order_data(draw: st.DrawFn) -> Any:
    """Anything a careless or hostile caller might pass."""
    from orderkit.model.fields import ORDER_FIELDS

    keys = st.one_of(st.sampled_from([*ORDER_FIELDS, "lines", "sku", "quantity"]), st.text())
    lines = st.one_of(
        JUNK_VALUES,
        st.lists(st.dictionaries(st.sampled_from(["sku", "quantity", "x"]), JUNK_VALUES)),
    )
    mapping = st.dictionaries(keys, JUNK_VALUES, max_size=16).flatmap(
        lambda d: st.fixed_dictionaries({}, optional={"lines": lines}).map(lambda x: {**d, **x})
    )
    return draw(st.one_of(mapping, JUNK_VALUES))

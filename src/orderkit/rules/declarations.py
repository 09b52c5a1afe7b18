"""The SPEC §1 rules, declared once as data: which field, which rule, with what parameters.

Two backends compile these declarations. The Python backend
(:mod:`orderkit.rules.field_rules` and :mod:`orderkit.rules.order_rules`) checks one value
at a time, for a form's dict where loading a dataframe library would cost more than the
work; the polars backend (:mod:`orderkit.rules.polars_backend`) turns the same declarations
into expressions over whole columns. A property test holds the two to identical flaws.

Regular expressions here are written in the dialect both engines read the same way:
explicit ASCII classes (``[0-9]``, never ``\\d``, ``\\w`` or ``\\s``, which mean more in
Python's Unicode ``re`` and Rust's ``regex`` alike, and not the same more), no look-around.
A shape is matched against the whole text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

__all__ = [
    "AMOUNT_FIELDS",
    "DEFAULT_COUNTRY",
    "INVISIBLE_FILLERS",
    "JAPAN",
    "JAPAN_WORDING",
    "KOREAN_MARKET_HOSTS",
    "LOST_ZERO_MIN_DIGITS",
    "NUMBER_SHAPE",
    "PHONE_WITHOUT_DIGITS",
    "PLAIN_URL_SHAPE",
    "POSTAL_SHAPES",
    "QUANTITY",
    "REQUIRED_ORDER_FIELDS",
    "TEXT_RULES",
    "VISIBLE_SHAPE",
    "AllowedChars",
    "HttpUrl",
    "IsoCountry",
    "MaxChars",
    "PostalShape",
    "Range",
    "TextRule",
    "postal_shape_of",
]


@attrs.frozen
class MaxChars:
    """At most ``limit`` characters (code points after NFC, not bytes). ``removable``: the
    characters whose removal a message may suggest when the shorter text would fit and
    holds only characters of ``kept`` (when given), so the suggestion is itself valid."""

    limit: int
    removable: str = ""
    kept: str = ""


@attrs.frozen
class AllowedChars:
    """Only the characters of ``allowed``; ``shown`` is how a message lists them."""

    allowed: str
    shown: str


@attrs.frozen
class IsoCountry:
    """An existing ISO 3166-1 alpha-2 code in upper case; never guessed, only suggested."""


@attrs.frozen
class HttpUrl:
    """An absolute http(s) URL whose host has a dot, without white space."""


TextRule = MaxChars | AllowedChars | IsoCountry | HttpUrl


@attrs.frozen
class Range:
    """A whole number from ``low`` to ``high``, both included."""

    low: int
    high: int


@attrs.frozen
class PostalShape:
    """The postal codes of one destination: their ``shape``, the message a code of another
    shape gets, and how many digits a code typed as a number should have (its leading 0
    may have been lost; 0: no such code)."""

    country: str
    shape: str
    message_id: str
    digits: int = 0


REQUIRED_ORDER_FIELDS: Final = (
    "platform",
    "order_number",
    "recipient_name",
    "phone",
    "postal_code",
    "address",
)
"""Order-level fields that must not be empty (``missing``)."""

VISIBLE_SHAPE: Final = "[0-9A-Za-z가-힣ぁ-ゖァ-ヺ一-鿿]"
"""A character both engines read as visible (digits, Latin letters, Hangul syllables, kana,
CJK ideographs): a required value holding one is not blank-looking. Values without one are
few, and are decided one distinct value at a time (:func:`blank_looking`)."""

INVISIBLE_FILLERS: Final = frozenset("\u115f\u1160\u3164\uffa0")
"""Hangul fillers: letters to Unicode, blank on screen."""

PHONE_WITHOUT_DIGITS: Final = "[()+-]+"
"""A phone made only of the punctuation a phone may hold: no number at all (``-``, ``()``)."""

TEXT_RULES: Final[Mapping[str, tuple[TextRule, ...]]] = {
    "recipient_name": (MaxChars(20),),
    "phone": (
        MaxChars(15, removable="- ", kept="0123456789()+"),
        AllowedChars("0123456789()+-", "0-9 ( ) + -"),
    ),
    "country": (IsoCountry(),),
    "product_url": (HttpUrl(),),
}
"""The rules of each text field, applied in this order to every non-empty value."""

AMOUNT_FIELDS: Final = ("order_amount", "paid_amount", "total_amount")
"""Non-negative numbers of money; ``"1,000"`` is 1000."""

NUMBER_SHAPE: Final = r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
"""Digits with thousands separators done right (``1,000`` but not ``1,00``), an optional
fraction and sign. No exponents, currency signs or units: a person's typo to fix."""

QUANTITY: Final = Range(1, 1_000_000)

DEFAULT_COUNTRY: Final = "KR"
"""The destination of an order whose country is empty."""

POSTAL_SHAPES: Final[Mapping[str, PostalShape]] = {
    # Five digits, the first two 01 to 63.
    "KR": PostalShape("KR", r"(?:0[1-9]|[1-5][0-9]|6[0-3])[0-9]{3}", "bad_postal_code_kr", 5),
    "JP": PostalShape("JP", r"[0-9]{3}-[0-9]{4}|[0-9]{7}", "bad_postal_code_jp", 7),
}
_OTHER_POSTAL: Final = r"[A-Za-z0-9][A-Za-z0-9 -]{0,9}"


def postal_shape_of(country: str) -> PostalShape:
    """The postal code declaration of a destination; a loose shape where none is known."""
    known = POSTAL_SHAPES.get(country)
    return known if known is not None else PostalShape(country, _OTHER_POSTAL, "bad_postal_code")


PLAIN_URL_SHAPE: Final = (
    r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?"
)
"""``https://shop.example.jp/items/1``: a URL every full check accepts, recognised without
taking it apart (a test holds the two together); anything else gets the full check."""

JAPAN: Final = "JP"
"""Orders shipped here need a product URL and the paid amount in whole yen (customs)."""

JAPAN_WORDING: Final[Mapping[tuple[str, str], str]] = {
    ("product_url", "bad_url"): "bad_url_jp",
    ("paid_amount", "bad_number"): "bad_number_yen",
    ("paid_amount", "negative"): "negative_yen",
}
"""For orders shipped to Japan, the customs fields' flaws in a Japanese seller's terms."""

KOREAN_MARKET_HOSTS: Final = frozenset({
    "naver.com", "coupang.com", "11st.co.kr", "gmarket.co.kr", "auction.co.kr", "ssg.com",
    "lotteon.com", "wemakeprice.com", "tmon.co.kr", "interpark.com", "kakao.com",
    "musinsa.com", "29cm.co.kr", "zigzag.kr", "ably.co.kr", "cafe24.com",
})  # fmt: skip
"""Korean marketplaces whose product pages a seller may paste where Japan customs needs the
Japanese marketplace's page (the same product is often sold on both); any ``.kr`` host too."""

LOST_ZERO_MIN_DIGITS: Final = 9
"""A number-typed phone this long cannot be a domestic number that legitimately lacks a
leading 0 (those are 8-digit service numbers such as 1588-xxxx): its 0 was lost."""

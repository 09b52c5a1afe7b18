"""Field rules of SPEC §1, each a small named check with a readable repr.

A check is called as ``check(field, text)`` on normalised, non-empty text and returns a
:class:`Flaw` or ``None``. Parsers (numbers) return the typed value or a flaw. Rules that
depend on another field (the destination country) live in :mod:`orderkit.crossfield`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Final, Protocol
from urllib.parse import urlsplit

import attrs

from orderkit.problems import Flaw

__all__ = [
    "NAME_MAX",
    "PHONE_ALLOWED",
    "PHONE_MAX",
    "QUANTITY_MAX",
    "Check",
    "allowed_chars",
    "country_codes",
    "http_url",
    "iso_country",
    "max_chars",
    "parse_amount",
    "parse_quantity",
    "suggest_country",
]

NAME_MAX: Final = 20
PHONE_MAX: Final = 15
PHONE_ALLOWED: Final = "0123456789()+-"
QUANTITY_MAX: Final = 1_000_000


class Check(Protocol):
    def __call__(self, field: str, text: str) -> Flaw | None: ...


@attrs.frozen(repr=False)
class max_chars:
    """At most ``limit`` characters (code points after NFC, not bytes)."""

    limit: int
    # How a too-long value may be shortened, for a message that says what to do.
    compact: Callable[[str], str] | None = None

    def __call__(self, field: str, text: str) -> Flaw | None:
        length = len(text)
        if length <= self.limit:
            return None
        params: tuple[tuple[str, object], ...] = (("length", length), ("max", self.limit))
        if self.compact is not None:
            shorter = self.compact(text)
            if len(shorter) <= self.limit:
                extra = (("compact", shorter), ("compact_length", len(shorter)))
                return Flaw(field, "too_long_phone", text, params + extra)
        return Flaw(field, "too_long", text, params)

    def __repr__(self) -> str:
        return f"<max_chars validator for {self.limit} characters>"


@attrs.frozen(repr=False)
class allowed_chars:
    """Only characters of ``allowed``."""

    allowed: frozenset[str]
    shown: str

    @classmethod
    def of(cls, allowed: str, shown: str) -> allowed_chars:
        return cls(frozenset(allowed), shown)

    def __call__(self, field: str, text: str) -> Flaw | None:
        bad = set(text) - self.allowed
        if not bad:
            return None
        chars = ", ".join(repr(c) for c in sorted(bad))
        return Flaw(field, "bad_chars", text, (("chars", chars), ("allowed", self.shown)))

    def __repr__(self) -> str:
        return f"<allowed_chars validator for {self.shown!r}>"


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code, loaded once on first use."""
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


# Names a Korean seller is likely to write instead of a code; only ever used to suggest.
_KOREAN_COUNTRY_NAMES: Final = {
    "한국": "KR",
    "대한민국": "KR",
    "일본": "JP",
    "미국": "US",
    "중국": "CN",
    "대만": "TW",
    "홍콩": "HK",
    "베트남": "VN",
    "태국": "TH",
    "싱가포르": "SG",
    "필리핀": "PH",
    "말레이시아": "MY",
    "인도네시아": "ID",
    "호주": "AU",
    "캐나다": "CA",
}


def suggest_country(text: str) -> str | None:
    """The alpha-2 code ``text`` most likely means (``jp``, ``Japan``, ``JPN``, ``일본``)."""
    if text in _KOREAN_COUNTRY_NAMES:
        return _KOREAN_COUNTRY_NAMES[text]
    import pycountry

    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        return None
    code: str = country.alpha_2
    return code


_COUNTRY_SHAPE: Final = re.compile(r"[A-Z]{2}")


@attrs.frozen(repr=False)
class iso_country:
    """An uppercase ISO 3166-1 alpha-2 code that exists. Never guessed, only suggested."""

    def __call__(self, field: str, text: str) -> Flaw | None:
        if _COUNTRY_SHAPE.fullmatch(text) and text in country_codes():
            return None
        suggestion = suggest_country(text)
        if suggestion is not None and suggestion != text:
            return Flaw(field, "bad_country_hint", text, (("suggestion", suggestion),))
        return Flaw(field, "bad_country", text)

    def __repr__(self) -> str:
        return "<iso_country validator>"


@attrs.frozen(repr=False)
class http_url:
    """An absolute http(s) URL with a host name and no spaces."""

    def __call__(self, field: str, text: str) -> Flaw | None:
        return None if _is_http_url(text) else Flaw(field, "bad_url", text)

    def __repr__(self) -> str:
        return "<http_url validator>"


def _is_http_url(text: str) -> bool:
    if any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host) and "." in (host or "")


# Digits with optional thousands separators done right ("1,000" but not "1,00"), an optional
# fraction, an optional sign. No exponents, currency signs or units: those are a person's
# typo to fix, not something to guess.
_NUMBER: Final = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def parse_number(field: str, text: str) -> Decimal | Flaw:
    if not _NUMBER.fullmatch(text):
        return Flaw(field, "bad_number", text)
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return Flaw(field, "bad_number", text)


def parse_amount(field: str, text: str) -> Decimal | Flaw:
    """A non-negative amount of money; ``"1,000"`` is 1000."""
    number = parse_number(field, text)
    if isinstance(number, Flaw):
        return number
    if number < 0:
        return Flaw(field, "negative", text)
    return number


def parse_quantity(field: str, text: str) -> int | Flaw:
    """A whole number from 1 to 1,000,000; ``"1,000"`` is 1000 and ``"2.0"`` is 2."""
    number = parse_number(field, text)
    if isinstance(number, Flaw):
        return number
    if number != number.to_integral_value():
        return Flaw(field, "not_integer", text)
    if not 1 <= number <= QUANTITY_MAX:
        return Flaw(field, "out_of_range", text, (("min", 1), ("max", f"{QUANTITY_MAX:,}")))
    return int(number)


def _compact_phone(text: str) -> str:
    return text.replace("-", "").replace(" ", "")


NAME_CHECKS: Final[tuple[Check, ...]] = (max_chars(NAME_MAX),)
PHONE_CHECKS: Final[tuple[Check, ...]] = (
    max_chars(PHONE_MAX, compact=_compact_phone),
    allowed_chars.of(PHONE_ALLOWED, "0-9 ( ) + -"),
)
COUNTRY_CHECKS: Final[tuple[Check, ...]] = (iso_country(),)
URL_CHECKS: Final[tuple[Check, ...]] = (http_url(),)

"""Field rules of SPEC §1 compiled for one value at a time: the Python backend's checks.

Each rule declared in :mod:`orderkit.rules.declarations` becomes a small named check with a
readable repr (:func:`compile_text_rule`).

A check answers two questions about normalised, non-empty text: ``accepts(text)`` — the rule
itself — and ``flaw(field, text)`` — what to tell the user when it does not hold. Calling it,
``check(field, text)``, returns the flaw or ``None``. Checks run over whole columns, so only
the values that fail build a flaw. Parsers (numbers) return the typed value or a flaw.
Rules that depend on another field (the destination country) are applied by
:mod:`orderkit.rules.order_rules`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Final, Protocol, TypeVar
from urllib.parse import urlsplit

import attrs

from orderkit.model.problems import Flaw
from orderkit.rules.countries import country_codes, country_lookups
from orderkit.rules.declarations import (
    KOREAN_MARKET_HOSTS,
    NUMBER_SHAPE,
    PLAIN_URL_SHAPE,
    POSTAL_SHAPES,
    QUANTITY,
    TEXT_RULES,
    AllowedChars,
    HttpUrl,
    IsoCountry,
    MaxChars,
    PostalShape,
    TextRule,
    postal_shape_of,
)

__all__ = [
    "NAME_MAX",
    "PHONE_ALLOWED",
    "PHONE_MAX",
    "POSTAL_CODES",
    "QUANTITY_MAX",
    "TEXT_CHECKS",
    "Check",
    "allowed_chars",
    "compile_text_rule",
    "country_codes",
    "country_lookups",
    "http_url",
    "iso_country",
    "korean_marketplace",
    "max_chars",
    "parse_amount",
    "parse_number",
    "parse_quantity",
    "postal_code",
    "suggest_country",
]


_R = TypeVar("_R")


def _declared(field: str, kind: type[_R]) -> _R:
    return next(rule for rule in TEXT_RULES[field] if isinstance(rule, kind))


NAME_MAX: Final = _declared("recipient_name", MaxChars).limit
PHONE_MAX: Final = _declared("phone", MaxChars).limit
PHONE_ALLOWED: Final = _declared("phone", AllowedChars).allowed
QUANTITY_MAX: Final = QUANTITY.high


class Check(Protocol):
    def accepts(self, text: str) -> bool: ...

    def flaw(self, field: str, text: str) -> Flaw: ...

    def __call__(self, field: str, text: str) -> Flaw | None: ...


class _Check:
    """``check(field, text)``: ``None`` when the rule accepts ``text``, else its flaw."""

    def accepts(self, text: str) -> bool:
        raise AssertionError("every check defines accepts")  # pragma: no cover

    def flaw(self, field: str, text: str) -> Flaw:
        raise AssertionError("every check defines flaw")  # pragma: no cover

    def __call__(self, field: str, text: str) -> Flaw | None:
        return None if self.accepts(text) else self.flaw(field, text)


@attrs.frozen(repr=False)
class max_chars(_Check):
    """At most ``limit`` characters (code points after NFC, not bytes)."""

    limit: int
    # Characters whose removal may shorten a too-long value, for a message that says so,
    # when what is left holds only characters of ``kept`` (when given).
    removable: str = ""
    kept: str = ""

    def accepts(self, text: str) -> bool:
        return len(text) <= self.limit

    def flaw(self, field: str, text: str) -> Flaw:
        params: tuple[tuple[str, object], ...] = (("length", len(text)), ("max", self.limit))
        if self.removable:
            shorter = text.translate({ord(c): None for c in self.removable})
            if len(shorter) <= self.limit and (not self.kept or set(shorter) <= set(self.kept)):
                extra = (("compact", shorter), ("compact_length", len(shorter)))
                return Flaw(field, "too_long_phone", text, params + extra)
        return Flaw(field, "too_long", text, params)

    def __repr__(self) -> str:
        return f"<max_chars validator for {self.limit} characters>"


@attrs.frozen(repr=False)
class allowed_chars(_Check):
    """Only characters of ``allowed``."""

    allowed: frozenset[str]
    shown: str

    @classmethod
    def of(cls, allowed: str, shown: str) -> allowed_chars:
        return cls(frozenset(allowed), shown)

    def accepts(self, text: str) -> bool:
        return self.allowed.issuperset(text)

    def flaw(self, field: str, text: str) -> Flaw:
        chars = ", ".join(repr(c) for c in sorted(set(text) - self.allowed))
        return Flaw(field, "bad_chars", text, (("chars", chars), ("allowed", self.shown)))

    def __repr__(self) -> str:
        return f"<allowed_chars validator for {self.shown!r}>"


# The two destinations nearly every order has; the full list loads only for the others.
_COMMON_COUNTRIES: Final = frozenset({"KR", "JP"})


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


# What Japanese exports and English-speaking sellers write (pycountry knows "Japan" but not
# "Korea": its name is "Korea, Republic of").
_OTHER_COUNTRY_NAMES: Final = {
    "日本": "JP", "日本国": "JP", "にほん": "JP", "にっぽん": "JP", "ニホン": "JP",
    "ニッポン": "JP", "ジャパン": "JP", "nihon": "JP", "nippon": "JP",
    "韓国": "KR", "大韓民国": "KR", "かんこく": "KR", "カンコク": "KR", "韓國": "KR",
    "大韓民國": "KR", "korea": "KR", "south korea": "KR", "republic of korea": "KR",
    "s. korea": "KR", "rok": "KR", "中国": "CN", "台湾": "TW", "香港": "HK",
    "米国": "US", "アメリカ": "US", "アメリカ合衆国": "US", "usa": "US", "america": "US",
}  # fmt: skip


def suggest_country(text: str) -> str | None:
    """The alpha-2 code ``text`` most likely means (``jp``, ``Japan``, ``JPN``, ``일본``,
    ``日本``, ``ジャパン``, ``Korea``, a full-width ``ＪＰ``)."""
    if text in _KOREAN_COUNTRY_NAMES:
        return _KOREAN_COUNTRY_NAMES[text]
    folded = unicodedata.normalize("NFKC", text).strip()
    named = _OTHER_COUNTRY_NAMES.get(folded.lower())
    if named is not None:
        return named
    if folded != text and folded.upper() in (_COMMON_COUNTRIES | country_codes()):
        return folded.upper()
    # What pycountry.countries.lookup(text) finds, from the table generated from it.
    return country_lookups().get(text.lower())


_COUNTRY_SHAPE: Final = re.compile(r"[A-Z]{2}")


@attrs.frozen(repr=False)
class iso_country(_Check):
    """An uppercase ISO 3166-1 alpha-2 code that exists. Never guessed, only suggested."""

    def accepts(self, text: str) -> bool:
        if text in _COMMON_COUNTRIES:
            return True
        return _COUNTRY_SHAPE.fullmatch(text) is not None and text in country_codes()

    def flaw(self, field: str, text: str) -> Flaw:
        suggestion = suggest_country(text)
        if suggestion is not None and suggestion != text:
            return Flaw(field, "bad_country_hint", text, (("suggestion", suggestion),))
        return Flaw(field, "bad_country", text)

    def __repr__(self) -> str:
        return "<iso_country validator>"


_PLAIN_URL: Final = re.compile(PLAIN_URL_SHAPE)
_PLAIN_HOST: Final = re.compile(r"https?://([A-Za-z0-9.-]+)")
_SPACE: Final = re.compile(r"\s")


def is_http_url(text: str) -> bool:
    """An absolute http(s) URL with a host name that has a dot, and no white space."""
    if _SPACE.search(text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host) and "." in (host or "")


@attrs.frozen(repr=False)
class http_url(_Check):
    """An absolute http(s) URL with a host name and no spaces."""

    def accepts(self, text: str) -> bool:
        # The common shape is accepted without taking it apart.
        return _PLAIN_URL.fullmatch(text) is not None or is_http_url(text)

    def flaw(self, field: str, text: str) -> Flaw:
        return Flaw(field, "bad_url", text)

    def __repr__(self) -> str:
        return "<http_url validator>"


def korean_marketplace(url: str) -> str | None:
    """The host of ``url`` when it is a Korean marketplace's (or any ``.kr``) site, else
    ``None``: ``smartstore.naver.com`` for a Smart Store product page."""
    plain = _PLAIN_HOST.match(url) if _PLAIN_URL.fullmatch(url) is not None else None
    if plain is not None:
        # The common shape: its host is what urlsplit would find (letters, digits, dashes
        # and inner dots, up to the port or path), read without taking the URL apart.
        host = plain.group(1).lower()
    else:
        try:
            host = (urlsplit(url).hostname or "").lower().rstrip(".")
        except ValueError:
            return None
    if not host:
        return None
    if host.endswith(".kr") or any(
        host == known or host.endswith("." + known) for known in KOREAN_MARKET_HOSTS
    ):
        return host
    return None


@attrs.frozen(repr=False)
class postal_code(_Check):
    """A postal code of one destination: its pattern, and the digits a number cell holds."""

    country: str
    pattern: re.Pattern[str]
    message_id: str
    digits: int = 0
    """How many digits a number-typed code should have (its leading 0 may be lost); 0: none."""

    def accepts(self, text: str) -> bool:
        return self.pattern.fullmatch(text) is not None

    def flaw(self, field: str, text: str) -> Flaw:
        return Flaw(field, self.message_id, text, (("country", self.country),))

    def restore(self, text: str) -> str | None:
        """The code a number cell meant, when it lost its leading 0; ``None`` if not that."""
        if self.digits and len(text) == self.digits - 1 and text.isascii() and text.isdigit():
            restored = "0" + text
            return restored if self.accepts(restored) else None
        return None

    @classmethod
    def of(cls, shape: PostalShape) -> postal_code:
        return cls(shape.country, re.compile(shape.shape), shape.message_id, shape.digits)

    def __repr__(self) -> str:
        return f"<postal_code validator for {self.country}>"


POSTAL_CODES: Final = {country: postal_code.of(shape) for country, shape in POSTAL_SHAPES.items()}


def postal_code_of(country: str) -> postal_code:
    """The postal code rule for a destination; a loose shape where none is known."""
    rule = POSTAL_CODES.get(country)
    return rule if rule is not None else _other_postal_code(country)


@cache
def _other_postal_code(country: str) -> postal_code:
    return postal_code.of(postal_shape_of(country))


_NUMBER: Final = re.compile(NUMBER_SHAPE)


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
    if text.isascii() and text.isdigit():  # the common case, without a Decimal
        value = int(text)
    else:
        number = parse_number(field, text)
        if isinstance(number, Flaw):
            return number
        if number != number.to_integral_value():
            return Flaw(field, "not_integer", text)
        value = int(number)
    if not QUANTITY.low <= value <= QUANTITY.high:
        params = (("min", QUANTITY.low), ("max", f"{QUANTITY.high:,}"))
        return Flaw(field, "out_of_range", text, params)
    return value


def compile_text_rule(rule: TextRule) -> Check:
    """The per-value check of a declared text rule."""
    match rule:
        case MaxChars(limit, removable, kept):
            return max_chars(limit, removable, kept)
        case AllowedChars(allowed, shown):
            return allowed_chars.of(allowed, shown)
        case IsoCountry():
            return iso_country()
        case HttpUrl():
            return http_url()


TEXT_CHECKS: Final[Mapping[str, tuple[Check, ...]]] = {
    field: tuple(compile_text_rule(rule) for rule in rules) for field, rules in TEXT_RULES.items()
}
"""The checks of each text field, in the order :data:`TEXT_RULES` declares them."""

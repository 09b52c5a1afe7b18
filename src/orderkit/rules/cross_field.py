"""The cross-field rules' verdicts, shared by both backends so that they say the same.

:mod:`orderkit.rules.order_rules` (per value) and :mod:`orderkit.rules.polars_backend`
(over columns) decide differently which orders a rule concerns; what is then said about
each of them, and in which order, is decided here once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import cache
from typing import Final

import attrs

from orderkit.model.fields import FIELDS
from orderkit.model.problems import Flaw, Severity
from orderkit.rules.declarations import (
    INVISIBLE_FILLERS,
    JAPAN_WORDING,
    LOST_ZERO_MIN_DIGITS,
    PHONE_WITHOUT_DIGITS,
    VISIBLE_SHAPE,
)
from orderkit.rules.field_rules import korean_marketplace, postal_code
from orderkit.rules.phones import phone_plausible, restore_trunk_zero

__all__ = [
    "Placed",
    "blank_flaw",
    "country_overrides",
    "has_visible",
    "korean_url_flaw",
    "phone_flaw",
    "postal_code_flaw",
    "reword_for_japan",
    "sort_flaws",
]

Placed = list[tuple[int, Flaw]]
"""Flaws with the index of the order (or line) they belong to."""

_FIELD_ORDER: Final = {field: index for index, field in enumerate(FIELDS)}
# VISIBLE_SHAPE's ranges beyond ASCII, read from it: compiled, the pattern's tens of
# thousands of Hangul and CJK code points cost a fresh process 5 ms, more than every blank
# check of a 5,000-order sheet; nearly every value starts with a visible character.
_VISIBLE_RANGES: Final = tuple(
    (VISIBLE_SHAPE[i], VISIBLE_SHAPE[i + 2])
    for i in range(1, len(VISIBLE_SHAPE) - 1, 3)
    if not VISIBLE_SHAPE[i].isascii()
)
_PHONE_WITHOUT_DIGITS: Final = re.compile(PHONE_WITHOUT_DIGITS)
_SHOWN_INVISIBLE: Final = 5
_SHAPED: Final = frozenset({"postal_code"})


def _unseen(category: str) -> bool:
    # Controls, format characters, separators and marks with nothing to sit on. Unassigned
    # and private-use code points are not counted: a newer font may well draw them.
    return category in ("Cc", "Cf") or category[0] in "ZM"


def blank_flaw(field: str, text: str) -> Flaw | None:
    """What to say about a non-empty required value with nothing to read: only invisible
    characters (a zero-width space, a Hangul filler, control or format characters, lone
    combining marks), or a phone of only ``-``, ``(``, ``)``, ``+``. Such a value is as
    good as empty, and the order must not pass as if it held one. (A phone or postal code
    of invisible characters already breaks its own rule, which says which characters.)"""
    if has_visible(text):
        return None
    if field == "phone":
        # Any other character is already refused by the phone's own rule (bad_chars).
        digitless = _PHONE_WITHOUT_DIGITS.fullmatch(text) is not None
        return Flaw(field, "missing_digits", text) if digitless else None
    if field in _SHAPED:  # its shape refuses every invisible character already
        return None
    if not all(c in INVISIBLE_FILLERS or _unseen(unicodedata.category(c)) for c in text):
        return None
    shown = [f"U+{ord(c):04X}" for c in dict.fromkeys(text)]
    more = len(shown) - _SHOWN_INVISIBLE
    chars = ", ".join(shown[:_SHOWN_INVISIBLE]) + (f" (+{more})" if more > 0 else "")
    return Flaw(field, "missing_invisible", text, (("chars", chars),))


def has_visible(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`VISIBLE_SHAPE` (as ``re.search`` would
    find one)."""
    first = text[:1]
    if first.isascii():
        if first.isalnum():
            return True
    else:
        for low, high in _VISIBLE_RANGES:
            if low <= first <= high:
                return True
    return _visible().search(text) is not None


@cache
def _visible() -> re.Pattern[str]:
    return re.compile(VISIBLE_SHAPE)


def sort_flaws(flaws: Placed) -> None:
    """Order flaws by order, then by field as the standard sheet shows them; flaws of one
    field keep the order the rules found them in."""
    flaws.sort(key=lambda pair: (pair[0], _FIELD_ORDER.get(pair[1].field, len(_FIELD_ORDER))))


def country_overrides(flaws: Placed) -> dict[int, str | None]:
    """The destination of each order whose country is flawed: the suggested one, or
    ``None`` when there is none."""
    overrides: dict[int, str | None] = {}
    for i, flaw in flaws:
        if flaw.field == "country":
            suggestion = dict(flaw.params).get("suggestion")
            overrides[i] = str(suggestion) if suggestion else None
    return overrides


def reword_for_japan(flaws: Placed, japan: Container[int]) -> None:
    """Put the customs fields' flaws of the orders in ``japan`` in a Japanese seller's terms."""
    for n, (i, flaw) in enumerate(flaws):
        wording = JAPAN_WORDING.get((flaw.field, flaw.message_id))
        if wording is not None and i in japan:
            flaws[n] = (i, attrs.evolve(flaw, message_id=wording))


def postal_code_flaw(rule: postal_code, text: str) -> tuple[str | None, Flaw]:
    """What to say about a postal code ``rule`` rejects: ``(restored code, warning)`` when
    it only lost its leading 0, else ``(None, error)``."""
    # Excel drops the leading 0 of Seoul's 0xxxx (and Hokkaido's 0xx-xxxx) from a number
    # cell and from every value of a sheet it saves as CSV, so the loss arrives as text just
    # as often: the value decides, not the cell.
    restored = rule.restore(text)
    if restored is None:
        return None, rule.flaw("postal_code", text)
    params = (("original", text),)
    flaw = Flaw("postal_code", "restored_leading_zero", restored, params, Severity.WARNING)
    return restored, flaw


def korean_url_flaw(url: str) -> Flaw | None:
    """A warning when the product URL of an order shipped to Japan is a Korean
    marketplace's page, where customs needs the Japanese marketplace's."""
    host = korean_marketplace(url)
    if host is None:
        return None
    return Flaw("product_url", "korean_product_url", url, (("host", host),), Severity.WARNING)


def phone_flaw(phone: str, country: str | None, numeric: bool) -> Flaw | None:
    """What to say about a non-empty phone that passed the hard rules, shipped to
    ``country`` (``None``: unknown), ``numeric`` when it came from a number cell."""
    # Nearly every phone starts with its 0 (or a +): those need no second look.
    lost = country is not None and phone[0] not in "0+"
    fixed = restore_trunk_zero(phone, country) if lost and country is not None else None
    if fixed is not None:
        # A domestic number written without its trunk 0 (Excel dropped it, from a number
        # cell or a CSV export): phonenumbers would call it valid, but a courier dials
        # what is printed. The seller must confirm the number, so this is an error.
        return Flaw("phone", "lost_leading_zero_fixed", phone, (("fixed", fixed),))
    if numeric and phone.isdigit() and len(phone) >= LOST_ZERO_MIN_DIGITS:
        return Flaw("phone", "lost_leading_zero", phone)
    if country is not None and not phone_plausible(phone, country):
        params = (("country", country),)
        return Flaw("phone", "implausible_phone", phone, params, Severity.WARNING)
    return None

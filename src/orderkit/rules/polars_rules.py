"""The declared rules compiled to polars expressions over a whole column.

Each function returns a boolean expression: ``True`` where the rule holds (or, for the
``*_rejects`` ones, where a value breaks it). Values are the normalised text the Python
backend reads, ``""`` for empty. Only the shapes a regex decides exactly are decided here;
what needs Python's own judgement (``urlsplit``, a country suggestion, phonenumbers) is left
to the caller for the few distinct values that reach it.

This module imports polars: only :mod:`orderkit.rules.polars_backend` imports it, and only
when it is called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import polars as pl

from orderkit.rules.declarations import (
    KOREAN_MARKET_HOSTS,
    NUMBER_SHAPE,
    PLAIN_URL_SHAPE,
    VISIBLE_SHAPE,
    AllowedChars,
    HttpUrl,
    IsoCountry,
    MaxChars,
    TextRule,
)
from orderkit.rules.field_rules import country_codes

__all__ = [
    "FRACTION",
    "NONZERO_DIGIT",
    "accepts",
    "below_zero",
    "marked",
    "maybe_korean_market",
    "number_shaped",
    "plainly_fine",
    "whole",
]

FRACTION = r"\.[0-9]*[1-9]"
"""A fraction that is not zero (a number that is not whole)."""
NONZERO_DIGIT = "[1-9]"


def whole(shape: str) -> str:
    """``shape`` anchored to the whole text (Rust's ``$`` is the end of the text only)."""
    return f"^(?:{shape})$"


def _char_class(chars: str) -> str:
    # Every ASCII punctuation character may be escaped in a Rust class; letters may not.
    return "".join("\\" + c if c.isascii() and not c.isalnum() else c for c in sorted(chars))


def accepts(rule: TextRule, text: pl.Expr) -> pl.Expr:
    """Where ``rule`` holds for the non-empty ``text``. For :class:`HttpUrl` only ``True`` is
    sure; the others need :func:`~orderkit.rules.field_rules.is_http_url`."""
    match rule:
        case MaxChars(limit):
            return text.str.len_chars() <= limit
        case AllowedChars(allowed):
            return text.str.contains(f"^[{_char_class(allowed)}]*$")
        case IsoCountry():
            return text.is_in(pl.Series(sorted(country_codes()), dtype=pl.String).implode())
        case HttpUrl():
            return text.str.contains(whole(PLAIN_URL_SHAPE))


def number_shaped(text: pl.Expr) -> pl.Expr:
    """Where ``text`` is a number as :data:`~orderkit.rules.declarations.NUMBER_SHAPE` says."""
    return text.str.contains(whole(NUMBER_SHAPE))


def below_zero(text: pl.Expr) -> pl.Expr:
    """Where a number-shaped ``text`` is below zero (``-0`` is not)."""
    return text.str.starts_with("-") & text.str.contains(NONZERO_DIGIT)


def maybe_korean_market(text: pl.Expr) -> pl.Expr:
    """Every URL whose host may be a Korean marketplace's (and more): ``urlsplit`` lowers
    the host, so a host that is one of them is in the text in some case."""
    hosts = "|".join(host.replace(".", r"\.") for host in sorted(KOREAN_MARKET_HOSTS))
    return text.str.contains(rf"(?i)\.kr|{hosts}")


def marked(height: int, rows: Iterable[int]) -> pl.Series:
    """A boolean column of ``height`` rows, true at each of ``rows`` from 0 to ``height``
    (others are ignored): cheaper than asking every row whether it is in a set."""
    at = sorted(i for i in rows if 0 <= i < height)
    empty = pl.Series(dtype=pl.Boolean).extend_constant(False, height)
    return empty.scatter(at, True) if at else empty


# NUMBER_SHAPE without its sign: a number written this way, or after a "+", is not below 0.
_UNSIGNED = NUMBER_SHAPE.removeprefix("[+-]?") if NUMBER_SHAPE.startswith("[+-]?") else None


def plainly_fine(
    text: pl.Expr, *, required: bool, rules: Sequence[TextRule] = (), amount: bool = False
) -> pl.Expr:
    """Where ``text`` surely breaks none of its field's rules: required (not empty, not
    blank-looking), ``rules``, and a non-negative ``amount``. ``False`` says nothing: the
    rules decide those values. Cheaper than the rules: a required value's visible character
    and its allowed characters are one regex, and an amount is one."""
    checks: list[pl.Expr] = []
    optional: list[pl.Expr] = []
    rest = list(rules)
    if required:
        allowed = next((rule for rule in rest if isinstance(rule, AllowedChars)), None)
        seen = [c for c in allowed.allowed if re.fullmatch(VISIBLE_SHAPE, c)] if allowed else []
        if allowed is not None and seen:
            # Only allowed characters, one of them visible: both rules at once.
            chars, visible = _char_class(allowed.allowed), _char_class("".join(seen))
            checks.append(text.str.contains(f"^[{chars}]*[{visible}][{chars}]*$"))
            rest.remove(allowed)
        else:
            checks.append(text.str.contains(VISIBLE_SHAPE))
    (checks if required else optional).extend(accepts(rule, text) for rule in rest)
    if amount:
        exact = number_shaped(text) & ~below_zero(text)
        sure = exact if _UNSIGNED is None else text.str.contains(whole(rf"\+?(?:{_UNSIGNED})"))
        optional.append(sure)
    checks.extend((text == "") | check for check in optional)
    return pl.all_horizontal(checks) if checks else pl.lit(True)

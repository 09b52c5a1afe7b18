"""Turning incoming values (form posts, dict values, sheet cells) into normalised text.

Everything is text first; typing happens in the rules. A number is written the way a person
would read it (``12345.0`` is ``"12345"``), and a number too large to be exact is refused,
never rounded into someone else's order number.
"""

from __future__ import annotations

import math
import numbers
import unicodedata
from decimal import Decimal

from orderkit.model.problems import Flaw

__all__ = ["EXACT_FLOAT_LIMIT", "normalize_text", "to_text"]

# Floats represent every integer below 2**53 exactly; above it, digits may already be lost.
EXACT_FLOAT_LIMIT = 2**53


def normalize_text(text: str) -> str:
    """NFC, then trimmed: what every rule sees."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.strip()


def to_text(field: str, value: object) -> tuple[str, bool] | Flaw:
    """``(text, was_number)`` for a value, or a flaw when it cannot be read as text.

    ``None``, NaN, NaT and NA (pandas' empty cells) are empty text; numpy's numbers are
    numbers.
    """
    if value is None:
        return "", False
    if isinstance(value, str):
        return normalize_text(value), False
    if isinstance(value, bool):
        return Flaw(field, "bad_type", str(value), (("type", "bool"),))
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, float):
        return _float_text(field, value)
    if isinstance(value, Decimal):
        if value.is_nan():
            return "", False
        return (str(value), True) if value.is_finite() else (str(value), False)
    if type(value).__name__ in _EMPTY_MARKERS:
        return "", False
    # numpy's integers and floats (a value taken from a frame) are numbers like Python's.
    if isinstance(value, numbers.Integral) and type(value).__name__ not in _BOOLEANS:
        return str(int(value)), True
    if isinstance(value, numbers.Real) and type(value).__name__ not in _BOOLEANS:
        return _float_text(field, float(value))
    return Flaw(field, "bad_type", None, (("type", type(value).__name__),))


# pandas' empty cells that are neither None nor NaN: NaT (a date column), NA (nullable).
_EMPTY_MARKERS = frozenset({"NaTType", "NAType"})
_BOOLEANS = frozenset({"bool_", "bool"})


def _float_text(field: str, value: float) -> tuple[str, bool] | Flaw:
    if math.isnan(value):
        return "", False
    if math.isinf(value):
        return str(value), False
    if value.is_integer():
        if abs(value) >= EXACT_FLOAT_LIMIT:
            return Flaw(field, "inexact_number", f"{value:.0f}")
        return str(int(value)), True
    return repr(value), True

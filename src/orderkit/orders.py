"""One order from a dict: the individual registration form (개별 등록) as a service calls it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from orderkit.checks import build_order, check_line, check_order_fields
from orderkit.errors import ValidationError
from orderkit.fields import ORDER_FIELDS
from orderkit.messages import check_locale
from orderkit.model import Order, SkuLine
from orderkit.problems import Flaw, Problem
from orderkit.text import to_text

__all__ = ["order_from_dict", "validate_order"]

_LINE_KEYS: Final = ("sku", "quantity")
_ORDER_KEYS: Final = frozenset(ORDER_FIELDS)


def order_from_dict(data: Mapping[str, Any], *, locale: str = "ko") -> Order:
    """Validate ``data`` and return the :class:`Order` it describes.

    ``data`` holds the canonical field names of SPEC §1 and ``lines``, a list of
    ``{"sku": ..., "quantity": ...}`` (a single line may be given as top-level ``sku`` and
    ``quantity`` instead). Values may be text or numbers, as a form posts them.

    Raises:
        ValidationError: with every error in ``.problems`` (warnings ride along).
    """
    order, problems = _check(data, check_locale(locale))
    if order is None:
        raise ValidationError(problems)
    return order


def validate_order(data: object, *, locale: str = "ko") -> list[Problem]:
    """Every error and warning for ``data``; never raises for bad data."""
    return _check(data, check_locale(locale))[1]


def _check(data: object, locale: str) -> tuple[Order | None, list[Problem]]:
    if not isinstance(data, Mapping):
        flaw = Flaw("order", "bad_type", None, (("type", type(data).__name__),))
        return None, [flaw.to_problem(None, locale)]
    flaws: list[Flaw] = []
    texts: dict[str, str] = {}
    numeric: set[str] = set()
    for key, value in data.items():
        if key in _ORDER_KEYS:
            _read(key, value, texts, numeric, flaws)
        elif key != "lines" and not (key in _LINE_KEYS and "lines" not in data):
            flaws.append(Flaw("order", "unknown_field", str(key)))
    clean, field_flaws = check_order_fields(texts, numeric)
    unreadable = {flaw.field for flaw in flaws}
    # A value that could not be read is reported as such, not also as missing.
    flaws.extend(f for f in field_flaws if not (f.code == "missing" and f.field in unreadable))
    problems = [flaw.to_problem(None, locale) for flaw in flaws]

    raw_lines = data["lines"] if "lines" in data else [{k: data.get(k) for k in _LINE_KEYS}]
    lines, line_problems = _check_lines(raw_lines, locale)
    problems.extend(line_problems)
    if any(p.is_error for p in problems) or lines is None:
        return None, problems
    return build_order(clean, lines), problems


def _read(
    field: str, value: object, texts: dict[str, str], numeric: set[str], flaws: list[Flaw]
) -> None:
    result = to_text(field, value)
    if isinstance(result, Flaw):
        flaws.append(result)
        return
    texts[field], was_number = result
    if was_number:
        numeric.add(field)


def _check_lines(raw: object, locale: str) -> tuple[tuple[SkuLine, ...] | None, list[Problem]]:
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
        flaw = Flaw("lines", "bad_type", None, (("type", type(raw).__name__),))
        return None, [flaw.to_problem(None, locale)]
    if not raw:
        return None, [Flaw("sku", "missing_lines").to_problem(None, locale)]
    lines: list[SkuLine] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        line, flaws = _check_line(item)
        problems.extend(flaw.to_problem(None, locale, line=index) for flaw in flaws)
        if line is not None:
            lines.append(line)
    ok = len(lines) == len(raw)
    return (tuple(lines) if ok else None), problems


def _check_line(item: object) -> tuple[SkuLine | None, list[Flaw]]:
    if not isinstance(item, Mapping):
        return None, [Flaw("lines", "bad_type", None, (("type", type(item).__name__),))]
    flaws: list[Flaw] = []
    texts: dict[str, str] = {}
    for key, value in item.items():
        if key not in _LINE_KEYS:
            flaws.append(Flaw("lines", "unknown_field", str(key)))
            continue
        _read(key, value, texts, set(), flaws)
    line, line_flaws = check_line(texts.get("sku", ""), texts.get("quantity", ""))
    flaws.extend(line_flaws)
    return (line if not flaws else None), flaws

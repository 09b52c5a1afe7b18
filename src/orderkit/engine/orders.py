"""One order from a dict: the individual registration form (개별 등록) as a service calls it.

The dict becomes a one-order table (one entry per SKU line) and goes through exactly the
checks a sheet does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from orderkit.engine.assemble import assemble_orders
from orderkit.files.table import Table
from orderkit.model.errors import ValidationError
from orderkit.model.fields import ORDER_FIELDS
from orderkit.model.messages import check_locale
from orderkit.model.problems import Flaw, Problem
from orderkit.model.text import to_text
from orderkit.model.values import Order

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
    raw_lines = data["lines"] if "lines" in data else [{k: data.get(k) for k in _LINE_KEYS}]
    lines_ok = isinstance(raw_lines, Sequence) and not isinstance(raw_lines, str | bytes)
    items: Sequence[object] = raw_lines if lines_ok and raw_lines else [{}]
    count = len(items)
    values: dict[str, list[str]] = {field: [""] * count for field in (*ORDER_FIELDS, *_LINE_KEYS)}
    numeric: dict[str, set[int]] = {}
    flaws: list[tuple[int, Flaw]] = []

    def read(position: int, field: str, value: object) -> None:
        result = to_text(field, value)
        if isinstance(result, Flaw):
            flaws.append((position, result))
            return
        values[field][position], was_number = result
        if was_number:
            numeric.setdefault(field, set()).add(position)

    for key, value in data.items():
        if key in _ORDER_KEYS:
            read(0, key, value)
        elif key != "lines" and not (key in _LINE_KEYS and "lines" not in data):
            flaws.append((0, Flaw("order", "unknown_field", str(key))))
    if not lines_ok:
        flaws.append((0, Flaw("lines", "bad_type", None, (("type", type(raw_lines).__name__),))))
    elif raw_lines:
        for position, item in enumerate(raw_lines):
            if not isinstance(item, Mapping):
                params = (("type", type(item).__name__),)
                flaws.append((position, Flaw("lines", "bad_type", None, params)))
                continue
            for key, value in item.items():
                if key in _LINE_KEYS:
                    read(position, key, value)
                else:
                    flaws.append((position, Flaw("lines", "unknown_field", str(key))))

    table = Table(
        rows=[None] * count,
        values=values,
        numeric={field: frozenset(positions) for field, positions in numeric.items()},
        flaws=flaws,
        lines=True,
    )
    assembly = assemble_orders(table, locale=locale, groups=[list(range(count))])
    problems = assembly.problems(0)
    if not (lines_ok and raw_lines):
        # No SKU line at all: one problem that says so, not a missing SKU and quantity.
        problems = tuple(p for p in problems if p.field not in _LINE_KEYS)
        if lines_ok:
            problems += (Flaw("sku", "missing_lines").to_problem(None, locale),)
        return None, list(problems)
    # The dict's own problems, by field order, with the lines' after the order's.
    ordered = sorted(problems, key=lambda p: -1 if p.line is None else p.line)
    return assembly.order(0), ordered

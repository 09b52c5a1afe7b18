"""Rows that look like another SKU line of an order but carry no order number.

Rows sharing an order number are one order; a row without one stands alone. A row that
holds only a SKU line (SKU, quantity, option) and no order value of its own is most likely
another line of an order above whose number was left out — or an order whose number and
recipient were both forgotten. orderkit does not guess which: it says so once, with how to
fix either case, instead of listing every empty recipient field of a row that was never
meant to hold them.
"""

from __future__ import annotations

from typing import Final

from orderkit.files.table import Table
from orderkit.model.fields import ORDER_FIELDS
from orderkit.model.problems import Flaw

__all__ = ["explain_orphan_lines"]

_LINE_VALUES: Final = ("sku", "quantity", "option")
# Not a row's own value: platform and brand are often a template's constant, and an empty
# country means KR, so templates give it a default. The rest only a row itself holds; the
# decision looks at the row alone, so every path (whole, streamed, frame) decides alike.
_NOT_OWN: Final = frozenset({"platform", "brand", "order_number", "country"})


def explain_orphan_lines(table: Table, placed: list[tuple[int, Flaw]]) -> list[tuple[int, Flaw]]:
    """``placed`` (position, flaw) with each orphan line's ``missing`` order values replaced
    by one ``missing_order_number_line`` on its order number."""
    orphans = _orphan_positions(table)
    if not orphans:
        return placed
    kept: list[tuple[int, Flaw]] = []
    for position, flaw in placed:
        if position in orphans and flaw.code == "missing" and flaw.field in ORDER_FIELDS:
            if flaw.field == "order_number":
                kept.append((position, Flaw("order_number", "missing_order_number_line")))
            continue
        kept.append((position, flaw))
    return kept


def _orphan_positions(table: Table) -> set[int]:
    """Positions of rows with no order number, a SKU line, and no order value of their own."""
    values = table.values
    # No order number column at all (records without the key) is no number in any row: the
    # row alone decides, whatever the other records hold.
    numbers = values.get("order_number") or [""] * len(table.rows)
    if all(numbers):
        return set()
    lines = [values[f] for f in _LINE_VALUES if f in values]
    own = [values[f] for f in ORDER_FIELDS if f not in _NOT_OWN and f in values]
    return {
        p
        for p, number in enumerate(numbers)
        if not number and any(c[p] for c in lines) and not any(c[p] for c in own)
    }

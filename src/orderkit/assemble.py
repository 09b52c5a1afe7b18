"""Rows to orders: rows sharing ``(platform, order_number)`` are one order, one line each.

Order-level fields must agree across an order's rows; a blank on a later row means "same as
above". Every rule is applied by :mod:`orderkit.checks`, the same as for a single dict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from orderkit.catalogue import Catalogue
from orderkit.checks import build_order, check_line, check_order_fields
from orderkit.fields import ORDER_FIELDS
from orderkit.mapper import MappedRow
from orderkit.model import Order, SkuLine
from orderkit.problems import Flaw, Problem

__all__ = ["AssembledOrder", "assemble_orders"]

_LINE_FIELDS: Final = ("sku", "quantity")


@attrs.frozen
class AssembledOrder:
    """One order of a sheet: its rows, the order if it is valid, and its problems."""

    platform: str
    order_number: str
    rows: tuple[int, ...]
    """Excel row numbers of the order's lines, in file order."""
    order: Order | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.order is not None


def assemble_orders(
    rows: Iterable[MappedRow], *, catalogue: Catalogue | None = None, locale: str = "ko"
) -> list[AssembledOrder]:
    """Group mapped rows into orders and check each, in order of first appearance."""
    groups: dict[object, list[MappedRow]] = {}
    for row in rows:
        number = row.values.get("order_number", "")
        # A row without an order number cannot be matched to others: it stands alone.
        key: object = (row.values.get("platform", ""), number) if number else row.index
        groups.setdefault(key, []).append(row)
    return [_assemble(group, catalogue, locale) for group in groups.values()]


def _assemble(group: list[MappedRow], catalogue: Catalogue | None, locale: str) -> AssembledOrder:
    first = group[0]
    placed: list[tuple[MappedRow, Flaw]] = []
    texts: dict[str, str] = {}
    numeric: set[str] = set()
    source: dict[str, MappedRow] = {}
    for field in ORDER_FIELDS:
        for row in group:
            value = row.values.get(field, "")
            if not value:
                continue
            if field not in source:
                source[field] = row
                texts[field] = value
                if field in row.numeric:
                    numeric.add(field)
                if field in row.inexact:
                    placed.append((row, Flaw(field, "inexact_number", value)))
            elif value != texts[field]:
                params = (("first_row", source[field].row), ("first_value", texts[field]))
                placed.append((row, Flaw(field, "conflicting_rows", value, params)))
    clean, flaws = check_order_fields(texts, numeric)
    placed.extend((source.get(flaw.field, first), flaw) for flaw in flaws)

    lines: list[SkuLine] = []
    for row in group:
        row_lines, row_flaws = _lines(row, catalogue)
        lines.extend(row_lines)
        placed.extend((row, flaw) for flaw in row_flaws)

    problems = tuple(
        flaw.to_problem(row.row, locale, column=row.columns.get(flaw.field))
        for row, flaw in sorted(placed, key=lambda pair: pair[0].index)
    )
    ok = not any(p.is_error for p in problems)
    return AssembledOrder(
        platform=str(clean["platform"]),
        order_number=str(clean["order_number"]),
        rows=tuple(row.row for row in group),
        order=build_order(clean, tuple(lines)) if ok else None,
        problems=problems,
    )


def _lines(row: MappedRow, catalogue: Catalogue | None) -> tuple[list[SkuLine], list[Flaw]]:
    flaws = [Flaw(f, "inexact_number", row.values[f]) for f in _LINE_FIELDS if f in row.inexact]
    line, line_flaws = check_line(row.values.get("sku", ""), row.values.get("quantity", ""))
    flaws.extend(line_flaws)
    if line is None or flaws:
        return [], flaws
    if catalogue is None:
        return [line], flaws
    option = row.values.get("option", "")
    link = catalogue.expand(line.sku, option)
    if link is None:
        product = f"{line.sku} / {option}" if option else line.sku
        return [], [Flaw("sku", "unknown_sku", product)]
    expanded: list[SkuLine] = []
    for sku, multiplier in link:
        quantity = line.quantity * multiplier
        checked, quantity_flaws = check_line(sku, str(quantity))
        flaws.extend(quantity_flaws)
        if checked is not None:
            expanded.append(checked)
    return expanded, flaws

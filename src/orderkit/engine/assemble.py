"""Rows to orders: rows sharing ``(platform, order_number)`` are one order, one line each.

Order-level fields must agree across an order's rows; a blank on a later row means "same as
above". Every rule is applied by :mod:`orderkit.rules.order_rules`, column by column, the same for a
sheet, a list of records and a single dict. ``Order`` values are built only when asked for.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from typing import Final, overload

import attrs

from orderkit.engine.catalogue import Catalogue
from orderkit.engine.columnar import columnar_checks, columnar_groups, columnar_merge
from orderkit.engine.orphan_lines import explain_orphan_lines
from orderkit.files.table import Table
from orderkit.model.fields import ORDER_FIELDS
from orderkit.model.problems import Flaw, Problem
from orderkit.model.values import Order, SkuLine
from orderkit.rules.identity import normalize_identities
from orderkit.rules.marks import key_text, normalize_marked_columns
from orderkit.rules.order_rules import (
    CheckedLines,
    CheckedOrders,
    build_order,
    check_lines,
    check_orders,
)

__all__ = ["AssembledOrder", "Assembly", "assemble_orders"]

_NO_ERRORS: Final = ()
_LINE_FIELDS: Final = frozenset({"sku", "quantity", "lines"})


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


@attrs.frozen
class Assembly:
    """Every order of a table, checked: positions, problems, and orders on demand."""

    table: Table
    groups: Sequence[Sequence[int]]
    """The table positions of each order, orders in order of first appearance."""
    checked: CheckedOrders
    quantities: Sequence[int | None]
    """The quantity of each table position (``None`` where it is bad)."""
    expanded: Mapping[int, tuple[SkuLine, ...]] | None
    """With a catalogue: the warehouse SKU lines each table position ships as."""
    problems_of: dict[int, list[Problem]]
    """Problems by order index, for orders that have any."""
    failed: frozenset[int]
    """Indexes of the orders with an error."""
    _built: dict[int, Order] = attrs.field(factory=dict, init=False, repr=False)

    def __len__(self) -> int:
        return len(self.groups)

    def rows(self, index: int) -> tuple[int, ...]:
        rows = self.table.rows
        return tuple(row for p in self.groups[index] if (row := rows[p]) is not None)

    def problems(self, index: int) -> tuple[Problem, ...]:
        return tuple(self.problems_of.get(index, _NO_ERRORS))

    def keys(self) -> list[tuple[str, str]]:
        """``(platform, order_number)`` of every order."""
        values = self.checked.values
        count = len(self.groups)
        empty = [""] * count
        return list(
            zip(values.get("platform", empty), values.get("order_number", empty), strict=True)
        )

    def key(self, index: int) -> tuple[str, str]:
        values = self.checked.values
        return (_at(values, "platform", index), _at(values, "order_number", index))

    def order(self, index: int) -> Order | None:
        """The order at ``index``, built on first use; ``None`` when it has an error."""
        if index in self.failed:
            return None
        if index not in self._built:
            positions = self.groups[index]
            if self.expanded is not None:
                lines = tuple(line for p in positions for line in self.expanded[p])
            else:
                skus, quantities = self.table.column("sku"), self.quantities
                lines = tuple(SkuLine(skus[p], quantities[p] or 0) for p in positions)
            self._built[index] = build_order(self.checked, index, lines)
        return self._built[index]

    def all_problems(self) -> list[Problem]:
        """Every problem, by row (stable: an order's problems keep their order)."""
        return [problem for problem, _ in self.numbered_problems()]

    def numbered_problems(self) -> list[tuple[Problem, str]]:
        """Every problem with its order's number (``""`` for a row without one), in the
        order of :meth:`all_problems`."""
        pairs = [
            (problem, self.key(index)[1])
            for index in sorted(self.problems_of)
            for problem in self.problems_of[index]
        ]
        pairs.sort(key=lambda pair: pair[0].row or 0)
        return pairs

    def assembled(self, index: int) -> AssembledOrder:
        platform, number = self.key(index)
        return AssembledOrder(
            platform, number, self.rows(index), self.order(index), self.problems(index)
        )


def _at(values: Mapping[str, Sequence[str]], field: str, index: int) -> str:
    column = values.get(field)
    return column[index] if column is not None else ""


class Singles(Sequence[Sequence[int]]):
    """The grouping where every row is an order of its own (most files): no lists needed."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> Sequence[int]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[int]]: ...
    def __getitem__(self, index: int | slice) -> Sequence[int] | Sequence[Sequence[int]]:
        if isinstance(index, slice):
            return [(i,) for i in range(self.size)[index]]
        if not -self.size <= index < self.size:
            raise IndexError(index)
        return (index % self.size,)


def group_rows(table: Table) -> Sequence[Sequence[int]]:
    """Positions of each order: same ``(platform, order_number)``; no number stands alone."""
    # Full-width digits are the same number (８０００００００１ is 800000001): one order.
    numbers = table.column("order_number")
    if not all(map(str.isascii, numbers)):  # an ASCII number is its own key
        numbers = [key_text(number) for number in numbers]
    keys = list(zip(table.column("platform"), numbers, strict=True))
    if len(set(keys)) == len(keys) and all(numbers):
        return Singles(len(keys))
    groups: dict[object, list[int]] = {}
    for position, key in enumerate(keys):
        # A row without an order number cannot be matched to others: it stands alone.
        groups.setdefault(key if key[1] else position, []).append(position)
    return list(groups.values())


def _columnar_groups(table: Table) -> Sequence[Sequence[int]]:
    groups = columnar_groups(table)
    return Singles(len(table)) if groups is None or len(groups) == len(table) else groups


def assemble_orders(
    table: Table,
    *,
    catalogue: Catalogue | None = None,
    locale: str = "ko",
    groups: Sequence[Sequence[int]] | None = None,
    columnar: bool = False,
) -> Assembly:
    """Group a table's rows into orders and check each (``groups`` overrides the grouping).

    ``columnar`` groups and merges the rows as polars frame operations
    (:mod:`orderkit.engine.columnar`) instead of row by row; the result is the same.
    """
    # Records and dicts arrive here unmapped: platform and brand get their one spelling
    # before grouping (a mapped sheet's already have it, so nothing is warned twice).
    identities, identity_flaws = normalize_identities(table.values)
    if any(identities[f] is not table.values[f] for f in identities):
        flaws = sorted([*table.flaws, *identity_flaws], key=lambda pair: pair[0])
        table = attrs.evolve(table, values=identities, flaws=flaws)
    if groups is None:
        groups = _columnar_groups(table) if columnar else group_rows(table)
    if isinstance(groups, Singles):
        order_of: Sequence[int] = range(len(table))
    else:
        order_of = [0] * len(table)
        for index, positions in enumerate(groups):
            for position in positions:
                order_of[position] = index
    placed: list[tuple[int, Flaw]] = list(table.flaws)
    # Full-width digits and currency marks are read as ASCII before anything compares or
    # checks them, for a dict, records and a sheet alike; the sheet keeps what was written.
    values, normalized = normalize_marked_columns(table.values)
    if normalized:
        table = attrs.evolve(table, values=values)
        placed.extend(_once_per_order(normalized, order_of))

    if columnar and not isinstance(groups, Singles):
        merged, sources = columnar_merge(table, groups, order_of, placed)
    else:
        merged, sources = _merge(table, groups, placed)
    numeric = {
        field: {order_of[p] for p in positions if sources[field][order_of[p]] == p}
        for field, positions in table.numeric.items()
        if field in sources
    }
    # A paid amount marked in won is not the yen Japan customs needs: keep what was written.
    won = {p: f.value or "" for p, f in normalized if f.field == "paid_amount" and _won(f)}
    won_paid = {i: won[p] for i, p in enumerate(sources["paid_amount"]) if p in won} if won else {}
    # …and one marked in yen is not the won of a Korean order.
    yen = {p: f.value or "" for p, f in normalized if f.field == "paid_amount" and _yen(f)}
    yen_paid = {i: yen[p] for i, p in enumerate(sources["paid_amount"]) if p in yen} if yen else {}
    check = columnar_checks if columnar else _python_checks
    checked, line_check = check(
        merged,
        numeric,
        len(groups),
        (table.column("sku"), table.column("quantity")),
        encoding=table.encoding,
        won_paid=won_paid,
        yen_paid=yen_paid,
    )
    placed.extend((sources.get(f.field, sources["order_number"])[i], f) for i, f in checked.flaws)

    placed.extend(line_check.flaws)
    expanded = None
    if catalogue is not None:
        expanded = _expand(table, line_check.quantities, catalogue, placed)

    # A value that could not be read is reported as such, not also as missing.
    unreadable = {(p, f.field) for p, f in table.flaws}
    unreadable |= {
        (p, f) for p, field in list(unreadable) if field == "lines" for f in _LINE_FIELDS
    }
    if unreadable:
        placed = [
            (p, f) for p, f in placed if f.code != "missing" or (p, f.field) not in unreadable
        ]

    placed = explain_orphan_lines(table, placed)

    failed: set[int] = set()
    problems_of: dict[int, list[Problem]] = {}
    rows, headers = table.rows, table.header
    for position, flaw in sorted(placed, key=lambda pair: pair[0]):
        index = order_of[position]
        if flaw.is_error:
            failed.add(index)
        line = position if table.lines and flaw.field in _LINE_FIELDS else None
        problem = flaw.to_problem(
            rows[position], locale, line=line, column=headers(flaw.field, position)
        )
        problems_of.setdefault(index, []).append(problem)
    return Assembly(
        table, groups, checked, line_check.quantities, expanded, problems_of, frozenset(failed)
    )


def _python_checks(
    merged: Mapping[str, Sequence[str]],
    numeric: Mapping[str, Container[int]],
    count: int,
    lines: tuple[Sequence[str], Sequence[str]],
    *,
    encoding: str | None,
    won_paid: Mapping[int, str],
    yen_paid: Mapping[int, str],
) -> tuple[CheckedOrders, CheckedLines]:
    """The order rules and the line rules, value by value (the Python backend)."""
    checked = check_orders(
        merged, numeric, count, encoding=encoding, won_paid=won_paid, yen_paid=yen_paid
    )
    return checked, check_lines(*lines)


def _once_per_order(
    flaws: Sequence[tuple[int, Flaw]], order_of: Sequence[int]
) -> list[tuple[int, Flaw]]:
    """An order-level value repeated on an order's later rows is one value, warned about
    once (as a form's dict would be); a line's value is its own."""
    seen: set[tuple[int, str, str | None]] = set()
    kept: list[tuple[int, Flaw]] = []
    for position, flaw in flaws:
        if flaw.field not in _LINE_FIELDS:
            key = (order_of[position], flaw.field, flaw.value)
            if key in seen:
                continue
            seen.add(key)
        kept.append((position, flaw))
    return kept


def _won(flaw: Flaw) -> bool:
    return dict(flaw.params).get("mark") in ("원", "₩")


def _yen(flaw: Flaw) -> bool:
    return dict(flaw.params).get("mark") in ("¥", "円")


def _merge(
    table: Table, groups: Sequence[Sequence[int]], placed: list[tuple[int, Flaw]]
) -> tuple[dict[str, list[str]], dict[str, Sequence[int]]]:
    """One value per order and field, and the position it came from.

    The first non-empty value of an order's rows counts; a different one on a later row is
    ``conflicting_rows`` on that row.
    """
    if isinstance(groups, Singles):
        firsts: Sequence[int] = range(len(groups))
        multi: list[int] = []
    else:
        firsts = [positions[0] for positions in groups]
        multi = [i for i, positions in enumerate(groups) if len(positions) > 1]
    later = [p for i in multi for p in groups[i][1:]]
    merged: dict[str, list[str]] = {}
    sources: dict[str, Sequence[int]] = {}
    for field in ORDER_FIELDS:
        column = table.values.get(field)
        if column is None:
            sources[field] = firsts
            continue
        values = list(map(column.__getitem__, firsts))
        if not any(map(column.__getitem__, later)):
            # No later row repeats or contradicts this field: nothing to merge.
            merged[field], sources[field] = values, firsts
            continue
        source = list(firsts)
        for i in multi:
            first: int | None = None
            for p in groups[i]:
                value = column[p]
                if not value:
                    continue
                if first is None:
                    first, values[i], source[i] = p, value, p
                elif value != values[i]:
                    params = (("first_row", table.rows[first]), ("first_value", values[i]))
                    placed.append((p, Flaw(field, "conflicting_rows", value, params)))
        merged[field] = values
        sources[field] = source
    return merged, sources


def _expand(
    table: Table,
    quantities: Sequence[int | None],
    catalogue: Catalogue,
    placed: list[tuple[int, Flaw]],
) -> dict[int, tuple[SkuLine, ...]]:
    """Each line's warehouse SKUs through the catalogue; an unlinked product is a flaw."""
    skus, options = table.column("sku"), table.column("option")
    expanded: dict[int, tuple[SkuLine, ...]] = {}
    # A sheet repeats few (warehouse SKU, quantity) pairs: each is checked once.
    line_flaws: dict[tuple[str, int], list[Flaw]] = {}
    for position, (sku, quantity) in enumerate(zip(skus, quantities, strict=True)):
        if not sku:
            continue
        link = catalogue.expand(sku, options[position])
        if link is None:
            # Said even when the quantity is bad too: one round of fixes for both.
            product = f"{sku} / {options[position]}" if options[position] else sku
            placed.append((position, Flaw("sku", "unknown_sku", product)))
            continue
        if quantity is None:
            continue  # the bad quantity is reported; the order is not built
        lines = []
        for warehouse_sku, multiplier in link:
            total = quantity * multiplier
            flaws = line_flaws.get((warehouse_sku, total))
            if flaws is None:
                checked = check_lines([warehouse_sku], [str(total)])
                flaws = line_flaws[warehouse_sku, total] = [flaw for _, flaw in checked.flaws]
            placed.extend((position, flaw) for flaw in flaws)
            lines.append(SkuLine(warehouse_sku, total))
        expanded[position] = tuple(lines)
    return expanded

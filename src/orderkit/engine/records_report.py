"""The report of records screened over columns: the engine checks only what may have
something to report, and every order is assembled only when the report's orders are asked
for (:mod:`orderkit.engine.records_screen` says which records are screened)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from orderkit.engine.assemble import Assembly, assemble_orders
from orderkit.engine.report import Counts, Report
from orderkit.files.table import table_from_columns, with_defaults

__all__ = ["screened_report"]


def screened_report(
    records: object,
    *,
    platform: str | None,
    brand: str | None,
    first_row: int | None,
    locale: str,
    values_at: Callable[[Sequence[int]], Mapping[Any, Sequence[Any]]],
    everything: Callable[[], Assembly],
) -> Report | None:
    """The report of ``records`` (a list of dicts or a frame) as the engine would give it,
    or ``None`` when the records cannot be screened.

    ``values_at`` gives the values of the records at some positions, field by field (a
    record without a field: ``None``); ``everything`` checks all the records, for the
    report's orders.
    """
    # Imported here: the screen brings the CSV stream's modules (its column names), which
    # validating a workbook never needs (validate imports this module).
    from orderkit.engine.records_screen import screen_records

    screen = screen_records(records, platform=platform, brand=brand)
    if screen is None:
        return None

    defaults = {"platform": platform, "brand": brand}

    def checked(positions: Sequence[int]) -> Assembly:
        table = table_from_columns(values_at(positions), len(positions), first_row=None)
        rows = [None if first_row is None else first_row + p for p in positions]
        table = with_defaults(attrs.evolve(table, rows=rows), defaults)
        return assemble_orders(table, locale=locale)

    assembly = checked(screen.engine_rows)
    joining = screen.joining(assembly.keys())
    if joining:
        # Records the screen passed that the engine reads as part of one of its orders join
        # it; they are all the passed records of those orders: once is enough.
        assembly = checked(sorted({*screen.engine_rows, *joining}))
    pairs = assembly.numbered_problems()
    orders = len(assembly) + screen.clean_orders(assembly.keys())
    return Report(
        None,
        problems=[problem for problem, _ in pairs],
        counts=Counts(screen.length, orders, len(assembly.failed)),
        order_numbers={p.row: number for p, number in pairs if p.row is not None},
        assemble=everything,
    )

"""Counting a sheet's orders before mapping it whole, so an upload of too many is refused
at once.

A marketplace export has dozens of columns; mapping them all costs most of the time of a
large file. How many orders a sheet holds depends only on the order key (platform, order
number) and, for the rare rows without an order number, on whether anything else is in
them. This reads just that, and gives exactly the count the full mapping would.
"""

from __future__ import annotations

import attrs

from orderkit.engine.assemble import group_rows
from orderkit.files.sheet import Sheet, cell_text
from orderkit.templates.mapper import (
    fitted_header,
    locate,
    map_columns,
)
from orderkit.templates.template import Constant, Template

__all__ = ["OrderCount", "count_orders"]

_KEY_FIELDS = ("platform", "order_number")


@attrs.frozen
class OrderCount:
    """How many data rows and orders a sheet maps to, and where its header is."""

    rows: int
    orders: int
    header_index: int


def count_orders(
    sheet: Sheet, template: Template, *, platform: str | None, brand: str | None, locale: str
) -> OrderCount:
    """The rows and orders :func:`orderkit.templates.mapper.map_sheet` would give, read cheaply.

    Raises:
        TemplateError, TemplateMismatch: as :func:`orderkit.templates.mapper.map_sheet`.
    """
    header = fitted_header(sheet, template, platform=platform, brand=brand, locale=locale)
    specs, header_index, positions = header.specs, header.index, header.positions
    start, first_row = header_index + 1, header_index + 2
    keys = map_columns(
        sheet, start, {f: specs[f] for f in _KEY_FIELDS}, positions, first_row=first_row
    )
    kept = {row - first_row for row in keys.rows if row is not None}
    # A row left out for blank key cells may hold other cells: then it is an order of its own.
    others = sorted(
        {
            column
            for field, spec in specs.items()
            if field not in _KEY_FIELDS and not isinstance(spec, Constant)
            for header in spec.headers
            if (column := locate(spec, header, positions)) is not None
        }
    )
    loners = 0
    for position in range(max(0, len(sheet) - start)):
        if position in kept:
            continue
        cells = sheet.cells[start + position]
        if any(c < len(cells) and cell_text(cells[c])[0] for c in others):
            loners += 1
    return OrderCount(len(keys) + loners, len(group_rows(keys)) + loners, header_index)

"""Orders over columns: rows grouped into orders, their order-level values merged, and the
rules' polars backend run over them, as frame operations (``assemble_orders(...,
columnar=True)``).

These give exactly what :func:`orderkit.engine.assemble.group_rows`, the row-by-row merge
and the Python rules give (a property test holds them equal); polars is imported here only,
when called, so one order from a dict never loads it. It is not the default: measured in
``benchmarks/columnar.py`` (CPU time, 100,000 rows held as Python lists), it costs 0.95-0.98
of the row-by-row path, whose order rules already switch to the polars backend for large
inputs, and more below 5,000 rows, because the columns go into polars and back out as lists.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from orderkit.files.table import Table
from orderkit.model.fields import ORDER_FIELDS
from orderkit.model.problems import Flaw
from orderkit.rules.marks import key_text
from orderkit.rules.order_rules import CheckedLines, CheckedOrders, check_orders

if TYPE_CHECKING:
    import polars as pl

__all__ = ["columnar_checks", "columnar_groups", "columnar_merge"]

_POSITION: Final = "position"
_ORDER: Final = "order"


def columnar_groups(table: Table) -> list[list[int]] | None:
    """Positions of each order, orders in order of first appearance: rows sharing
    ``(platform, order_number)`` (full-width digits as ASCII); a row without an order
    number stands alone. ``None`` when every row is an order of its own (most files)."""
    import polars as pl

    numbers = table.column("order_number")
    # Nearly every order number is ASCII, which is its own key.
    keys = numbers if all(map(str.isascii, numbers)) else [key_text(n) for n in numbers]
    platforms = table.column("platform")
    if all(keys) and len(set(zip(platforms, keys, strict=True))) == len(keys):
        return None  # every row an order of its own: no frame needed
    frame = pl.DataFrame(
        {"platform": platforms, "key": keys},
        schema={"platform": pl.String, "key": pl.String},
    ).with_row_index(_POSITION)
    # A row without a number is keyed by its own position; the others share a null there.
    alone = pl.when(pl.col("key") == "").then(pl.col(_POSITION)).alias("alone")
    grouped = frame.group_by(["platform", "key", alone], maintain_order=True).agg(_POSITION)
    groups: list[list[int]] = grouped[_POSITION].to_list()
    return groups


def columnar_merge(
    table: Table,
    groups: Sequence[Sequence[int]],
    order_of: Sequence[int],
    placed: list[tuple[int, Flaw]],
) -> tuple[dict[str, list[str]], dict[str, Sequence[int]]]:
    """One value per order and field, and the position it came from: the first non-empty
    value of the order's rows; a different one on a later row is ``conflicting_rows``
    there (appended to ``placed``)."""
    import polars as pl

    firsts = [positions[0] for positions in groups]
    later = [p for positions in groups if len(positions) > 1 for p in positions[1:]]
    merged: dict[str, list[str]] = {}
    sources: dict[str, Sequence[int]] = dict.fromkeys(ORDER_FIELDS, firsts)
    fields = []
    for field in ORDER_FIELDS:
        column = table.values.get(field)
        if column is None:
            continue
        if any(map(column.__getitem__, later)):
            fields.append(field)
        else:
            # No later row repeats or contradicts this field: the first row's value stands.
            merged[field] = list(map(column.__getitem__, firsts))
    if not fields:
        return merged, sources
    names = {field: f"v{n}" for n, field in enumerate(fields)}
    frame = pl.DataFrame(
        {_ORDER: order_of, **{names[f]: table.values[f] for f in fields}},
        schema={_ORDER: pl.UInt32, **dict.fromkeys(names.values(), pl.String)},
    ).with_row_index(_POSITION)
    per_order = (
        frame.group_by(_ORDER)
        .agg(
            *[_first_filled(pl.col(name), name).alias(name) for name in names.values()],
            *[_first_filled(pl.col(_POSITION), name).alias(f"s{name}") for name in names.values()],
        )
        .sort(_ORDER)
    )
    # Each row beside its order's first values: a filled cell that differs conflicts.
    beside = frame.join(
        per_order.select(_ORDER, *[pl.col(n).alias(f"f{n}") for n in names.values()]), on=_ORDER
    )
    rows = table.rows
    for field, name in names.items():
        column = table.values[field]
        # An order with this field empty on every row keeps its first row's (empty) value.
        values = per_order[name].to_list()
        merged[field] = [column[f] if v is None else v for v, f in zip(values, firsts, strict=True)]
        source = per_order[f"s{name}"].to_list()
        sources[field] = [f if s is None else s for s, f in zip(source, firsts, strict=True)]
        conflicts = beside.filter((pl.col(name) != "") & (pl.col(name) != pl.col(f"f{name}")))
        firsts_of = sources[field]
        for position, order, value, first_value in conflicts.select(
            _POSITION, _ORDER, name, f"f{name}"
        ).iter_rows():
            params = (("first_row", rows[firsts_of[order]]), ("first_value", first_value))
            placed.append((position, Flaw(field, "conflicting_rows", value, params)))
    return merged, sources


def _first_filled(values: pl.Expr, name: str) -> pl.Expr:
    import polars as pl

    return values.filter(pl.col(name) != "").first()


def columnar_checks(
    merged: Mapping[str, Sequence[str]],
    numeric: Mapping[str, Container[int]],
    count: int,
    lines: tuple[Sequence[str], Sequence[str]],
    *,
    encoding: str | None,
    won_paid: Mapping[int, str],
    yen_paid: Mapping[int, str],
) -> tuple[CheckedOrders, CheckedLines]:
    """The order rules over the orders' frame (one row per order) and the line rules over
    the lines' columns: the polars backend of :mod:`orderkit.rules`."""
    import polars as pl

    from orderkit.rules.polars_backend import check_lines_frame, check_orders_frame

    if merged:
        frame = pl.DataFrame(dict(merged), schema=dict.fromkeys(merged, pl.String))
        checked = check_orders_frame(
            frame, numeric, encoding=encoding, won_paid=won_paid, yen_paid=yen_paid
        )
    else:  # no order-level column at all: nothing gives the frame its height
        checked = check_orders(
            merged, numeric, count, encoding=encoding, won_paid=won_paid, yen_paid=yen_paid
        )
    skus, quantities = lines
    line_check = check_lines_frame(
        pl.Series(skus, dtype=pl.String), pl.Series(quantities, dtype=pl.String)
    )
    return checked, line_check

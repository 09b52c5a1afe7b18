"""One CSV file as a stream of batches sees it, and the second pass over its scattered orders.

Both ways of reading a large file (Arrow batches, or the ``csv`` module's rows) hand the
engine rows as lists of cell texts with their Excel row numbers; what is done with them is
here, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path

import attrs

from orderkit.engine.assemble import Assembly, assemble_orders
from orderkit.engine.catalogue import Catalogue
from orderkit.engine.scattered import OrderKey, keep_rows
from orderkit.files.csvfile import iter_csv_rows
from orderkit.files.safety import Limits
from orderkit.files.sheet import Sheet
from orderkit.files.table import Table
from orderkit.rules.patterns import PatternBudget
from orderkit.templates.mapper import Positions, locate, map_columns
from orderkit.templates.template import Column, FieldSpec

__all__ = [
    "KEY_FIELDS",
    "Source",
    "check_gathered",
    "key_fields",
    "map_numbered",
    "plain_number_column",
]

KEY_FIELDS = ("platform", "order_number")


@attrs.frozen
class Source:
    """One CSV file as the batches see it: where its data starts and how it maps."""

    path: Path
    specs: Mapping[str, FieldSpec]
    positions: Positions
    header_index: int
    """0-based index of the header row: data rows start after it."""
    encoding: tuple[str, int]
    limits: Limits

    def data_rows(self) -> Iterator[list[str]]:
        rows = iter_csv_rows(self.path, self.limits, known=self.encoding)
        return islice(rows, self.header_index + 1, None)

    def sheet(self, rows: list[list[str]]) -> Sheet:
        return Sheet(self.path.stem, rows, "csv", limits=self.limits, encoding=self.encoding[0])


def map_numbered(
    source: Source,
    rows: list[list[str]],
    numbers: Sequence[int],
    specs: Mapping[str, FieldSpec] | None = None,
    budget: PatternBudget | None = None,
) -> Table:
    """``rows`` mapped through the template, each named by its Excel row in ``numbers``
    (rows with nothing in any mapped column are left out, as a whole read leaves them)."""
    table = map_columns(
        source.sheet(rows),
        0,
        specs if specs is not None else source.specs,
        source.positions,
        first_row=0,
        budget=budget,
    )
    return attrs.evolve(table, rows=[numbers[r] for r in table.rows if r is not None])


def check_gathered(
    source: Source,
    scattered: set[OrderKey],
    candidates: Iterable[tuple[list[list[str]], Sequence[int]]],
    catalogue: Catalogue | None,
    locale: str,
) -> Assembly:
    """The ``scattered`` orders (whose rows were in several batches) checked whole, from
    their rows read again: ``candidates`` are rows that may belong to them, with their
    Excel row numbers, in file order; only the rows of those orders are held."""
    key_specs = key_fields(source.specs)
    budget = PatternBudget()
    gathered: list[list[str]] = []
    numbers: list[int] = []
    for rows, row_numbers in candidates:
        keys = map_columns(
            source.sheet(rows), 0, key_specs, source.positions, first_row=0, budget=budget
        )
        for position in keep_rows(keys, scattered):
            index = keys.rows[position]
            assert index is not None
            gathered.append(rows[index])
            numbers.append(row_numbers[index])
    table = map_numbered(source, gathered, numbers, budget=budget)
    return assemble_orders(table, catalogue=catalogue, locale=locale)


def key_fields(specs: Mapping[str, FieldSpec]) -> Mapping[str, FieldSpec]:
    """The fields that give a row its order key, to map only those: platform and order
    number, or every field when a key has a ``default``. A row is left out as blank when
    nothing is in any column mapped, and with a default, a row empty in the key's columns
    is an order (numbered by the default) when it has anything in another column."""
    keys = {f: specs[f] for f in KEY_FIELDS if f in specs}
    if any(isinstance(spec, Column) and spec.default for spec in keys.values()):
        return specs
    return keys


def plain_number_column(specs: Mapping[str, FieldSpec], positions: Positions) -> int | None:
    """The column of the order number when its cell is the number as it is (one header,
    no pattern, map or default): an ASCII cell's number is then its trimmed text."""
    spec = specs.get("order_number")
    if not isinstance(spec, Column) or len(spec.headers) != 1:
        return None
    if spec.pattern is not None or spec.map is not None or spec.default:
        return None
    return locate(spec, spec.headers[0], positions)

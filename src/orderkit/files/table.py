"""Canonical values column by column: what a mapped sheet, a list of records or one order
dict becomes before the rules run.

Rules run over whole columns, so a sheet of 5,000 orders costs a few list passes per field
rather than thousands of small objects; only values that fail become :class:`Flaw` values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from orderkit.model.fields import FIELDS
from orderkit.model.problems import Flaw
from orderkit.model.text import to_text

__all__ = ["RECORD_FIELDS", "Table", "table_from_records", "with_defaults"]

# What a record may hold: the canonical fields, and the option that picks a catalogue SKU.
RECORD_FIELDS: Final = frozenset((*FIELDS, "option"))


@attrs.frozen
class Table:
    """One entry per data row (or per SKU line of an order dict)."""

    rows: Sequence[int | None]
    """The Excel row of each entry; ``None`` for a dict's lines."""
    values: Mapping[str, Sequence[str]]
    """Normalised text by canonical field; an absent field is empty everywhere."""
    numeric: Mapping[str, frozenset[int]] = attrs.field(factory=dict)
    """Positions whose value came unchanged from a number cell, by field."""
    flaws: Sequence[tuple[int, Flaw]] = ()
    """Problems found while reading: values that could not be read as text."""
    headers: Mapping[str, str | Sequence[str]] = attrs.field(factory=dict)
    """The column header of each field, or per entry where it varies (first of several)."""
    lines: bool = False
    """True when the entries are the SKU lines of one order dict (problems get ``line``)."""
    encoding: str | None = None
    """The text encoding the values were decoded from (a CSV file's); ``None`` otherwise."""

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, field: str) -> Sequence[str]:
        found = self.values.get(field)
        return found if found is not None else [""] * len(self.rows)

    def header(self, field: str, position: int) -> str | None:
        header = self.headers.get(field)
        if header is None or isinstance(header, str):
            return header
        return header[position]


def table_from_records(records: Iterable[Mapping[str, Any]], *, first_row: int | None = 1) -> Table:
    """A table of flat records keyed by canonical field names (one SKU line each).

    Values may be text or numbers; ``None`` and NaN are empty. Entry ``i`` is reported as
    row ``first_row + i`` (``None``: no row numbers).
    """
    from orderkit.files.sheet import fast_texts

    records = records if isinstance(records, list) else list(records)
    keys: dict[str, None] = {}
    reference = records[0].keys() if records else {}.keys()
    if all(record.keys() == reference for record in records):
        keys = dict.fromkeys(reference)
    else:
        for record in records:
            keys.update(dict.fromkeys(record))
    values: dict[str, list[str]] = {}
    numeric: dict[str, frozenset[int]] = {}
    flaws: list[tuple[int, Flaw]] = []
    for key in keys:
        if key not in RECORD_FIELDS:
            flaws.extend(
                (p, Flaw("order", "unknown_field", str(key)))
                for p, record in enumerate(records)
                if key in record
            )
            continue
        raw = [record.get(key) for record in records]
        texts, slow = fast_texts(raw)
        numbers = set()
        for position in slow:
            read = to_text(key, raw[position])
            if isinstance(read, Flaw):
                flaws.append((position, read))
                texts[position] = ""
                continue
            texts[position], was_number = read
            if was_number:
                numbers.add(position)
        values[key] = texts
        if numbers:
            numeric[key] = frozenset(numbers)
    flaws.sort(key=lambda pair: pair[0])
    rows = [None if first_row is None else first_row + i for i in range(len(records))]
    return Table(rows=rows, values=values, numeric=numeric, flaws=flaws)


def with_defaults(table: Table, defaults: Mapping[str, str | None]) -> Table:
    """``table`` with empty values of the given fields filled (``None``: left as is)."""
    values = dict(table.values)
    for field, default in defaults.items():
        if default:
            values[field] = [v or default for v in table.column(field)]
    return attrs.evolve(table, values=values)

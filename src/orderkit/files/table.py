"""Canonical values column by column: what a mapped sheet, a list of records or one order
dict becomes before the rules run.

Rules run over whole columns, so a sheet of 5,000 orders costs a few list passes per field
rather than thousands of small objects; only values that fail become :class:`Flaw` values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import filterfalse
from operator import itemgetter
from typing import Any, Final
from unicodedata import is_normalized

import attrs

from orderkit.model.fields import FIELDS
from orderkit.model.problems import Flaw
from orderkit.model.text import to_text

__all__ = [
    "RECORD_FIELDS",
    "Table",
    "column_texts",
    "per_value_texts",
    "table_from_columns",
    "table_from_records",
    "with_defaults",
]

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
    records = records if isinstance(records, list) else list(records)
    reference = records[0].keys() if records else {}.keys()
    if all(record.keys() == reference for record in records):
        # Every record has the same keys (nearly always): the columns come out whole, in C.
        keys = list(reference)
        columns: dict[str, Sequence[Any]] = {}
        if len(keys) == 1:
            columns = {keys[0]: [r[keys[0]] for r in records]}
        elif keys:
            rows = map(itemgetter(*keys), records)
            columns = dict(zip(keys, zip(*rows, strict=True), strict=True))
        return table_from_columns(columns, len(records), first_row=first_row)
    every: dict[str, None] = {}
    for record in records:
        every.update(dict.fromkeys(record))
    columns = {key: [record.get(key) for record in records] for key in every}
    held = {
        key: [p for p, r in enumerate(records) if key in r]
        for key in every
        if key not in RECORD_FIELDS
    }
    return table_from_columns(columns, len(records), first_row=first_row, held=held)


def table_from_columns(
    columns: Mapping[str, Sequence[Any]],
    length: int,
    *,
    first_row: int | None = 1,
    held: Mapping[str, Sequence[int]] | None = None,
) -> Table:
    """A table of ``length`` records given column by column (a frame's columns), keyed by
    canonical field names; as :func:`table_from_records` makes of the same records.

    ``held`` names, per key, the positions of the records that have it (default: all).
    """
    values: dict[str, list[str]] = {}
    numeric: dict[str, frozenset[int]] = {}
    flaws: list[tuple[int, Flaw]] = []
    for key, raw in columns.items():
        if key not in RECORD_FIELDS:
            positions = held[key] if held is not None else range(length)
            flaws.extend((p, Flaw("order", "unknown_field", str(key))) for p in positions)
            continue
        texts, numbers = column_texts(key, raw, flaws)
        values[key] = texts
        if numbers:
            numeric[key] = frozenset(numbers)
    flaws.sort(key=lambda pair: pair[0])
    rows = [None if first_row is None else first_row + i for i in range(length)]
    return Table(rows=rows, values=values, numeric=numeric, flaws=flaws)


def column_texts(
    field: str, raw: Sequence[Any], flaws: list[tuple[int, Flaw]]
) -> tuple[list[str], set[int]]:
    """The text of each value of one field, and the positions that were numbers; values
    that cannot be read as text are empty and a flaw in ``flaws``."""
    plain = _plain_texts(raw)
    if plain is not None:
        return plain, set()
    from orderkit.files.sheet import fast_texts

    texts, slow = fast_texts(raw)
    return texts, _convert(field, raw, slow, texts, flaws)


def per_value_texts(
    field: str, raw: Sequence[Any], flaws: list[tuple[int, Flaw]]
) -> tuple[list[str], set[int]]:
    """:func:`column_texts` value by value: the reference the whole-column paths are held
    to (NFC text is trimmed, anything else read by :func:`to_text`)."""
    texts = [""] * len(raw)
    slow = []
    for position, value in enumerate(raw):
        if value.__class__ is str and (value.isascii() or is_normalized("NFC", value)):
            texts[position] = value.strip()
        else:
            slow.append(position)
    return texts, _convert(field, raw, slow, texts, flaws)


def _convert(
    field: str,
    raw: Sequence[Any],
    slow: Sequence[int],
    texts: list[str],
    flaws: list[tuple[int, Flaw]],
) -> set[int]:
    """Read the values at ``slow`` into ``texts``; the positions that were numbers."""
    numbers = set()
    for position in slow:
        read = to_text(field, raw[position])
        if isinstance(read, Flaw):
            flaws.append((position, read))
            texts[position] = ""
            continue
        texts[position], was_number = read
        if was_number:
            numbers.add(position)
    return numbers


def _plain_texts(raw: Sequence[Any]) -> list[str] | None:
    """A column of nothing but NFC text and ``None`` (nearly every one) only needs trimming:
    done in C, a whole column at once. ``None`` when any value needs a closer look."""
    kinds = set(map(type, raw))
    if not kinds <= _TEXT_OR_NONE:
        return None
    if _NONE in kinds:
        raw = ["" if value is None else value for value in raw]
    # Each distinct non-ASCII text is checked once: a column holds few names.
    if not all(map(str.isascii, raw)) and not all(
        is_normalized("NFC", text) for text in set(filterfalse(str.isascii, raw))
    ):
        return None
    return list(map(str.strip, raw))


_NONE: Final = type(None)
_TEXT_OR_NONE: Final = {str, _NONE}


def with_defaults(table: Table, defaults: Mapping[str, str | None]) -> Table:
    """``table`` with empty values of the given fields filled (``None``: left as is)."""
    values = dict(table.values)
    for field, default in defaults.items():
        if default:
            values[field] = [v or default for v in table.column(field)]
    return attrs.evolve(table, values=values)

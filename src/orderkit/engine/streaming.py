"""Validating a large CSV file in batches, with bounded memory and orders kept whole.

Rows are read and checked ``chunk_rows`` at a time; only order keys, problems and counts
are kept. An order whose rows are scattered through the file (its key seen in more than
one batch) is checked again whole, its rows gathered in a second pass
(:mod:`orderkit.engine.scattered`): the report holds exactly the problems and counts of one
whole read of the file.

Most templates are read as Arrow batches and screened over columns
(:mod:`orderkit.engine.batch_stream`); the rest (patterns, joined columns, a catalogue) go
row by row through the engine, in chunks that never end inside a run of rows of one order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Final

from orderkit.engine.assemble import assemble_orders
from orderkit.engine.batch_stream import validate_batches
from orderkit.engine.catalogue import Catalogue
from orderkit.engine.report import Counts, Report, no_orders
from orderkit.engine.scattered import OrderKey, OrderLedger
from orderkit.engine.screening import screen_plan
from orderkit.engine.stream_source import Source, check_gathered, plain_number_column
from orderkit.files.csvfile import csv_encoding, iter_csv_rows
from orderkit.files.identify import no_cells
from orderkit.files.safety import DEFAULT_LIMITS, Limits, too_many_rows
from orderkit.files.sheet import Sheet
from orderkit.rules.patterns import PatternBudget
from orderkit.templates.mapper import (
    HEADER_SEARCH_ROWS,
    Positions,
    check_columns,
    find_header,
    header_positions,
    locate,
    map_columns,
    resolve_fields,
)
from orderkit.templates.template import Column, FieldSpec, Template

__all__ = ["CHUNK_ROWS", "validate_csv_stream"]

CHUNK_ROWS: Final = 100_000


def validate_csv_stream(
    path: Path,
    template: Template,
    *,
    platform: str | None,
    brand: str | None,
    catalogue: Catalogue | None,
    locale: str,
    chunk_rows: int = CHUNK_ROWS,
    limits: Limits | None = None,
) -> Report:
    """Validate a CSV file batch by batch; the report keeps problems and counts only.

    Raises:
        EmptyFile: no cell of the file holds text.
        NoOrders: the file has a header row but no order rows under it.
        TemplateError, TemplateMismatch, UnreadableFile, FileTooLarge: as a whole read.
    """
    limits = limits or DEFAULT_LIMITS
    specs = resolve_fields(template, platform, brand)
    encoding = csv_encoding(path)
    # The header is looked for where a whole read looks: in the first rows, or on the
    # template's header row however far down.
    wanted = max(HEADER_SEARCH_ROWS, template.header_row or 0)
    head = list(islice(iter_csv_rows(path, limits, known=encoding), wanted))
    if not any(cell.strip() for row in head for cell in row) and _no_text(path, limits, encoding):
        raise no_cells(path, None)
    sheet = Sheet(path.stem, head, "csv")
    header_index = find_header(sheet, template)
    header = sheet.row(header_index)[0] if header_index < len(head) else ()
    positions = header_positions(header)
    check_columns(specs, positions, header_index + 1, locale)
    del head, sheet
    source = Source(path, specs, positions, header_index, encoding, limits)
    plan = screen_plan(specs, positions, encoding=encoding[0], catalogue=catalogue)
    if plan is not None:
        report = validate_batches(source, plan, locale=locale, chunk_rows=chunk_rows)
    else:
        report = _validate_rows(source, catalogue, locale, chunk_rows)
    if report.counts.rows == 0:
        raise no_orders(path.name, header_index + 1)
    return report


def _no_text(path: Path, limits: Limits, encoding: tuple[str, int]) -> bool:
    """Whether no cell of the file holds text (read on only when its first rows hold none)."""
    return not any(
        cell.strip() for row in iter_csv_rows(path, limits, known=encoding) for cell in row
    )


def _validate_rows(
    source: Source, catalogue: Catalogue | None, locale: str, chunk_rows: int
) -> Report:
    """Every row through the engine, read by the ``csv`` module in chunks (templates
    the screen cannot read for the engine: patterns, joined columns, a catalogue)."""
    number_column = _order_number_column(source.specs, source.positions)
    ledger = OrderLedger()
    first_row = source.header_index + 2
    budget = PatternBudget()  # one for the whole file, not one per batch
    for batch, chunk in enumerate(_chunks(source.data_rows(), chunk_rows, number_column)):
        if first_row + len(chunk) - 1 > source.limits.rows:
            raise too_many_rows(source.path.name, source.limits)
        table = map_columns(
            source.sheet(chunk), 0, source.specs, source.positions, first_row=first_row,
            budget=budget,
        )  # fmt: skip
        first_row += len(chunk)
        ledger.add(batch, table, assemble_orders(table, catalogue=catalogue, locale=locale))
    # Scattered orders are checked a share at a time, so that no pass holds more than about
    # a batch of rows (an order has a few rows): a file whose orders are all scattered costs
    # more passes, never more memory.
    scattered = sorted(ledger.scattered)
    share = max(1, chunk_rows // 2)
    second = [
        check_gathered(
            source,
            set(scattered[n : n + share]),
            _row_candidates(source, set(scattered[n : n + share]), chunk_rows),
            catalogue,
            locale,
        )
        for n in range(0, len(scattered), share)
    ]
    settled = ledger.settled(second)
    return Report(
        None,
        problems=settled.problems,
        counts=Counts(ledger.rows, ledger.orders, settled.invalid),
        order_numbers=settled.order_numbers,
    )


def _row_candidates(
    source: Source, scattered: set[OrderKey], chunk_rows: int
) -> Iterator[tuple[list[list[str]], list[int]]]:
    """Rows that may belong to ``scattered`` orders, chunk by chunk, with their Excel rows."""
    column = plain_number_column(source.specs, source.positions)
    wanted = {number for _, number in scattered}
    first_row = source.header_index + 2
    for chunk in _chunks(source.data_rows(), chunk_rows, None):
        # Rows whose order number cell cannot be a scattered one are not mapped at all.
        candidates = range(len(chunk)) if column is None else _candidates(chunk, column, wanted)
        yield [chunk[p] for p in candidates], [first_row + p for p in candidates]
        first_row += len(chunk)


def _order_number_column(specs: Mapping[str, FieldSpec], positions: Positions) -> int | None:
    spec = specs.get("order_number")
    if isinstance(spec, Column):
        for header in spec.headers:
            column = locate(spec, header, positions)
            if column is not None:
                return column
    return None


def _candidates(chunk: list[list[str]], column: int, wanted: set[str]) -> list[int]:
    """Positions of rows whose order number may be in ``wanted`` (any non-ASCII one may:
    only the mapping knows what it reads as)."""
    found = []
    for position, row in enumerate(chunk):
        cell = row[column] if column < len(row) else ""
        if not cell.isascii() or cell.strip() in wanted:
            found.append(position)
    return found


def _chunks(
    rows: Iterator[list[str]], size: int, number_column: int | None
) -> Iterator[list[list[str]]]:
    """Lists of about ``size`` rows; a run of rows with one order number stays together."""
    pending: list[list[str]] = []
    while True:
        chunk = pending + list(islice(rows, size - len(pending)))
        if not chunk:
            return
        pending = []
        # The open order at the end is held back in this chunk: its next rows join it.
        for row in rows:
            if not _same_order(row, chunk[-1], number_column):
                pending = [row]
                break
            chunk.append(row)
        yield chunk


def _same_order(row: list[str], previous: list[str], column: int | None) -> bool:
    if column is None:
        return False
    number = row[column].strip() if column < len(row) else ""
    return bool(number) and number == (previous[column].strip() if column < len(previous) else "")

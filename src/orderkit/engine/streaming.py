"""Validating a large CSV file in chunks, with bounded memory.

Rows are read, mapped and checked ``chunk_rows`` at a time; only problems and counts are
kept. A chunk never ends inside a run of rows of one order. Rows of an order that stand
apart in different chunks cannot be compared with each other, and are ``split_order``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Final

from orderkit.engine.assemble import assemble_orders
from orderkit.engine.catalogue import Catalogue
from orderkit.engine.report import Counts, Report
from orderkit.files.csvfile import csv_encoding, iter_csv_rows
from orderkit.files.safety import DEFAULT_LIMITS, Limits, too_many_rows
from orderkit.files.sheet import Sheet
from orderkit.model.problems import Flaw, Problem
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
    """Validate a CSV file chunk by chunk; the report keeps problems and counts only."""
    limits = limits or DEFAULT_LIMITS
    specs = resolve_fields(template, platform, brand)
    encoding = csv_encoding(path)
    rows = iter_csv_rows(path, limits, known=encoding)
    head = list(islice(rows, HEADER_SEARCH_ROWS))
    header_index = find_header(Sheet(path.stem, head, "csv"), template)
    positions = header_positions(head[header_index] if header_index < len(head) else [])
    check_columns(specs, positions, header_index + 1, locale)

    number_column = _order_number_column(specs, positions)
    data = _chain(head[header_index + 1 :], rows)
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    total_rows = total_orders = invalid = 0
    first_row = header_index + 2
    budget = PatternBudget()  # one for the whole file, not one per chunk
    for chunk in _chunks(data, chunk_rows, number_column):
        if first_row + len(chunk) - 1 > limits.rows:
            raise too_many_rows(path.name, limits)
        table = map_columns(
            Sheet(path.stem, chunk, "csv", limits=limits, encoding=encoding[0]),
            0,
            specs,
            positions,
            first_row=first_row,
            budget=budget,
        )
        first_row += len(chunk)
        assembly = assemble_orders(table, catalogue=catalogue, locale=locale)
        failed = set(assembly.failed)
        chunk_problems = assembly.all_problems()
        keys = assembly.keys()
        split = [i for i, key in enumerate(keys) if key[1] and key in seen] if seen else []
        for index in split:
            failed.add(index)
            rows_of = assembly.rows(index)
            params = (("first_row", rows_of[0]),)
            flaw = Flaw("order_number", "split_order", keys[index][1], params)
            chunk_problems.extend(flaw.to_problem(row, locale) for row in rows_of)
        seen.update(keys)
        chunk_problems.sort(key=lambda p: p.row or 0)
        problems.extend(chunk_problems)
        total_rows += len(table)
        total_orders += len(assembly)
        invalid += len(failed)
    return Report(None, problems=problems, counts=Counts(total_rows, total_orders, invalid))


def _chain(first: list[list[str]], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield from first
    yield from rest


def _order_number_column(specs: Mapping[str, FieldSpec], positions: Positions) -> int | None:
    spec = specs.get("order_number")
    if isinstance(spec, Column):
        for header in spec.headers:
            column = locate(spec, header, positions)
            if column is not None:
                return column
    return None


def _chunks(
    rows: Iterator[list[str]], size: int, number_column: int | None
) -> Iterator[list[list[str]]]:
    """Lists of about ``size`` rows; a run of rows with one order number stays together."""
    chunk: list[list[str]] = []
    for row in rows:
        if len(chunk) >= size and not _same_order(row, chunk[-1], number_column):
            yield chunk
            chunk = []
        chunk.append(row)
    if chunk:
        yield chunk


def _same_order(row: list[str], previous: list[str], column: int | None) -> bool:
    if column is None:
        return False
    number = row[column].strip() if column < len(row) else ""
    return bool(number) and number == (previous[column].strip() if column < len(previous) else "")

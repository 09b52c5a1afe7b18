"""Mapping a sheet onto canonical fields with a seller template, column by column.

Nothing is mapped when the file lacks a column the template needs: the whole file is refused
with :class:`TemplateMismatch`, one ``missing_column`` problem per missing header.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from itertools import compress
from typing import Final

import attrs

from orderkit.files.sheet import CellKind, Sheet
from orderkit.files.table import Table
from orderkit.model.columns import column_letters
from orderkit.model.errors import TemplateError
from orderkit.model.messages import check_locale
from orderkit.model.problems import Flaw
from orderkit.rules.identity import normalize_identities
from orderkit.rules.order_rules import REQUIRED_ORDER_FIELDS
from orderkit.rules.patterns import PatternBudget
from orderkit.templates.joining import join_column
from orderkit.templates.mismatch import DuplicateColumns, TemplateMismatch
from orderkit.templates.template import Column, Constant, FieldSpec, Joined, Template

__all__ = [
    "REQUIRED_FIELDS",
    "FittedHeader",
    "MappedSheet",
    "fitted_header",
    "header_key",
    "map_sheet",
]

# How far down a header is looked for when the template does not say which row it is on.
HEADER_SEARCH_ROWS: Final = 30
REQUIRED_FIELDS: Final = (*REQUIRED_ORDER_FIELDS, "sku", "quantity")


def header_key(header: str) -> str:
    """Headers match ignoring case and runs of spaces: ``"수령인  주소"`` is ``"수령인 주소"``;
    Hangul decomposed (NFD, as macOS saves names) is the same header composed."""
    if not header.isascii():
        header = unicodedata.normalize("NFC", header)
    return " ".join(header.split()).casefold()


@attrs.frozen
class MappedSheet:
    """A sheet mapped through a template: its canonical table, and where it came from."""

    sheet: Sheet
    template: Template
    header_index: int
    """0-based index of the header row."""
    table: Table

    @property
    def header_row(self) -> int:
        return self.header_index + 1


def map_sheet(
    sheet: Sheet,
    template: Template,
    *,
    platform: str | None = None,
    brand: str | None = None,
    locale: str = "ko",
) -> MappedSheet:
    """Map every data row of ``sheet`` through ``template``.

    ``platform`` and ``brand`` given here win over the template's (the upload dialog sets
    them). Rows with no value in any mapped column are left out.

    Raises:
        TemplateError: the template maps nothing to a required field.
        TemplateMismatch: the sheet lacks headers the template needs.
    """
    header = fitted_header(sheet, template, platform=platform, brand=brand, locale=locale)
    specs, header_index, positions = header.specs, header.index, header.positions
    table = map_columns(sheet, header_index + 1, specs, positions, first_row=header_index + 2)
    return MappedSheet(sheet, template, header_index, table)


@attrs.frozen
class FittedHeader:
    """Where a sheet's header is and what the template reads from it, checked to fit."""

    specs: Mapping[str, FieldSpec]
    """The template's fields, with the platform and brand given at call time."""
    index: int
    """0-based index of the header row."""
    positions: Positions


def fitted_header(
    sheet: Sheet, template: Template, *, platform: str | None, brand: str | None, locale: str
) -> FittedHeader:
    """The header of ``sheet`` under ``template``, every column it needs there once.

    Raises:
        TemplateError, TemplateMismatch: as :func:`map_sheet`.
    """
    specs = resolve_fields(template, platform, brand)
    index = find_header(sheet, template)
    positions = header_positions(sheet.row(index)[0])
    check_columns(specs, positions, index + 1, locale)
    return FittedHeader(specs, index, positions)


def resolve_fields(
    template: Template, platform: str | None, brand: str | None
) -> dict[str, FieldSpec]:
    specs = dict(template.fields)
    for field, call_value, template_value in (
        ("platform", platform, template.platform),
        ("brand", brand, template.brand),
    ):
        value = call_value or template_value
        if value:
            specs[field] = Constant(value)
    unmapped = [field for field in REQUIRED_FIELDS if field not in specs]
    if unmapped:
        names = ", ".join(unmapped)
        raise TemplateError(
            f"the template maps nothing to {names}; add a column for each "
            "(platform may also be given when uploading)",
            ko=f"템플릿에 {names} 항목의 열이 없습니다. 각 항목에 열을 지정하세요 "
            "(판매 플랫폼은 업로드할 때 정해도 됩니다).",
        )
    return specs


Positions = Mapping[str, Sequence[int]]
"""Header key → every column (0-based) where it stands on the header row, left to right."""


def header_positions(header_cells: Sequence[str]) -> dict[str, list[int]]:
    """Every column of each header on the header row (a header may stand more than once)."""
    positions: dict[str, list[int]] = {}
    for column, cell in enumerate(header_cells):
        if cell:
            positions.setdefault(header_key(cell), []).append(column)
    return positions


def locate(spec: FieldSpec, header: str, positions: Positions) -> int | None:
    """The column ``spec`` reads ``header`` from; ``None`` when the file lacks it.

    A repeated header is read where the template's ``occurrence`` or ``position`` says, and
    otherwise from its first column (:func:`check_columns` has refused that case before).
    """
    columns = positions.get(header_key(header), ())
    if isinstance(spec, Column) and spec.position is not None:
        return spec.position - 1 if spec.position - 1 in columns else None
    if isinstance(spec, Column) and spec.occurrence is not None:
        return columns[spec.occurrence - 1] if len(columns) >= spec.occurrence else None
    return columns[0] if columns else None


def find_header(sheet: Sheet, template: Template) -> int:
    if template.header_row is not None:
        return template.header_row - 1
    wanted = {header_key(h) for h in template.headers}
    if not wanted:
        return 0
    best, best_index = 0, 0
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet))):
        cells = sheet.row(index)[0]
        found = len(wanted & {header_key(c) for c in cells if c})
        if found > best:
            best, best_index = found, index
            if found == len(wanted):
                break
    return best_index


def check_columns(
    specs: Mapping[str, FieldSpec], positions: Positions, header_row: int, locale: str
) -> None:
    """Raise :class:`TemplateMismatch` naming every header the template needs and lacks,
    or :class:`DuplicateColumns` naming every position of a header it reads that stands
    more than once with nothing in the template to say which."""
    locale = check_locale(locale)
    missing = missing_columns(specs, positions)
    twice = [
        Flaw(field, "duplicate_column", header, params).to_problem(
            header_row, locale, column=header
        )
        for field, header, params in duplicate_columns(specs, positions)
    ]
    if missing:
        raise TemplateMismatch(
            [
                Flaw(field, "missing_column", header).to_problem(header_row, locale, column=header)
                for field, header in missing
            ]
            + twice
        )
    if twice:
        raise DuplicateColumns(twice)


def missing_columns(specs: Mapping[str, FieldSpec], positions: Positions) -> list[tuple[str, str]]:
    missing: list[tuple[str, str]] = []
    for field, spec in specs.items():
        if isinstance(spec, Column) and len(spec.headers) > 1:
            # First-of-several needs one of them; name them all when none is there.
            if not any(locate(spec, h, positions) is not None for h in spec.headers):
                missing.append((field, " / ".join(spec.headers)))
            continue
        for header in spec.headers:
            if locate(spec, header, positions) is None:
                missing.append((field, _which(spec, header)))
    return missing


def _which(spec: FieldSpec, header: str) -> str:
    if isinstance(spec, Column) and spec.position is not None:
        return f"{header} [{column_letters(spec.position)}]"
    if isinstance(spec, Column) and spec.occurrence is not None:
        return f"{header} [#{spec.occurrence}]"
    return header


def duplicate_columns(
    specs: Mapping[str, FieldSpec], positions: Positions
) -> list[tuple[str, str, tuple[tuple[str, object], ...]]]:
    """``(field, header, params)`` for each header read that stands more than once unpicked."""
    found: list[tuple[str, str, tuple[tuple[str, object], ...]]] = []
    for field, spec in specs.items():
        if isinstance(spec, Column) and (spec.occurrence or spec.position):
            continue
        for header in spec.headers:
            columns = positions.get(header_key(header), ())
            if len(columns) > 1:
                letters = [column_letters(c + 1) for c in columns]
                params = (("columns", ", ".join(letters)), ("count", len(columns)))
                found.append((field, header, (*params, ("last", letters[-1]))))
    return found


@attrs.define
class _Columns:
    """Reads each sheet column once, however many fields use it."""

    sheet: Sheet
    start: int
    cache: dict[int, tuple[list[str], dict[int, CellKind]]] = attrs.field(factory=dict)

    def get(self, column: int) -> tuple[list[str], dict[int, CellKind]]:
        if column not in self.cache:
            self.cache[column] = self.sheet.column(column, self.start)
        return self.cache[column]


def map_columns(
    sheet: Sheet,
    start: int,
    specs: Mapping[str, FieldSpec],
    positions: Positions,
    *,
    first_row: int,
    budget: PatternBudget | None = None,
) -> Table:
    """The table of ``sheet``'s rows from index ``start`` on, the first being Excel row
    ``first_row``; ``positions`` maps header keys to column indexes. ``budget`` is the time
    left for the file's patterns (a file read in chunks shares one over all its chunks)."""
    count = max(0, len(sheet) - start)
    columns = _Columns(sheet, start)
    values: dict[str, list[str]] = {}
    numeric: dict[str, frozenset[int]] = {}
    flaws: list[tuple[int, Flaw]] = []
    headers: dict[str, str | list[str]] = {}
    # One time budget for the patterns of every field: twelve slow fields cost one's time.
    budget = budget if budget is not None else PatternBudget()
    for field, spec in specs.items():
        if isinstance(spec, Constant):
            values[field] = [spec.constant] * count
            continue
        located = [(h, locate(spec, h, positions)) for h in spec.headers]
        present = [(h, column) for h, column in located if column is not None]
        read = [columns.get(column) for _, column in present]
        if isinstance(spec, Joined):
            values[field], joined_flaws = join_column(field, spec, [t for t, _ in read])
            flaws.extend(joined_flaws)
            headers[field] = spec.headers[0]
            continue
        texts, kinds, used = _first_non_empty(read, count)
        headers[field] = present[0][0] if len(present) == 1 else [present[u][0] for u in used]
        if spec.pattern is not None or spec.map is not None:
            excel_rows = range(first_row, first_row + count)
            transformed = spec.transform_all(texts, field=field, rows=excel_rows, budget=budget)
            # A number cell whose text the template changed is no longer that number.
            kinds = {p: k for p, k in kinds.items() if transformed[p] == texts[p]}
            texts = transformed
        if spec.default:
            texts = [t or spec.default for t in texts]
        values[field] = texts
        numeric[field] = frozenset(p for p, k in kinds.items() if k is CellKind.NUMBER)
        flaws.extend(
            (p, Flaw(field, "inexact_number", texts[p]))
            for p, k in kinds.items()
            if k is CellKind.INEXACT
        )
    rows = list(range(first_row, first_row + count))
    # One marketplace is one spelling before rows are grouped into orders or counted.
    identities, identity_flaws = normalize_identities(values)
    flaws.extend(identity_flaws)
    table = Table(
        rows,
        identities,
        numeric,
        sorted(flaws, key=lambda pair: pair[0]),
        headers,
        encoding=sheet.encoding,
    )
    # Blank rows are judged on the cells read, not the values made of them: a template's
    # default must not turn the empty rows under a sheet's data into orders.
    read_cells = [texts for texts, _ in columns.cache.values()]
    return _without_blank_rows(table, read_cells)


def _first_non_empty(
    read: Sequence[tuple[list[str], dict[int, CellKind]]], count: int
) -> tuple[list[str], dict[int, CellKind], list[int]]:
    """The first non-empty of several columns, per row, and which column it came from."""
    if len(read) == 1:
        texts, kinds = read[0]
        return texts, kinds, []
    texts, kinds, used = [""] * count, {}, [0] * count
    for position in range(count):
        for n, (column, column_kinds) in enumerate(read):
            if column[position]:
                texts[position] = column[position]
                used[position] = n
                if position in column_kinds:
                    kinds[position] = column_kinds[position]
                break
    return texts, kinds, used


def _without_blank_rows(table: Table, read: Sequence[Sequence[str]]) -> Table:
    # A row with nothing in any column read is no row (with no column read, none is).
    filled = list(map(any, zip(*read, strict=True))) if read else []
    if len(filled) == len(table) and all(filled):
        return table
    keep = list(compress(range(len(filled)), filled))
    new = {old: new for new, old in enumerate(keep)}

    def pick(column: Sequence[str]) -> list[str]:
        return [column[p] for p in keep]

    headers = {f: (h if isinstance(h, str) else pick(h)) for f, h in table.headers.items()}
    return Table(
        rows=[table.rows[p] for p in keep],
        values={f: pick(column) for f, column in table.values.items()},
        numeric={f: frozenset(new[p] for p in ps if p in new) for f, ps in table.numeric.items()},
        flaws=[(new[p], flaw) for p, flaw in table.flaws if p in new],
        headers=headers,
        encoding=table.encoding,
    )

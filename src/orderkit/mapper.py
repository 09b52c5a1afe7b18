"""Mapping a sheet's rows onto canonical fields with a seller template.

Nothing is mapped when the file lacks a column the template needs: the whole file is refused
with :class:`TemplateMismatch`, one ``missing_column`` problem per missing header.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

import attrs

from orderkit.checks import REQUIRED_ORDER_FIELDS
from orderkit.errors import TemplateError, TemplateMismatch
from orderkit.messages import check_locale
from orderkit.problems import Flaw
from orderkit.sheet import CellKind, Sheet
from orderkit.template import Column, Constant, FieldSpec, Joined, Template

__all__ = ["REQUIRED_FIELDS", "MappedRow", "MappedSheet", "header_key", "map_sheet"]

# How far down a header is looked for when the template does not say which row it is on.
HEADER_SEARCH_ROWS: Final = 30
REQUIRED_FIELDS: Final = (*REQUIRED_ORDER_FIELDS, "sku", "quantity")


def header_key(header: str) -> str:
    """Headers match ignoring case and runs of spaces: ``"수령인  주소"`` is ``"수령인 주소"``."""
    return " ".join(header.split()).casefold()


@attrs.frozen
class MappedRow:
    """One data row's canonical values, as text, and where each came from."""

    index: int
    """0-based row index in the sheet; the Excel row is ``index + 1``."""
    values: dict[str, str]
    numeric: frozenset[str]
    """Fields whose value came unchanged from a number cell."""
    inexact: frozenset[str]
    """Fields whose number cell was too large to be exact."""
    columns: Mapping[str, str]
    """The header each field came from (first of its headers for joined values)."""

    @property
    def row(self) -> int:
        return self.index + 1


@attrs.frozen
class MappedSheet:
    sheet: Sheet
    template: Template
    header_index: int
    """0-based index of the header row."""
    rows: tuple[MappedRow, ...]

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
    them).

    Raises:
        TemplateError: the template maps nothing to a required field.
        TemplateMismatch: the sheet lacks headers the template needs.
    """
    specs = _effective_specs(template, platform, brand)
    header_index = _find_header(sheet, template)
    positions = _positions(sheet.rows[header_index] if header_index < len(sheet.rows) else ())
    missing = _missing(specs, positions)
    if missing:
        row = header_index + 1
        raise TemplateMismatch(
            Flaw(field, "missing_column", header).to_problem(
                row, check_locale(locale), column=header
            )
            for field, header in missing
        )
    plan = [
        (field, spec, tuple(positions.get(header_key(h), -1) for h in spec.headers))
        for field, spec in specs.items()
    ]
    rows = tuple(_map_rows(sheet, header_index, plan))
    return MappedSheet(sheet, template, header_index, rows)


def _effective_specs(
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


def _positions(header_cells: tuple[str, ...]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for column, cell in enumerate(header_cells):
        if cell:
            # The first of two equal headers wins, as a person reading left to right expects.
            positions.setdefault(header_key(cell), column)
    return positions


def _find_header(sheet: Sheet, template: Template) -> int:
    if template.header_row is not None:
        return template.header_row - 1
    wanted = {header_key(h) for h in template.headers}
    if not wanted:
        return 0
    best, best_index = 0, 0
    for index, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found = len(wanted & {header_key(c) for c in cells if c})
        if found > best:
            best, best_index = found, index
            if found == len(wanted):
                break
    return best_index


def _missing(specs: Mapping[str, FieldSpec], positions: Mapping[str, int]) -> list[tuple[str, str]]:
    missing: list[tuple[str, str]] = []
    for field, spec in specs.items():
        if isinstance(spec, Column) and len(spec.headers) > 1:
            # First-of-several needs one of them; name them all when none is there.
            if not any(header_key(h) in positions for h in spec.headers):
                missing.append((field, " / ".join(spec.headers)))
            continue
        missing.extend((field, h) for h in spec.headers if header_key(h) not in positions)
    return missing


_Plan = list[tuple[str, FieldSpec, tuple[int, ...]]]


def _map_rows(sheet: Sheet, header_index: int, plan: _Plan) -> Iterator[MappedRow]:
    kinds = sheet.kinds
    for index, cells in sheet.data_rows(header_index):
        width = len(cells)
        values: dict[str, str] = {}
        numeric: set[str] = set()
        inexact: set[str] = set()
        columns: dict[str, str] = {}
        for field, spec, where in plan:
            if isinstance(spec, Constant):
                values[field] = spec.constant
                continue
            if isinstance(spec, Joined):
                values[field] = spec.value(tuple(cells[p] if 0 <= p < width else "" for p in where))
                columns[field] = spec.headers[0]
                continue
            text, used = "", 0
            for n, p in enumerate(where):
                if 0 <= p < width and cells[p]:
                    text, used = cells[p], n
                    break
            columns[field] = spec.headers[used]
            if not text:
                values[field] = spec.default or ""
                continue
            value = spec.transform(text)
            values[field] = value
            kind = kinds.get((index, where[used])) if value == text else None
            if kind is CellKind.NUMBER:
                numeric.add(field)
            elif kind is CellKind.INEXACT:
                inexact.add(field)
        if any(values[f] for f, spec, _ in plan if not isinstance(spec, Constant)):
            yield MappedRow(index, values, frozenset(numeric), frozenset(inexact), columns)

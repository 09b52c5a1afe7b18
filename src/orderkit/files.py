"""Validating a seller's order file: read → map → assemble → report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from orderkit.assemble import assemble_orders
from orderkit.catalogue import Catalogue, load_catalogue
from orderkit.error_texts import error
from orderkit.errors import InvalidArgument
from orderkit.mapper import MappedSheet, map_sheet
from orderkit.messages import check_locale
from orderkit.reader import file_format, read_sheet
from orderkit.report import Counts, Report
from orderkit.safety import Limits
from orderkit.streaming import CHUNK_ROWS, validate_csv_stream
from orderkit.table import table_from_records, with_defaults
from orderkit.template import Template, load_template

__all__ = ["map_file", "validate_file", "validate_records"]

TemplateSource = Template | Mapping[str, Any] | str | Path
CatalogueSource = Catalogue | Mapping[Any, Any] | str | Path


def map_file(
    path: str | Path,
    template: TemplateSource,
    *,
    platform: str | None = None,
    brand: str | None = None,
    locale: str = "ko",
    limits: Limits | None = None,
) -> MappedSheet:
    """Read ``path`` and map its rows through ``template`` (nothing is validated yet)."""
    loaded = load_template(template)
    sheet_choice = loaded.sheet - 1 if isinstance(loaded.sheet, int) else loaded.sheet
    sheet = read_sheet(path, sheet=sheet_choice, limits=limits)
    return map_sheet(sheet, loaded, platform=platform, brand=brand, locale=locale)


def validate_file(
    path: str | Path,
    template: TemplateSource,
    *,
    platform: str | None = None,
    brand: str | None = None,
    catalogue: CatalogueSource | None = None,
    locale: str = "ko",
    keep_orders: bool = True,
    chunk_rows: int = CHUNK_ROWS,
    limits: Limits | None = None,
) -> Report:
    """Validate every row of a seller's order file.

    ``template`` is a :class:`Template`, a built-in name, a TOML path or text, or a dict.
    ``platform`` and ``brand`` given here win over the template's. With a ``catalogue``,
    seller product codes (and options) are expanded to warehouse SKUs.

    With ``keep_orders=False`` a CSV file is read in chunks of ``chunk_rows`` rows and the
    report keeps problems and counts only, so files of millions of rows fit in memory; rows
    of one order that stand apart in different chunks are then ``split_order``.

    ``limits`` bounds what will be read (:class:`Limits`); a file beyond them, or built to
    harm its reader, is refused before any parser sees it.

    Raises:
        UnreadableFile: the file cannot be read.
        TemplateError: the template is malformed or maps nothing to a required field.
        TemplateMismatch: the file lacks columns the template needs; nothing was mapped.
    """
    check_locale(locale)
    if chunk_rows < 1:
        raise error(InvalidArgument, "chunk_rows", value=chunk_rows)
    links = load_catalogue(catalogue) if catalogue is not None else None
    if not keep_orders and file_format(Path(path)) == "csv":
        return validate_csv_stream(
            Path(path), load_template(template), platform=platform, brand=brand,
            catalogue=links, locale=locale, chunk_rows=chunk_rows, limits=limits,
        )  # fmt: skip
    mapped = map_file(path, template, platform=platform, brand=brand, locale=locale, limits=limits)
    assembly = assemble_orders(mapped.table, catalogue=links, locale=locale)
    if not keep_orders:
        return Report(None, problems=assembly.all_problems(), counts=Counts.of(assembly))
    return Report(assembly, mapped)


def validate_records(
    records: Iterable[Mapping[str, Any]],
    *,
    platform: str | None = None,
    brand: str | None = None,
    catalogue: CatalogueSource | None = None,
    first_row: int | None = 1,
    locale: str = "ko",
) -> Report:
    """Validate rows already in memory: flat records with canonical field names.

    One record is one SKU line (``sku``, ``quantity``, and ``option`` with a catalogue);
    records sharing ``(platform, order_number)`` are one order, as in a sheet. ``platform``
    and ``brand`` given here fill records that leave them empty. Problems name record ``i``
    as row ``first_row + i``: pass ``first_row=2`` for rows read under a header row, or
    ``first_row=0`` to match a DataFrame's default index.
    """
    check_locale(locale)
    links = load_catalogue(catalogue) if catalogue is not None else None
    table = table_from_records(records, first_row=first_row)
    table = with_defaults(table, {"platform": platform, "brand": brand})
    return Report(assemble_orders(table, catalogue=links, locale=locale))

"""Reading a file for its template, and which sheet of a workbook a template fits.

:func:`map_file` reads the sheet a template names and maps it (nothing is validated yet);
when the sheet does not fit, the mismatch names a sheet of the workbook that does.

A workbook whose first sheet is a notice (``안내``) and whose orders are on the second is
common; the mismatch on the first sheet should say where the orders are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from orderkit.files.reader import read_sheet, sheet_index
from orderkit.files.safety import Limits
from orderkit.files.sheet import Sheet
from orderkit.model.errors import InvalidArgument, OrderkitError, TemplateError
from orderkit.templates.mapper import (
    HEADER_SEARCH_ROWS,
    MappedSheet,
    fitted_header,
    map_sheet,
)
from orderkit.templates.mismatch import TemplateMismatch
from orderkit.templates.template import Template, load_template

__all__ = [
    "SheetChoice",
    "check_sheet",
    "fitting_sheet",
    "head_check",
    "map_file",
    "read_for",
    "with_fitting_sheet",
]

TemplateSource = Template | Mapping[str, Any] | str | Path

SheetChoice = str | int
"""A sheet name, or a sheet number from 1 (as Excel's tabs are counted)."""

# Workbooks with more sheets than this are not searched further: a mismatch stays quick.
SHEETS_TRIED: Final = 20


def check_sheet(sheet: object) -> SheetChoice | None:
    """``sheet`` as given to ``validate_file``/``upload_file``, checked.

    Raises:
        InvalidArgument: not a name or a number from 1.
    """
    if sheet is None or (isinstance(sheet, str) and sheet):
        return sheet
    if isinstance(sheet, int) and not isinstance(sheet, bool) and sheet >= 1:
        return sheet
    raise InvalidArgument(
        f"sheet must be a sheet name or a sheet number from 1, not {sheet!r}",
        ko=f"sheet에는 시트 이름이나 1부터 센 시트 번호를 주세요 (받은 값: {sheet!r}).",
    )


def fitting_sheet(
    path: str | Path, template: Template, *, limits: Limits | None = None
) -> tuple[int, str] | None:
    """``(number from 1, name)`` of another sheet of ``path`` on which every column
    ``template`` reads is present, or ``None`` (a CSV file has one sheet)."""
    from orderkit.files.reader import read_sheet
    from orderkit.templates.mapper import map_sheet

    chosen = template.sheet
    anywhere = attrs.evolve(template, sheet=None)
    for index in range(SHEETS_TRIED):
        try:
            sheet = read_sheet(path, sheet=index, limits=limits)
        except OrderkitError:
            return None  # no more sheets (or a CSV, which has one)
        if chosen in (index + 1, sheet.name) or (chosen is None and index == 0):
            continue
        try:
            # Only the columns matter here: any platform will do.
            map_sheet(sheet, anywhere, platform="-", brand=None)
        except OrderkitError:
            continue
        return index + 1, sheet.name
    return None


def with_fitting_sheet(
    mismatch: TemplateMismatch, path: str | Path, template: Template, limits: Limits | None
) -> TemplateMismatch:
    """``mismatch`` saying which other sheet fits, when one does (else ``mismatch``)."""
    if mismatch.other_sheet is not None or type(mismatch) is not TemplateMismatch:
        return mismatch
    other = fitting_sheet(path, template, limits=limits)
    if other is None:
        return mismatch
    return TemplateMismatch(
        mismatch.problems, drift=mismatch.drift, draft=mismatch.draft, other_sheet=other
    )


def map_file(
    path: str | Path,
    template: TemplateSource,
    *,
    platform: str | None = None,
    brand: str | None = None,
    locale: str = "ko",
    limits: Limits | None = None,
    sheet: SheetChoice | None = None,
) -> MappedSheet:
    """Read ``path`` and map its rows through ``template`` (nothing is validated yet).

    Raises:
        TemplateMismatch: as :func:`validate_file`; ``other_sheet`` names a sheet that fits.
    """
    loaded, read = read_for(
        path, template, limits=limits, sheet=sheet, platform=platform, brand=brand, locale=locale
    )
    try:
        return map_sheet(read, loaded, platform=platform, brand=brand, locale=locale)
    except TemplateMismatch as mismatch:
        raise with_fitting_sheet(mismatch, path, loaded, limits) from None


def read_for(
    path: str | Path,
    template: TemplateSource,
    *,
    limits: Limits | None = None,
    sheet: SheetChoice | None = None,
    platform: str | None = None,
    brand: str | None = None,
    locale: str = "ko",
) -> tuple[Template, Sheet]:
    """The template loaded (with ``sheet``, when given, as its sheet), and the sheet of
    ``path`` it names (the first by default).

    A workbook whose first rows show that its header does not fit is refused from those
    rows, after the safety scan and before the sheet is read whole (``platform``, ``brand``
    and ``locale`` are those the sheet will be mapped with).

    Raises:
        TemplateMismatch: the header read from the first rows lacks columns the template
            needs (``other_sheet`` names a sheet that fits).
    """
    loaded = load_template(template)
    if check_sheet(sheet) is not None:
        loaded = attrs.evolve(loaded, sheet=sheet)
    look = head_check(path, loaded, platform=platform, brand=brand, locale=locale, limits=limits)
    rows = max(HEADER_SEARCH_ROWS, loaded.header_row or 0)
    return loaded, read_sheet(
        path, sheet=sheet_index(loaded.sheet), limits=limits, head=(rows, look)
    )


def head_check(
    path: str | Path,
    template: Template,
    *,
    platform: str | None,
    brand: str | None,
    locale: str,
    limits: Limits | None,
) -> Callable[[Sheet], None]:
    """What to do with a workbook's first rows before it is read whole: raise its
    :class:`TemplateMismatch` when they show that its header does not fit.

    A workbook of millions of cells takes a minute to load whole (python-calamine reads the
    whole sheet on open); the header is in its first rows, which the reader streams in
    milliseconds after the safety scan. When the rows cannot tell (a template error), it
    says nothing and the full read decides.
    """

    def look(head: Sheet) -> None:
        if template.header_row is not None and template.header_row > len(head):
            return  # the header row is not among the rows read
        try:
            fitted_header(head, template, platform=platform, brand=brand, locale=locale)
        except TemplateMismatch as mismatch:
            raise with_fitting_sheet(mismatch, path, template, limits) from None
        except TemplateError:
            return  # the full read raises it, in its turn

    return look

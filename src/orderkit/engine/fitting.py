"""Which sheet of a workbook a template fits, for a file whose chosen sheet does not.

A workbook whose first sheet is a notice (``안내``) and whose orders are on the second is
common; the mismatch on the first sheet should say where the orders are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import attrs

from orderkit.files.safety import Limits
from orderkit.model.errors import InvalidArgument, OrderkitError, TemplateMismatch
from orderkit.templates.template import Template

__all__ = ["SheetChoice", "check_sheet", "fitting_sheet", "with_fitting_sheet"]

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

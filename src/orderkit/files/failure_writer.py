"""Laying a :class:`~orderkit.files.failures.FailureFile` out as a sheet and streaming it to xlsx.

The reason column is put in place, each reason gets the row's number in the uploaded file
and a note for anything Excel made us change in that row (a cell cut to 32,767 characters,
characters no xlsx can store), and column widths are judged from the first rows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from orderkit.files.reasons import (
    columns_cut_note,
    cut_note,
    origin,
    reason_cut_note,
    replaced_note,
)
from orderkit.files.sheetwriter import (
    EXCEL_CELL_LIMIT,
    EXCEL_COLUMNS,
    SheetWriter,
    column_letter,
    excel_cut,
    excel_length,
    unstorable,
)

if TYPE_CHECKING:
    from orderkit.files.failures import FailureFile, FailureRow

__all__ = ["write_failure_file"]

_WIDTH_SAMPLE: Final = 1000
_MIN_WIDTH, _MAX_WIDTH = 6.0, 50.0
_REASON_MIN_WIDTH, _REASON_MAX_WIDTH = 30.0, 90.0
_NAME_IN_NOTE: Final = 40
# Below this many characters a cell cannot be over Excel's limit, however it is counted.
_SURELY_SHORT: Final = EXCEL_CELL_LIMIT // 2


def write_failure_file(failures: FailureFile, path: Path) -> Path:
    from orderkit.files.failures import REASON_HEADER

    header = failures.preamble[-1] if failures.preamble else ()
    width = max(len(header), max(len(row.cells) for row in failures.rows))
    at = failures.reason_column if failures.reason_column is not None else width
    at = min(at, EXCEL_COLUMNS - 1)
    titles = failures.preamble[:-1]
    columns = max(width + 1, at + 1, *(len(t) for t in titles))
    locale = failures.locale
    notes: list[str] = []  # what was cut above the data is said on the first data row

    with SheetWriter(
        path,
        sheet_name=failures.sheet_name,
        title=failures.sheet_name,
        columns=columns,
        rows=len(failures.preamble) + len(failures.rows),
        widths=_widths(failures, at, min(columns, EXCEL_COLUMNS)),
        merges=failures.merges,
        frozen=len(failures.preamble),
    ) as sheet:
        for index, title in enumerate(titles):
            sheet.row(_fit(title, (), notes, locale, title_row=index + 1))
        if failures.preamble:
            cells = _fit(header, (), notes, locale, title_row=len(failures.preamble))
            sheet.row(_with_reason(cells, at, REASON_HEADER), bold=True)
        for row in failures.rows:
            row_notes, notes = notes, []
            cells = _fit(row.cells, header, row_notes, locale)
            if unstorable("".join(row.cells)):
                row_notes.append(replaced_note(locale))
            if len(row.cells) >= EXCEL_COLUMNS:
                row_notes.append(columns_cut_note(len(row.cells) + 1 - EXCEL_COLUMNS, locale))
            reason = _reason(row, row_notes, locale)
            sheet.row(
                _with_reason(cells, at, reason),
                numbers=_shifted(row.numbers, at),
                faults=_shifted(row.faults, at),
            )
    return path


def _with_reason(cells: Sequence[str], at: int, reason: str) -> list[str]:
    out = list(cells)
    if len(out) < at:
        out += [""] * (at - len(out))
    out.insert(at, reason)
    return out


def _shifted(columns: Sequence[int], at: int) -> Sequence[int]:
    if not columns:
        return columns
    return tuple(c + 1 if c >= at else c for c in columns)


def _column_name(header: Sequence[str], column: int) -> str:
    name = header[column] if column < len(header) else ""
    if len(name) > _NAME_IN_NOTE:
        name = name[:_NAME_IN_NOTE] + "…"
    letter = column_letter(column)
    return f"{letter} ('{name}')" if name else letter


def _fit(
    cells: Sequence[str],
    header: Sequence[str],
    notes: list[str],
    locale: str,
    *,
    title_row: int | None = None,
) -> Sequence[str]:
    """``cells`` with any text over Excel's limit cut; a note for each cut in ``notes``."""
    if max(map(len, cells), default=0) <= _SURELY_SHORT:
        return cells
    out = list(cells)
    for column, text in enumerate(cells):
        length = excel_length(text)
        if length > EXCEL_CELL_LIMIT:
            out[column] = excel_cut(text)
            name = _column_name(header, column)
            notes.append(cut_note(name, length, EXCEL_CELL_LIMIT, locale, title_row=title_row))
    return out


def _reason(row: FailureRow, notes: Sequence[str], locale: str) -> str:
    prefix = origin(row.row, locale)
    tail = "".join(f" {note}" for note in notes)
    reason = f"{prefix}{row.reason}{tail}"
    if len(reason) <= _SURELY_SHORT or excel_length(reason) <= EXCEL_CELL_LIMIT:
        return reason
    # Our own words, so it is ours to shorten: keep the notes, cut the reasons in between.
    room = EXCEL_CELL_LIMIT - excel_length(prefix + tail) - 40
    kept = excel_cut(row.reason, room)
    return f"{prefix}{kept}{reason_cut_note(len(row.reason) - len(kept), locale)}{tail}"


def _display_width(text: str) -> float:
    if text.isascii():
        return len(text)
    # Hangul, kana and CJK take two columns on screen.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text[:120])


def _widths(failures: FailureFile, at: int, columns: int) -> list[float]:
    """Column widths (in characters) from the header and the first rows, within bounds."""
    widest = [0.0] * columns
    header = failures.preamble[-1] if failures.preamble else ()
    sample = [header, *(row.cells for row in failures.rows[:_WIDTH_SAMPLE])]
    for cells in sample:
        for column, text in enumerate(cells[: columns - 1]):
            column += column >= at
            if text:
                widest[column] = max(widest[column], _display_width(text))
    widths = [min(max(w + 2, _MIN_WIDTH), _MAX_WIDTH) for w in widest]
    reasons = [origin(row.row, failures.locale) + row.reason for row in failures.rows[:50]]
    reason_width = max(map(_display_width, reasons), default=0.0)
    if at < columns:
        widths[at] = min(max(reason_width * 0.6, _REASON_MIN_WIDTH), _REASON_MAX_WIDTH)
    return widths

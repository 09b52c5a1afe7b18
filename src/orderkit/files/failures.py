"""The failure file: every row of every failed group, with the reason in one column.

It keeps the title rows (their merged cells too) and the header as the seller wrote them,
each row's cells exactly as they were read, and one ``실패 사유`` column: the rightmost, or
where the uploaded file already had one (a failure file uploaded again), so there is never
a second. Every reason starts with the row's number in the uploaded file, and row numbers
inside reasons point at rows of the failure file. Cells a problem names are highlighted.
Uploading it again with the same template works: the reason column is an extra column.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from orderkit.files.reasons import RowRewriter
from orderkit.files.sheet import Sheet, cell_text
from orderkit.model.errors import NoFailures
from orderkit.model.messages import check_locale
from orderkit.model.problems import Problem

__all__ = ["REASON_HEADER", "FailureFile", "FailureRow", "failure_file", "join_reasons"]

REASON_HEADER: Final = "실패 사유"
_EXACT_INT: Final = 2**53

Merge = tuple[int, int, int, int]


@attrs.frozen
class FailureRow:
    row: int
    """The Excel row the data came from, in the uploaded file."""
    cells: tuple[str, ...]
    """The cells as read (no reason column); number cells hold their number as text."""
    numbers: tuple[int, ...]
    """Columns that were number cells: written back as numbers, as they came."""
    reason: str
    """Why the row failed, row numbers already pointing into the failure file."""
    faults: tuple[int, ...] = ()
    """Columns (of ``cells``) holding a value a problem names: highlighted."""


@attrs.frozen
class FailureFile:
    """What a failure file holds; :meth:`write` makes the xlsx. ``len()`` counts its rows."""

    sheet_name: str
    """The uploaded sheet's name (a CSV's file name); written as Excel allows it."""
    preamble: tuple[tuple[str, ...], ...]
    """The rows above the data: title rows and, last, the header row (no reason column)."""
    rows: tuple[FailureRow, ...]
    reason_column: int | None = attrs.field(default=None, kw_only=True)
    """Where the reason column goes; ``None`` puts it right of every other cell."""
    merges: tuple[Merge, ...] = attrs.field(default=(), kw_only=True)
    """Merged title cells, 0-based ``(first row, first column, last row, last column)``."""
    locale: str = attrs.field(default="ko", kw_only=True)
    """The language of the notes orderkit adds to reasons."""

    def __len__(self) -> int:
        return len(self.rows)

    def write(self, path: str | Path) -> Path:
        """Write the xlsx to ``path`` and return it.

        No cell is ever a formula and every cell's text reads back as it was read, except
        text Excel cannot hold, which is changed visibly and noted in the row's reason:
        characters no xlsx can store become ``�``, a cell over Excel's 32,767 characters
        is cut. The file appears only once complete.

        Raises:
            NoFailures: nothing failed; no file is written.
            OSError: ``path`` cannot be written (a directory, a missing folder, a full disk).
        """
        if not self.rows:
            raise NoFailures(
                "nothing failed, so there is no failure file; nothing was written",
                ko="실패한 행이 없어 실패 파일이 없습니다. 아무 파일도 쓰지 않았습니다.",
            )
        from orderkit.files.failure_writer import write_failure_file

        return write_failure_file(self, Path(path))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a store (JSON); each distinct reason is kept once."""
        reasons: dict[str, int] = {}
        rows = [
            [r.row, reasons.setdefault(r.reason, len(reasons)), r.cells, r.numbers, r.faults]
            for r in self.rows
        ]
        return {
            "version": 2,
            "sheet_name": self.sheet_name,
            "locale": self.locale,
            "preamble": [list(r) for r in self.preamble],
            "reason_column": self.reason_column,
            "merges": [list(m) for m in self.merges],
            "reasons": list(reasons),
            "rows": rows,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FailureFile:
        """The failure file :meth:`to_dict` gave, also from stores written by older versions."""
        preamble = tuple(tuple(r) for r in data["preamble"])
        if data.get("version") is None:  # the first layout: a dict per row
            old = tuple(
                FailureRow(r["row"], tuple(r["cells"]), tuple(r["numbers"]), r["reason"])
                for r in data["rows"]
            )
            return cls(data["sheet_name"], preamble, old)
        reasons = data["reasons"]
        rows = tuple(
            FailureRow(row, tuple(cells), tuple(numbers), reasons[reason], tuple(faults))
            for row, reason, cells, numbers, faults in data["rows"]
        )
        return cls(
            data["sheet_name"],
            preamble,
            rows,
            reason_column=data.get("reason_column"),
            merges=tuple((a, b, c, d) for a, b, c, d in data.get("merges", ())),
            locale=data.get("locale", "ko"),
        )


def failure_file(
    sheet: Sheet,
    header_index: int,
    reasons: Mapping[int, Sequence[Problem] | str],
    *,
    locale: str = "ko",
) -> FailureFile:
    """The failure file for ``sheet``: the rows named in ``reasons`` (Excel row → the row's
    problems, or its reason as text), in file order.

    A column headed ``실패 사유`` (an earlier failure file's reasons) is dropped, and the new
    reasons take its place. Problems whose ``column`` is a header highlight that cell.
    """
    check_locale(locale)
    header = sheet.row(header_index)[0] if header_index < len(sheet) else ()
    dropped = [c for c, text in enumerate(header) if text == REASON_HEADER]
    columns = _Columns(header, dropped)
    order = sorted(reasons)
    first_data_row = header_index + 2
    rewrite = RowRewriter({row: first_data_row + n for n, row in enumerate(order)})
    seen: dict[str, str] = {}
    rows = []
    for row in order:
        cells, numbers = _cells(sheet, row - 1)
        cells, numbers = columns.drop(cells, numbers)
        given = reasons[row]
        faults: tuple[int, ...] = ()
        if isinstance(given, str):
            reason = given
        else:
            reason = join_reasons([rewrite(p.code, p.message) for p in given])
            faults = columns.of(p.column for p in given)
        rows.append(FailureRow(row, cells, numbers, seen.setdefault(reason, reason), faults))
    preamble = [_cells(sheet, index)[0] for index in range(header_index)]
    preamble.append(columns.drop(_cells(sheet, header_index)[0], ())[0])
    return FailureFile(
        sheet.name,
        tuple(preamble),
        tuple(rows),
        reason_column=dropped[0] if dropped else None,
        merges=_title_merges(sheet, header_index),
        locale=locale,
    )


def join_reasons(reasons: Sequence[str]) -> str:
    """One reason from several, each said once."""
    return " / ".join(dict.fromkeys(reasons))


@attrs.frozen
class _Columns:
    """The uploaded header, less its old reason columns."""

    header: tuple[str, ...]
    dropped: list[int]

    def drop(
        self, cells: tuple[str, ...], numbers: tuple[int, ...]
    ) -> tuple[tuple[str, ...], tuple[int, ...]]:
        if not self.dropped:
            return cells, numbers
        gone = set(self.dropped)
        kept = tuple(text for column, text in enumerate(cells) if column not in gone)
        return _trimmed(kept), tuple(self._moved(c) for c in numbers if c not in gone)

    def of(self, names: Iterator[str | None]) -> tuple[int, ...]:
        wanted = {name for name in names if name}
        found = {c for c, text in enumerate(self.header) if text in wanted}
        return tuple(sorted(self._moved(c) for c in found - set(self.dropped)))

    def _moved(self, column: int) -> int:
        return column - bisect.bisect_left(self.dropped, column)


def _cells(sheet: Sheet, index: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A row's cells as they were read: text untouched, numbers written out exactly."""
    values = sheet.cells[index] if 0 <= index < len(sheet.cells) else ()
    if all(value.__class__ is str for value in values):  # every CSV row, most xlsx rows
        return _trimmed(tuple(values)), ()
    cells: list[str] = []
    numbers: list[int] = []
    for column, value in enumerate(values):
        number = _number_text(value)
        if number is not None:
            numbers.append(column)
            cells.append(number)
        elif isinstance(value, str):
            cells.append(value)
        else:
            cells.append(cell_text(value)[0])
    kept = _trimmed(tuple(cells))
    return kept, tuple(c for c in numbers if c < len(kept))


def _number_text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    if value.is_integer() and abs(value) < _EXACT_INT:
        return str(int(value))
    return repr(value)  # the shortest text that reads back as the very same number


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells if end == len(cells) else cells[:end]


def _title_merges(sheet: Sheet, header_index: int) -> tuple[Merge, ...]:
    """Merged cells wholly above the header: the title rows' merges."""
    return tuple(m for m in sheet.merges if 0 <= m[0] <= m[2] < header_index)

"""The failure file: every row of every failed group, with the reason in the last column.

It keeps the original title rows and header, each row's original cell text, and adds one
rightmost column, ``실패 사유``. Uploading it again with the same template works: the reason
column is an extra column, ignored by its header.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from orderkit.sheet import CellKind, Sheet
from orderkit.xlsxtext import xlsx_text

__all__ = ["REASON_HEADER", "FailureFile", "FailureRow", "failure_file"]

REASON_HEADER: Final = "실패 사유"
_REPLACED_NOTE: Final = "※ 엑셀에 저장할 수 없는 글자를 �로 바꿨습니다: 원본을 확인하세요."


@attrs.frozen
class FailureRow:
    row: int
    """The Excel row the data came from."""
    cells: tuple[str, ...]
    numbers: tuple[int, ...]
    """Columns that were number cells: written back as numbers, as they came."""
    reason: str


@attrs.frozen
class FailureFile:
    """What a failure file holds; :meth:`write` makes the xlsx."""

    sheet_name: str
    preamble: tuple[tuple[str, ...], ...]
    """The rows above the data: title rows and, last, the header row."""
    rows: tuple[FailureRow, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sheet_name": self.sheet_name,
            "preamble": [list(r) for r in self.preamble],
            "rows": [
                {
                    "row": r.row,
                    "cells": list(r.cells),
                    "numbers": list(r.numbers),
                    "reason": r.reason,
                }
                for r in self.rows
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FailureFile:
        return cls(
            sheet_name=data["sheet_name"],
            preamble=tuple(tuple(r) for r in data["preamble"]),
            rows=tuple(
                FailureRow(r["row"], tuple(r["cells"]), tuple(r["numbers"]), r["reason"])
                for r in data["rows"]
            ),
        )

    def write(self, path: str | Path) -> Path:
        """Write the xlsx. No cell is ever a formula; every text reads back unchanged."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import Cell
        from openpyxl.styles import Font

        path = Path(path)
        width = max(
            (len(r) for r in (*self.preamble, *(row.cells for row in self.rows))), default=0
        )
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.sheet_name[:31] or "Sheet1")

        def text_cell(value: str, bold: bool = False) -> tuple[Cell, bool]:
            escaped, replaced = xlsx_text(value)
            cell = WriteOnlyCell(sheet, value=escaped)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if bold:
                cell.font = Font(bold=True)
            return cell, replaced

        for index, cells in enumerate(self.preamble):
            is_header = index == len(self.preamble) - 1
            row = [text_cell(c, bold=is_header)[0] for c in cells]
            if is_header:
                row += [text_cell("")[0] for _ in range(width - len(cells))]
                row.append(text_cell(REASON_HEADER, bold=True)[0])
            sheet.append(row)
        for failure in self.rows:
            out: list[Cell] = []
            lost = False
            for column, value in enumerate(failure.cells):
                if column in failure.numbers and value:
                    out.append(WriteOnlyCell(sheet, value=_number(value)))
                    continue
                cell, replaced = text_cell(value)
                lost |= replaced
                out.append(cell)
            out += [text_cell("")[0] for _ in range(width - len(failure.cells))]
            reason = f"{failure.reason} {_REPLACED_NOTE}" if lost else failure.reason
            out.append(text_cell(reason)[0])
            sheet.append(out)
        workbook.save(path)
        return path


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


def failure_file(sheet: Sheet, header_index: int, reasons: Mapping[int, str]) -> FailureFile:
    """The failure file for ``sheet``: the rows named in ``reasons`` (Excel row → reason)."""
    preamble = tuple(sheet.row(index)[0] for index in range(header_index + 1))
    rows = []
    for row in sorted(reasons):
        cells, kinds = sheet.row(row - 1)
        numbers = tuple(sorted(c for c, kind in kinds.items() if kind is not CellKind.TEXT))
        rows.append(FailureRow(row, cells, numbers, reasons[row]))
    return FailureFile(sheet.name, preamble, tuple(rows))


def join_reasons(reasons: Sequence[str]) -> str:
    return " / ".join(dict.fromkeys(reasons))

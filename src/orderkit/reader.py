"""Reading order sheets: xlsx/xls through python-calamine (openpyxl as the reference reader)
and CSV decoded strictly as BOM → UTF-8 → CP949.

The file type comes from the first bytes, never the extension: marketplaces hand out HTML
tables named ``.xls`` and CSV files named ``.xlsx``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final, Literal

from orderkit.csvfile import iter_csv_rows
from orderkit.errors import (
    InvalidArgument,
    NotASpreadsheet,
    UnreadableFile,
)
from orderkit.safety import (
    DEFAULT_LIMITS,
    Limits,
    broken_workbook,
    check_ole,
    check_size,
    check_xlsx,
    password_protected,
    too_many_rows,
)
from orderkit.sheet import Sheet

__all__ = ["detect_format", "file_format", "read_sheet"]

Engine = Literal["calamine", "openpyxl"]

_ZIP: Final = b"PK\x03\x04"
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SNIFF: Final = 4096


def detect_format(head: bytes) -> str:
    """``"xlsx"``, ``"xls"``, ``"html"`` or ``"csv"`` from a file's first bytes."""
    if head.startswith(_ZIP):
        return "xlsx"
    if head.startswith(_OLE):
        return "xls"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")):
        return "html"
    return "csv"


def file_format(path: Path) -> str:
    """The type of the file at ``path``, from its first bytes (see :func:`detect_format`)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError as exc:
        raise UnreadableFile(
            f"cannot open {path.name}: {exc.strerror}",
            ko=f"{path.name} 파일을 열 수 없습니다: {exc.strerror}",
        ) from None
    return detect_format(head)


def read_sheet(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    engine: Engine = "calamine",
    limits: Limits | None = None,
) -> Sheet:
    """Read one worksheet (the first unless ``sheet`` names or numbers another) as text.

    ``limits`` bounds the file's size and what it unpacks to, its rows, columns and cell
    length (:class:`Limits`; the defaults are Excel's own where it has one).

    Raises:
        UnreadableFile: the file is missing, of an unknown type, undecodable or broken;
            its subclasses say more: NotASpreadsheet, PasswordProtected, FileTooLarge,
            UnsafeFile.
    """
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    kind = file_format(path)
    if kind == "html":
        raise NotASpreadsheet(
            f"{path.name} is a web page (an HTML table), not an Excel file; open it in Excel "
            "and save it as .xlsx, then upload that file",
            ko=f"{path.name} 파일은 엑셀 파일이 아니라 웹 페이지(HTML 표)입니다. "
            "엑셀에서 열어 .xlsx로 다시 저장한 뒤 올리세요.",
        )
    if kind == "csv":
        if sheet not in (None, 0):
            raise InvalidArgument(f"a CSV file has one sheet; got sheet={sheet!r}")
        check_size(path, limits)
        return _read_csv(path, limits)
    if kind == "xlsx":
        check_xlsx(path, limits)
    else:
        check_ole(path, limits)
    if engine == "openpyxl":
        if kind == "xls":
            raise InvalidArgument("openpyxl reads .xlsx only; use engine='calamine' for .xls")
        return _read_openpyxl(path, sheet, limits)
    if engine != "calamine":
        raise InvalidArgument(f"unknown engine {engine!r}; use 'calamine' or 'openpyxl'")
    return _read_calamine(path, sheet, kind, limits)


def _table(
    name: str,
    raw_rows: Sequence[Sequence[object]],
    fmt: str,
    limits: Limits,
    merges: tuple[tuple[int, int, int, int], ...] = (),
) -> Sheet:
    if len(raw_rows) > limits.rows:
        raise too_many_rows(name, limits)
    return Sheet(name, raw_rows, fmt, limits=limits, merges=merges)


# workbooks ----------------------------------------------------------------------------------


def _read_calamine(path: Path, sheet: str | int | None, fmt: str, limits: Limits) -> Sheet:
    import python_calamine as calamine

    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise password_protected(path) from None
    except Exception as exc:  # calamine raises many types for one cause: a broken file
        raise broken_workbook(path, exc) from None
    with workbook:
        names = workbook.sheet_names
        name = _sheet_name(path, names, sheet)
        try:
            found = workbook.get_sheet_by_name(name)
            data = found.to_python(skip_empty_area=False)
            # The failure file keeps merged title cells; not every format reports merges.
            ranges = getattr(found, "merged_cell_ranges", None) or ()
            merges = tuple((r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges)
        except Exception as exc:
            raise broken_workbook(path, exc) from None
    return _table(name, data, fmt, limits, merges)


def _read_openpyxl(path: Path, sheet: str | int | None, limits: Limits) -> Sheet:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise broken_workbook(path, exc) from None
    try:
        name = _sheet_name(path, workbook.sheetnames, sheet)
        worksheet = workbook[name]
        data = [list(row) for row in worksheet.iter_rows(min_row=1, min_col=1, values_only=True)]
    except UnreadableFile:
        raise
    except Exception as exc:
        raise broken_workbook(path, exc) from None
    finally:
        workbook.close()
    return _table(name, data, "xlsx", limits)


def _sheet_name(path: Path, names: list[str], sheet: str | int | None) -> str:
    if not names:
        raise UnreadableFile(
            f"{path.name} has no worksheet", ko=f"{path.name} 파일에 시트가 없습니다."
        )
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return names[sheet]
    if isinstance(sheet, str) and sheet in names:
        return sheet
    listed = ", ".join(repr(n) for n in names)
    raise UnreadableFile(
        f"{path.name} has no sheet {sheet!r}; its sheets are {listed}",
        ko=f"{path.name} 파일에 {sheet!r} 시트가 없습니다. 시트 목록: {listed}",
    )


# CSV ----------------------------------------------------------------------------------------


def _read_csv(path: Path, limits: Limits) -> Sheet:
    return _table(path.stem, list(iter_csv_rows(path)), "csv", limits)

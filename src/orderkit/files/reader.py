"""Reading order sheets: xlsx/xls through python-calamine (openpyxl as the reference reader)
and CSV (or tab-separated text) decoded strictly as BOM → UTF-8 → CP949 or CP932.

The file type comes from the first bytes, never the extension: marketplaces hand out HTML
tables named ``.xls`` and CSV files named ``.xlsx``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, Literal

from orderkit.files import isolation
from orderkit.files.cell_transfer import Packed, pack_cells, unpack_cells
from orderkit.files.flat_rows import FlatRows
from orderkit.files.identify import check_head, no_cells
from orderkit.files.safety import (
    DEFAULT_LIMITS,
    Limits,
    broken_workbook,
    check_ole,
    check_size,
    check_xlsx,
    password_protected,
    too_many_rows,
)
from orderkit.files.sheet import Sheet
from orderkit.files.special import check_regular_file
from orderkit.files.xlsx_head import read_head
from orderkit.model.error_texts import error
from orderkit.model.errors import (
    InvalidArgument,
    NotASpreadsheet,
    UnreadableFile,
)
from orderkit.model.oserrors import os_error

__all__ = ["detect_format", "file_format", "read_sheet", "sheet_format", "sheet_index"]

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
    """The type of the file at ``path``, from its first bytes (see :func:`detect_format`).

    Raises:
        EmptyFile: the file has no bytes.
        NotASpreadsheet: the bytes are an image, a PDF, a program or other binary data.
    """
    check_regular_file(path)  # a pipe or a device would hang the read below
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError as exc:
        raise os_error(UnreadableFile, exc, path, action="open") from None
    kind = detect_format(head)
    if kind == "csv":
        check_head(path, head)
    return kind


def sheet_format(path: Path) -> str:
    """``"xlsx"``, ``"xls"`` or ``"csv"``: the type of a file that may hold a sheet, from
    its first bytes alone (before any limit is checked or any part is read).

    Raises:
        EmptyFile: the file has no bytes.
        NotASpreadsheet: the file is a web page, an image, a PDF, a program or other data.
    """
    kind = file_format(path)
    if kind == "html":
        raise NotASpreadsheet(
            f"{path.name} is a web page (an HTML table), not an Excel file; open it in Excel "
            "and save it as .xlsx, then upload that file",
            ko=f"{path.name} 파일은 엑셀 파일이 아니라 웹 페이지(HTML 표)입니다. "
            "엑셀에서 열어 .xlsx로 다시 저장한 뒤 올리세요.",
        )
    return kind


def sheet_index(sheet: str | int | None) -> str | int | None:
    """A sheet as people and templates number it (from 1) as :func:`read_sheet` takes it
    (from 0); a name or ``None`` as it is."""
    return sheet - 1 if isinstance(sheet, int) else sheet


def read_sheet(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    engine: Engine = "calamine",
    limits: Limits | None = None,
    head: tuple[int, Callable[[Sheet], None]] | None = None,
) -> Sheet:
    """Read one worksheet (the first unless ``sheet`` names or numbers another) as text.

    ``limits`` bounds the file's size and what it unpacks to, its rows, columns and cell
    length (:class:`Limits`; the defaults are Excel's own where it has one). ``head``,
    ``(rows, look)``: for an xlsx that passed the safety scan, ``look`` sees its first
    ``rows`` rows (read by streaming, when they can be told without the full read and hold
    any text) before the sheet is read whole, and may raise to stop there.

    Raises:
        UnreadableFile: the file is missing, of an unknown type, undecodable or broken;
            its subclasses say more: EmptyFile (0 bytes, or no cells), NotASpreadsheet (says
            what the file is: an image, a PDF, a Word document, …), PasswordProtected,
            FileTooLarge, UnsafeFile. A legacy .xls is read and bounded like an .xlsx; an
            .xlsb or .ods workbook is refused with a message to save it as .xlsx or CSV.
    """
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    kind = sheet_format(path)
    if kind == "csv":
        if sheet not in (None, 0):
            # Told as the user asked for it: a number counted from 1, or the name.
            asked = sheet + 1 if isinstance(sheet, int) else sheet
            raise error(InvalidArgument, "csv_one_sheet", file=path.name, sheet=asked)
        check_size(path, limits)
        return _read_csv(path, limits)
    if kind == "xlsx":
        check_xlsx(path, limits)
        if head is not None and engine == "calamine":
            rows, look = head
            first = read_head(path, sheet, rows, limits)
            if first is not None and any(any(row) for row in first.rows):
                look(first)
    else:
        check_ole(path, limits)
    if engine == "openpyxl":
        if kind == "xls":
            raise error(InvalidArgument, "openpyxl_xlsx_only")
        return _read_openpyxl(path, sheet, limits)
    if engine != "calamine":
        raise error(InvalidArgument, "unknown_engine", engine=engine)
    return _read_calamine(path, sheet, kind, limits)


def _table(
    path: Path,
    name: str,
    raw_rows: Sequence[Sequence[object]],
    fmt: str,
    limits: Limits,
    encoding: str | None = None,
    merges: tuple[tuple[int, int, int, int], ...] = (),
) -> Sheet:
    if len(raw_rows) > limits.rows:
        # A CSV file is named as the seller saved it; a workbook by its sheet.
        raise too_many_rows(path.name if fmt == "csv" else name, limits)
    if not any(_has_text(row) for row in raw_rows):
        raise no_cells(path, None if fmt == "csv" else name)
    return Sheet(name, raw_rows, fmt, limits=limits, encoding=encoding, merges=merges)


def _has_text(row: Sequence[object]) -> bool:
    return any(cell is not None and str(cell).strip() for cell in row)


# workbooks ----------------------------------------------------------------------------------


def _read_calamine(path: Path, sheet: str | int | None, fmt: str, limits: Limits) -> Sheet:
    # Imported here, in the caller, so that a forked child never has to import anything.
    import python_calamine  # noqa: F401

    if limits.isolate and isolation.available():
        name, start, packed, merges = isolation.run_isolated(
            lambda: _packed(*_calamine_rows(path, sheet)),
            path=path, memory=limits.reader_memory, seconds=limits.reader_seconds,
        )  # fmt: skip
        try:
            data = unpack_cells(packed)
        except (ValueError, TypeError) as exc:
            raise broken_workbook(path, exc) from None
    else:
        name, start, data, merges = _calamine_rows(path, sheet)
    return _table(path, name, _placed(start, data), fmt, limits, merges=merges)


Rows = list[list[Any]]


Merges = tuple[tuple[int, int, int, int], ...]


def _calamine_rows(
    path: Path, sheet: str | int | None
) -> tuple[str, tuple[int, int], Rows, Merges]:
    """The chosen sheet's name, where its used area starts (0-based), its cells and its
    merged ranges (0-based, in sheet coordinates: the failure file keeps merged titles).

    Only the used area is read (``skip_empty_area``): asked for the area from A1, the reader
    would allocate every empty cell above and left of the data.
    """
    import python_calamine as calamine

    try:
        # Opened here, not by calamine: it takes the path as UTF-8 text, which a name that
        # is not valid UTF-8 (bytes kept as surrogate escapes) cannot be.
        with path.open("rb") as handle:
            workbook = calamine.CalamineWorkbook.from_filelike(handle)
        with workbook:
            name = _sheet_name(path, workbook.sheet_names, sheet)
            found = workbook.get_sheet_by_name(name)
            data = found.to_python(skip_empty_area=True)
            start = found.start or (0, 0)
            # Not every format reports merges.
            ranges = getattr(found, "merged_cell_ranges", None) or ()
            merges = tuple((r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges)
    except UnreadableFile:
        raise
    except calamine.PasswordError:
        raise password_protected(path) from None
    except Exception as exc:  # calamine raises many types for one cause: a broken file
        raise broken_workbook(path, exc) from None
    except BaseException as exc:
        # A Rust panic arrives as pyo3's PanicException, a BaseException that
        # `except Exception` lets through; Ctrl-C and exit requests go on as they are.
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise broken_workbook(path, exc) from None
    return name, (start[0], start[1]), data, merges


def _packed(
    name: str, start: tuple[int, int], data: Rows, merges: Merges
) -> tuple[str, tuple[int, int], Packed, Merges]:
    """What the forked reader sends back: the cells packed (see :mod:`cell_transfer`)."""
    return name, start, pack_cells(data), merges


def _placed(start: tuple[int, int], data: Rows | FlatRows) -> Rows | FlatRows:
    """Rows as Excel numbers them: ``rows[i]`` is row ``i + 1``, column A first."""
    top, left = start
    if isinstance(data, FlatRows):
        return data.placed(top, left)
    if left:
        padding: list[Any] = [None] * left
        data = [padding + row for row in data]
    return [[] for _ in range(top)] + data if top else data


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
    return _table(path, name, data, "xlsx", limits)


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
    # People count sheets from 1 (the second tab is "sheet 2"), while ``sheet`` counts from
    # 0 here: every message says the number a person would type (--sheet 2, sheet = 2).
    listed = ", ".join(f"{number} {name!r}" for number, name in enumerate(names, start=1))
    if isinstance(sheet, int):
        raise error(
            UnreadableFile, "no_sheet_number", file=path.name, number=sheet + 1, sheets=listed
        )
    raise error(UnreadableFile, "no_sheet_named", file=path.name, sheet=sheet, sheets=listed)


# CSV ----------------------------------------------------------------------------------------


def _read_csv(path: Path, limits: Limits) -> Sheet:
    # Imported here: a workbook never needs the CSV reader and the code pages it knows.
    from orderkit.files.csvfile import csv_encoding, iter_csv_rows

    encoding = csv_encoding(path)
    rows = list(iter_csv_rows(path, limits, known=encoding))
    # The rules warn about characters the encoding could not have stored (CP949's "?").
    return _table(path, path.stem, rows, "csv", limits, encoding=encoding[0])

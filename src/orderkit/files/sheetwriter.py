"""A streaming xlsx writer for one sheet of text and number cells.

Rows go straight into the compressed sheet part as they come, so memory does not grow with
the sheet and a million rows take seconds, not minutes. The file is written under a
temporary name next to its destination and renamed into place only when complete: a
failure half way leaves no half-written workbook behind.

Everything Excel would refuse is made acceptable here, whatever the caller passes:
sheet names (:func:`excel_sheet_name`), the workbook title, and cell text (always a
string cell, never a formula; control characters escaped as Office Open XML defines;
characters no XML can hold replaced by U+FFFD). Cutting text to Excel's cell limit is the
caller's job, because only the caller knows where to say so (:func:`excel_length`).
"""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Container, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Final
from xml.sax.saxutils import escape, quoteattr

from orderkit.files import xlsxparts
from orderkit.files.xlsxtext import xlsx_text

__all__ = [
    "EXCEL_CELL_LIMIT",
    "EXCEL_COLUMNS",
    "SheetWriter",
    "column_letter",
    "excel_cut",
    "excel_length",
    "excel_sheet_name",
    "unstorable",
]

EXCEL_CELL_LIMIT: Final = 32_767
"""The most characters (UTF-16 code units, as Excel counts) a cell may hold."""
EXCEL_COLUMNS: Final = 16_384
_SHEET_NAME_LIMIT: Final = 31
_FALLBACK_NAME: Final = "Sheet1"
# Excel refuses these in a sheet name; brackets become parentheses so "[네이버]" still reads.
_NAME_REPLACEMENTS: Final = str.maketrans(
    {"[": "(", "]": ")", ":": "_", "\\": "_", "/": "_", "?": "_", "*": "_"}
)
# Excel keeps "History" for its change tracking and will not open a sheet of that name.
_RESERVED_NAMES: Final = frozenset({"history"})
# Unicode categories nobody wants in a name or a title: controls, surrogates, unassigned
# (U+FFFE, U+FFFF), line and paragraph separators.
_UNWANTED_CATEGORIES: Final = frozenset({"Cc", "Cs", "Cn", "Zl", "Zp"})

# Text that needs more than a plain copy into XML.
_XML_WORK: Final = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_x")
_UNSTORABLE: Final = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_NUMBER: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_FLUSH_ROWS: Final = 512
# Excel drops leading and trailing blanks of a text node unless told to keep them.
_PRESERVE: Final = ' xml:space="preserve"'

# Cell styles, by their index in xlsxparts.STYLES.
GENERAL, TEXT, BOLD, FAULT_TEXT, FAULT_NUMBER = range(5)


def excel_length(text: str) -> int:
    """How long Excel thinks ``text`` is: characters beyond U+FFFF count twice."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def excel_cut(text: str, limit: int = EXCEL_CELL_LIMIT) -> str:
    """``text`` cut to at most ``limit`` UTF-16 code units, never inside a character."""
    if excel_length(text) <= limit:
        return text
    units = 0
    for index, character in enumerate(text):
        units += 2 if ord(character) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


def unstorable(text: str) -> bool:
    """Whether ``text`` holds characters no xlsx can store (they are written as U+FFFD)."""
    return not text.isascii() and _UNSTORABLE.search(text) is not None


def _clean_name(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) not in _UNWANTED_CATEGORIES)


def excel_sheet_name(name: str) -> str:
    """A sheet name Excel accepts, as close to ``name`` as it allows.

    Control characters go, ``[ ]`` become ``( )``, ``: \\ / ? *`` become ``_``, apostrophes
    and spaces at either end go, the name is cut to 31 characters, ``History`` becomes
    ``History_`` and a name left empty becomes ``Sheet1``.
    """
    cleaned = _clean_name(name).translate(_NAME_REPLACEMENTS).strip().strip("'").strip()
    cleaned = excel_cut(cleaned, _SHEET_NAME_LIMIT).rstrip().rstrip("'").rstrip()
    if cleaned.casefold() in _RESERVED_NAMES:
        cleaned += "_"
    return cleaned or _FALLBACK_NAME


def column_letter(index: int) -> str:
    """The letters Excel shows for the 0-based column ``index``: 0 is ``A``, 26 is ``AA``."""
    name, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


class SheetWriter:
    """Write one sheet to ``path``: call :meth:`row` for each row, top to bottom.

    Everything that precedes the rows in the file is given up front: the sheet's
    ``columns`` and ``rows`` (its extent), column ``widths`` (in characters), ``merges``
    (0-based ``(first row, first column, last row, last column)``) and ``frozen`` rows.
    Use it as a context manager: the file appears at ``path`` only if the block succeeds.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        sheet_name: str,
        title: str = "",
        columns: int,
        rows: int,
        widths: Sequence[float] = (),
        merges: Sequence[tuple[int, int, int, int]] = (),
        frozen: int = 0,
    ) -> None:
        self.path = Path(path)
        self._temporary = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.tmp")
        self._sheet_name = excel_sheet_name(sheet_name)
        self._title = _clean_name(title)
        self._columns = max(1, min(columns, EXCEL_COLUMNS))
        self._rows = rows
        self._widths = tuple(widths)[: self._columns]
        self._merges = tuple(merges)
        self._frozen = frozen
        self._letters = [column_letter(n) for n in range(self._columns)]
        self._row = 0
        self._buffer: list[str] = []
        self._zip: zipfile.ZipFile | None = None
        self._part: IO[bytes] | None = None

    @property
    def sheet_name(self) -> str:
        """The name the sheet is written under (see :func:`excel_sheet_name`)."""
        return self._sheet_name

    def __enter__(self) -> SheetWriter:
        with open(self._temporary, "xb"):
            pass  # created with the process's usual permissions, unlike a tempfile
        try:
            self._zip = zipfile.ZipFile(self._temporary, "w", zipfile.ZIP_DEFLATED, True, 1)
            self._part = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
            self._part.write(self._sheet_head().encode())
        except BaseException:
            self._discard()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is not None:
            self._discard()
            return
        try:
            self._finish()
            os.replace(self._temporary, self.path)
        except BaseException:
            self._discard()
            raise

    def row(
        self,
        cells: Sequence[str],
        *,
        numbers: Container[int] = (),
        faults: Container[int] = (),
        bold: bool = False,
    ) -> None:
        """Write the next row. Empty cells are left out; ``numbers`` are the columns whose
        text is a number to write as a number cell; ``faults`` the columns to highlight."""
        self._row += 1
        number = str(self._row)
        letters = self._letters
        out = [f'<row r="{number}">']
        for column, text in enumerate(cells[: self._columns]):
            if not text:
                continue
            fault = column in faults
            if column in numbers and _NUMBER.fullmatch(text):
                shade = f' s="{FAULT_NUMBER}"' if fault else ""
                out.append(f'<c r="{letters[column]}{number}"{shade}><v>{text}</v></c>')
                continue
            style = FAULT_TEXT if fault else BOLD if bold else TEXT
            # Inline rather than helper calls: this line runs for every cell of the sheet.
            body = text if _XML_WORK.search(text) is None else escape(xlsx_text(text)[0])
            keep = _PRESERVE if len(text.strip()) != len(text) else ""
            out.append(
                f'<c r="{letters[column]}{number}" s="{style}" t="inlineStr"><is>'
                f"<t{keep}>{body}</t></is></c>"
            )
        out.append("</row>")
        self._buffer.append("".join(out))
        if len(self._buffer) >= _FLUSH_ROWS:
            self._flush()

    # the parts ----------------------------------------------------------------------------

    def _flush(self) -> None:
        assert self._part is not None
        self._part.write("".join(self._buffer).encode())
        self._buffer.clear()

    def _sheet_head(self) -> str:
        last = f"{self._letters[-1]}{max(self._rows, 1)}"
        parts = [
            xlsxparts.XML_DECLARATION,
            f'<worksheet xmlns="{xlsxparts.MAIN}" xmlns:r="{xlsxparts.REL}">',
            f'<dimension ref="A1:{last}"/>',
        ]
        if 0 < self._frozen < self._rows:
            top = f"A{self._frozen + 1}"
            parts.append(
                '<sheetViews><sheetView workbookViewId="0">'
                f'<pane ySplit="{self._frozen}" topLeftCell="{top}" activePane="bottomLeft"'
                ' state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
            )
        parts.append('<sheetFormatPr defaultRowHeight="15"/>')
        if self._widths:
            parts.append("<cols>")
            parts += (
                f'<col min="{n}" max="{n}" width="{width:.1f}" customWidth="1"/>'
                for n, width in enumerate(self._widths, start=1)
            )
            parts.append("</cols>")
        parts.append("<sheetData>")
        return "".join(parts)

    def _sheet_tail(self) -> str:
        merges = [
            f'<mergeCell ref="{self._letters[c0]}{r0 + 1}:{self._letters[c1]}{r1 + 1}"/>'
            for r0, c0, r1, c1 in self._merges
            if 0 <= r0 <= r1 and 0 <= c0 <= c1 < self._columns and (r0, c0) != (r1, c1)
        ]
        tail = "</sheetData>"
        if merges:
            tail += f'<mergeCells count="{len(merges)}">{"".join(merges)}</mergeCells>'
        return tail + "</worksheet>"

    def _finish(self) -> None:
        assert self._zip is not None
        assert self._part is not None
        self._flush()
        self._part.write(self._sheet_tail().encode())
        self._part.close()
        # Both were cleaned of every character XML cannot hold; only markup is left to escape.
        name = quoteattr(self._sheet_name)
        title = escape(self._title)
        parts = {
            "[Content_Types].xml": xlsxparts.CONTENT_TYPES,
            "_rels/.rels": xlsxparts.PACKAGE_RELS,
            "docProps/core.xml": xlsxparts.CORE.format(title=title),
            "xl/workbook.xml": xlsxparts.WORKBOOK.format(name=name),
            "xl/_rels/workbook.xml.rels": xlsxparts.WORKBOOK_RELS,
            "xl/styles.xml": xlsxparts.STYLES,
        }
        for part, text in parts.items():
            self._zip.writestr(part, text)
        self._zip.close()

    def _discard(self) -> None:
        for handle in (self._part, self._zip):
            try:
                if handle is not None:
                    handle.close()
            except Exception:  # already failing: the original error is the one to raise
                pass
        self._temporary.unlink(missing_ok=True)

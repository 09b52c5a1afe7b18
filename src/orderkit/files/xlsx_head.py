"""The first rows of a worksheet, read without reading the rest.

python-calamine loads a whole sheet when it opens it: an 82 MB workbook of 20 million cells
takes over a minute before anyone learns that its header is not the template's. A header is
in the first few rows, so :func:`read_head` streams the sheet's XML through expat and stops
at the first row past the ones asked for; shared strings are read only as far as the head's
cells need (Excel writes them in order of first use, so that is the start of the part).

The head is an early answer, never the only one: whenever it cannot tell a cell exactly as
the full reader would (an error cell, a date, a number in a format that may be a date,
anything unusual in the XML), it answers ``None`` and the caller reads the sheet as always
(through the whole safety scan). Reading is bounded: DTDs and entities are refused, and at
most a few MiB of XML are decompressed whatever the zip says.
"""

from __future__ import annotations

import posixpath
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Final
from xml.parsers import expat

from defusedxml import DefusedXmlException

from orderkit.files.safety import DEFAULT_LIMITS, Limits
from orderkit.files.sheet import Sheet
from orderkit.files.xlsxscan import column_number, relationship_targets, xml_parser

__all__ = ["HEAD_BYTES", "read_head"]

HEAD_BYTES: Final = 16 << 20
"""At most this much XML (after decompression) is read from each part for a head."""

_BLOCK: Final = 1 << 16
_REFERENCE: Final = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
# calamine decodes Office Open XML's _xHHHH_ escapes only up to U+00FF, in each <t> apart.
_ESCAPE: Final = re.compile(r"_x00([0-9A-Fa-f]{2})_")
_MAIN_TYPES: Final = ("worksheet",)
_XML_SPACE: Final = "http://www.w3.org/XML/1998/namespace}space"
_XML_BLANKS: Final = " \t\r\n"
_REL_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STRICT_REL_NS: Final = "http://purl.oclc.org/ooxml/officeDocument/relationships}id"


class _Unsure(Exception):
    """The head cannot be told exactly: the caller reads the whole sheet."""


class _Done(Exception):
    """Parsing stops here: every row asked for has been read."""


def read_head(
    path: str | Path, sheet: str | int | None = None, rows: int = 30, limits: Limits | None = None
) -> Sheet | None:
    """The first ``rows`` rows of an xlsx worksheet, as :func:`orderkit.read_sheet` would
    show them, or ``None`` when that cannot be told without the full read.

    ``sheet`` is as :func:`orderkit.read_sheet` takes it (a name, or a number from 0; the
    first by default). The answer's ``rows``/``row(i)`` hold the texts (trailing empty cells
    left out) and ``kinds`` the number cells, exactly as the full sheet's first rows do; a
    name or number that is not in the workbook, a file that is no xlsx and any file beyond
    ``limits`` answer ``None``: the full read refuses those in its own words.
    """
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    try:
        found = path.stat()
        # A pipe or a device would block here: the full read refuses those in its words.
        if not stat.S_ISREG(found.st_mode) or found.st_size > limits.file_size:
            return None
        with zipfile.ZipFile(path) as archive:
            return _head(archive, sheet, rows, limits)
    except (_Unsure, OSError, zipfile.BadZipFile, expat.ExpatError, DefusedXmlException):
        return None
    except (RuntimeError, ValueError, EOFError, NotImplementedError, KeyError, IndexError):
        return None  # a password, a broken zip, an unknown compression
    except zlib.error:
        return None  # a damaged deflate stream


def _head(archive: zipfile.ZipFile, sheet: str | int | None, rows: int, limits: Limits) -> Sheet:
    names = {info.filename: info for info in archive.infolist()}
    if len(names) > limits.entries:
        raise _Unsure

    def read(name: str) -> bytes:
        if name not in names:
            raise _Unsure
        with archive.open(names[name]) as stream:
            data = stream.read(HEAD_BYTES + 1)
        if len(data) > HEAD_BYTES:
            raise _Unsure
        return data

    name, part = _sheet_part(read, sheet)
    strings_part = _strings_part(read)
    cells = _SheetHead(rows, limits)
    _stream(archive, names.get(part), cells.parser)
    shared: list[str] = []
    if cells.wanted_strings:
        if strings_part is None:
            raise _Unsure
        shared = _shared_strings(archive, names.get(strings_part), max(cells.wanted_strings))
    values = [
        [shared[value[1]] if isinstance(value, tuple) else value for value in row]
        for row in cells.rows
    ]
    return Sheet(name, values, "xlsx", limits=limits)


def _sheet_part(read: Callable[[str], bytes], sheet: str | int | None) -> tuple[str, str]:
    """The chosen sheet's name and part, as calamine orders sheets (as the workbook lists
    them)."""
    workbook = "xl/workbook.xml"
    package = relationship_targets(read("_rels/.rels"), "")
    main = [target for kind, target in package if kind == "officeDocument"]
    if main:
        workbook = main[0]
    sheets: list[tuple[str, str]] = []

    def start(element: str, attributes: dict[str, str]) -> None:
        if element.rsplit("}", 1)[-1] == "sheet":
            rid = attributes.get(_REL_NS) or attributes.get(_STRICT_REL_NS)
            sheets.append((attributes.get("name", ""), rid or ""))

    parser = xml_parser()
    parser.StartElementHandler = start
    parser.Parse(read(workbook), True)
    folder, base = posixpath.split(workbook)
    rels = read(posixpath.join(folder, "_rels", base + ".rels"))
    targets = _targets_by_id(rels, workbook)
    if isinstance(sheet, int):
        chosen = sheets[sheet] if 0 <= sheet < len(sheets) else None
    else:
        chosen = next((s for s in sheets if sheet is None or s[0] == sheet), None)
    if chosen is None or chosen[1] not in targets:
        raise _Unsure
    kind, part = targets[chosen[1]]
    if kind not in _MAIN_TYPES:
        raise _Unsure
    return chosen[0], part


def _targets_by_id(data: bytes, source: str) -> dict[str, tuple[str, str]]:
    ids: list[str] = []

    def start(element: str, attributes: dict[str, str]) -> None:
        # The same relationships, in the same order, as relationship_targets lists.
        if (
            element.rsplit("}", 1)[-1] == "Relationship"
            and attributes.get("Target")
            and attributes.get("TargetMode", "").lower() != "external"
        ):
            ids.append(attributes.get("Id", ""))

    parser = xml_parser()
    parser.StartElementHandler = start
    parser.Parse(data, True)
    return dict(zip(ids, relationship_targets(data, source), strict=True))


def _strings_part(read: Callable[[str], bytes]) -> str | None:
    try:
        rels = read("xl/_rels/workbook.xml.rels")
    except _Unsure:
        return None
    found = [t for kind, t in relationship_targets(rels, "xl/workbook.xml")
             if kind.lower() == "sharedstrings"]  # fmt: skip
    return found[0] if found else None


def _stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, parser: expat.XMLParserType
) -> None:
    """Feed a part to ``parser`` until it stops (``_Done``) or the part ends."""
    if info is None:
        raise _Unsure
    read = 0
    with archive.open(info) as stream:
        try:
            while block := stream.read(_BLOCK):
                read += len(block)
                if read > HEAD_BYTES or b"\r" in block:
                    # A carriage return expat would turn into a line feed and calamine not.
                    raise _Unsure
                parser.Parse(block, False)
            parser.Parse(b"", True)
        except _Done:
            return


Value = str | float | bool | None | tuple[str, int]


class _SheetHead:
    """Cells of the first rows, as calamine gives them (shared strings by index)."""

    def __init__(self, rows: int, limits: Limits) -> None:
        self.rows: list[list[Value]] = []
        self.wanted_strings: set[int] = set()
        self._limit, self._limits = rows, limits
        self._row = 0
        self._column = 0
        self._cell: tuple[int, str] | None = None
        self._text: list[str] = []
        self._piece: list[str] = []
        self._preserve = False
        self._phonetic = 0
        self._in_value = False
        self.parser = xml_parser()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._data

    def _start(self, element: str, attributes: dict[str, str]) -> None:
        local = element.rsplit("}", 1)[-1]
        if local == "row":
            written = attributes.get("r")
            row = int(written) if written and written.isdigit() else self._row + 1
            if row > self._limit:
                raise _Done
            if row <= self._row:
                raise _Unsure
            self._row, self._column = row, 0
        elif local == "c":
            self._start_cell(attributes)
        elif self._cell is not None and not self._phonetic:
            # An inline string's text is in <is><t>, any other value in <v> (calamine reads
            # nothing else: a <v> in an inline string cell is ignored).
            inline = self._cell[1] == "inlineStr"
            if (local == "t" and inline) or (local == "v" and not inline):
                self._in_value = True
                self._preserve = attributes.get(_XML_SPACE) == "preserve"
        elif local == "rPh":
            self._phonetic += 1

    def _start_cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference is None:
            column = self._column + 1
        else:
            found = _REFERENCE.fullmatch(reference)
            if found is None or int(found.group(2)) != self._row:
                raise _Unsure
            column = column_number(found.group(1))
        if column <= self._column or column > self._limits.columns:
            raise _Unsure
        self._column = column
        kind = attributes.get("t", "n")
        if kind in ("n", "") and attributes.get("s", "0") != "0":
            raise _Unsure  # a number in a format that may be a date
        self._cell = (column, kind)
        self._text = []

    def _data(self, text: str) -> None:
        if self._in_value:
            self._piece.append(text)

    def _end(self, element: str) -> None:
        local = element.rsplit("}", 1)[-1]
        if local in ("v", "t") and self._in_value:
            self._in_value = False
            piece = "".join(self._piece)
            self._text.append(_text_of(piece, self._preserve) if local == "t" else piece)
            self._piece = []
        elif local == "rPh":
            self._phonetic -= 1
        elif local == "c" and self._cell is not None:
            column, kind = self._cell
            self._place(column, self._value(kind, "".join(self._text)))
            self._cell = None

    def _value(self, kind: str, text: str) -> Value:
        if len(text) > self._limits.cell_length:
            raise _Unsure
        if kind == "s":
            if not text.strip().isdigit():
                raise _Unsure
            self.wanted_strings.add(int(text))
            return ("s", int(text))
        if kind == "inlineStr":
            return text
        if kind == "str" and "_x" not in text:
            return text
        if kind == "b":
            return text.strip() not in ("0", "")
        if kind in ("n", ""):
            return float(text) if text.strip() else None
        raise _Unsure  # an error cell, a date cell: the full read says how it shows

    def _place(self, column: int, value: Value) -> None:
        while len(self.rows) < self._row:
            self.rows.append([])
        cells = self.rows[self._row - 1]
        cells.extend([None] * (column - 1 - len(cells)))
        cells.append(value)


def _text_of(text: str, preserve: bool) -> str:
    """A ``<t>`` element's text as calamine gives it: trimmed unless ``xml:space`` says
    preserve, then unescaped."""
    return _unescaped(text if preserve else text.strip(_XML_BLANKS))


def _unescaped(text: str) -> str:
    """Office Open XML's ``_xHHHH_`` escapes decoded, as calamine decodes them."""
    return _ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), text) if "_x" in text else text


def _shared_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, last: int) -> list[str]:
    """Shared strings ``0`` to ``last``, read no further."""
    strings: list[str] = []
    parts: list[str] = []
    piece: list[str] = []
    depth = {"si": 0, "rPh": 0, "t": 0}
    preserve = [False]

    def start(element: str, attributes: dict[str, str]) -> None:
        local = element.rsplit("}", 1)[-1]
        if local in depth:
            depth[local] += 1
        if local == "si":
            parts.clear()
        elif local == "t":
            preserve[0] = attributes.get(_XML_SPACE) == "preserve"

    def end(element: str) -> None:
        local = element.rsplit("}", 1)[-1]
        if local in depth:
            depth[local] -= 1
        if local == "t" and piece:
            parts.append(_text_of("".join(piece), preserve[0]))
            piece.clear()
        elif local == "si":
            strings.append("".join(parts))
            if len(strings) > last:
                raise _Done

    def data(text: str) -> None:
        if depth["t"] and depth["si"] and not depth["rPh"]:
            piece.append(text)

    parser = xml_parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    _stream(archive, info, parser)
    if len(strings) <= last:
        raise _Unsure
    return strings

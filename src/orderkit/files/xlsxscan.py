"""What a workbook's parser will allocate, decided from the XML it will actually read.

python-calamine sizes its buffers from the sheet XML: the farthest cell (written any way a
reference can be written, or implied by cells and rows that leave their reference out), the
``<dimension>`` of a sheet, and counts such as ``uniqueCount`` in ``sharedStrings.xml``. A
pattern over the raw bytes misses spellings (quotes, prefixes, whitespace, lower case); an
XML parser does not. Each part the workbook's relationships name (and each part at the
conventional names a reader may open without asking) is parsed here with expat, streamed
block by block, namespace-aware, with document type declarations refused as defusedxml
refuses them.
"""

from __future__ import annotations

import functools
import posixpath
import re
import string
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Final
from urllib.parse import unquote
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

__all__ = [
    "Extent",
    "Hint",
    "PartScan",
    "Role",
    "column_number",
    "named_parts",
    "number",
    "relationship_targets",
    "xml_parser",
]


class Role(Enum):
    SHEET = "sheet"
    STRINGS = "strings"
    STYLES = "styles"


# A reference orderkit can judge: letters then digits, in either case (calamine reads "c3"
# as C3). Anything longer than Excel could ever write is "far", whatever it wraps to.
_REFERENCE: Final = re.compile(r"\s*([A-Za-z]{1,8})(\d{1,12})\s*")
_FAR: Final = 10**12
_NUMBER: Final = re.compile(r"\s*\+?(\d{1,12})\s*")
_MAIN_DOCUMENT: Final = "officeDocument"
_LETTERS: Final = string.ascii_uppercase
_NAMESPACES: Final = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main}",
    "http://purl.oclc.org/ooxml/spreadsheetml/main}",
    "",
)
_CELL_NAMES: Final = frozenset(f"{ns}c" for ns in _NAMESPACES)
# Inside a cell: its value, formula and text; nothing there reaches a reader's extent.
_QUIET_NAMES: Final = frozenset(
    f"{ns}{local}" for ns in _NAMESPACES for local in "v f is t r rPr".split()
)
# Where readers look even when no relationship names the part.
_CONVENTIONAL: Final = (
    (re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE), Role.SHEET),
    (re.compile(r"xl/sharedstrings\.xml", re.IGNORECASE), Role.STRINGS),
    (re.compile(r"xl/styles\.xml", re.IGNORECASE), Role.STYLES),
)
_ROLES_BY_TYPE: Final = {
    "worksheet": Role.SHEET,
    "chartsheet": Role.SHEET,
    "dialogsheet": Role.SHEET,
    "macrosheet": Role.SHEET,
    "xlmacrosheet": Role.SHEET,
    "sharedstrings": Role.STRINGS,
    "styles": Role.STYLES,
}


class BadReference(ValueError):
    """A cell reference no spreadsheet program writes, which a reader may misread."""


class Hint(ValueError):
    """A preallocation count larger than the part (or the limits) could honestly hold."""


def number(text: str) -> int:
    """A count or row number as written in an attribute (-1 if none; beyond every limit
    if longer than any limit could be)."""
    match = _NUMBER.fullmatch(text)
    if match is None:
        return _FAR if text.strip().isdigit() else -1
    return int(match.group(1))


def _reference(text: str) -> tuple[int, int]:
    """``(row, column)``, 1-based, of a reference such as ``XFD1048576`` or ``c0003``."""
    digits = text.lstrip(_LETTERS)
    letters = text[: len(text) - len(digits)]
    # How every spreadsheet program writes it: up to three capitals, up to seven digits.
    if 0 < len(letters) <= 3 and 0 < len(digits) <= 7 and digits.isdigit() and digits.isascii():
        return int(digits), column_number(letters)
    match = _REFERENCE.fullmatch(text)
    if match is None:
        if re.fullmatch(r"\s*[A-Za-z]+\d+\s*", text):
            return _FAR, _FAR
        raise BadReference(text[:40])
    return int(match.group(2)), column_number(match.group(1).upper())


@functools.lru_cache(maxsize=1 << 15)
def column_number(letters: str) -> int:
    """``"A"`` is 1, ``"XFD"`` is 16,384 (lower case reads as upper case)."""
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return column


def _forbid_dtd(*_: object) -> None:
    raise DTDForbidden("", None, None)


def _forbid_entity(*_: object) -> None:
    raise EntitiesForbidden("", None, None, None, None, None)


def _forbid_external(*_: object) -> int:
    raise ExternalReferenceForbidden("", None, None, None)


def xml_parser() -> expat.XMLParserType:
    """An expat parser that refuses DTDs and entities; names arrive as ``namespace}local``."""
    return _parser()


def _parser() -> expat.XMLParserType:
    # Names arrive as "namespace}local": a prefix (<x:c>) never hides an element.
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_entity
    parser.ExternalEntityRefHandler = _forbid_external
    parser.buffer_text = True
    return parser


class Extent:
    """The farthest row and column a sheet's cells (and its hints) reach, 1-based."""

    __slots__ = ("columns", "rows")

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0

    @property
    def area(self) -> int:
        return self.rows * self.columns

    def reach(self, row: int, column: int) -> None:
        if row > self.rows:
            self.rows = row
        if column > self.columns:
            self.columns = column


class PartScan:
    """One part parsed as it streams: ``feed`` blocks, then ``close``.

    Raises expat.ExpatError for XML that is not well formed, the defusedxml errors for a
    DTD or entity, :class:`BadReference` and :class:`Hint` for what a reader would misread.
    """

    def __init__(
        self,
        role: Role,
        size: int,
        cells_limit: int,
        *,
        record: list[tuple[int, int]] | None = None,
    ) -> None:
        self.role = role
        self.extent = Extent()
        # What the cells alone reach and how many there are (hints left out): a reader
        # holds the whole rectangle, so few cells far apart cost as much as a full sheet.
        self.cell_extent = Extent()
        self.cells = 0
        self._record = record
        self._size = size
        self._cells_limit = cells_limit
        self._row = 0
        self._column = 0
        self._parser = _parser()
        starts: dict[Role, Callable[[str, dict[str, str]], None]] = {
            Role.SHEET: self._sheet,
            Role.STRINGS: self._strings,
            Role.STYLES: self._styles,
        }
        self._parser.StartElementHandler = starts[role]

    def feed(self, block: bytes) -> None:
        self._parser.Parse(block, False)

    def close(self) -> None:
        self._parser.Parse(b"", True)

    def _sheet(self, name: str, attributes: dict[str, str]) -> None:
        # Called for every element of the sheet: the common names are compared whole first.
        if name in _CELL_NAMES:
            local = "c"
        elif name in _QUIET_NAMES:
            return
        else:
            local = name[name.rfind("}") + 1 :]
        if local == "c":
            self.cells += 1
            reference = attributes.get("r")
            if reference is None:
                # A cell without a reference sits right of the previous one.
                self._column += 1
                self.extent.reach(max(self._row, 1), self._column)
                reference = _prefixed(attributes, "r")
                if reference is None:
                    self._cell_at(max(self._row, 1), self._column)
                    return
            row, column = _reference(reference)
            self._column = column
            self._cell_at(row, column)
            extent = self.extent
            if row > extent.rows:
                extent.rows = row
            if column > extent.columns:
                extent.columns = column
        elif local == "row":
            written = attributes.get("r")
            self._row = number(written) if written is not None else self._row + 1
            self._column = 0
            spans = attributes.get("spans")
            if spans:
                # "1:16384": the columns the row says it spans, a hint readers may trust.
                # (A row without cells allocates nothing: its number alone does not count.)
                self.extent.reach(0, max(map(number, spans.split(":"))))
        elif local == "dimension":
            for corner in attributes.get("ref", "").split(":"):
                if corner.strip():
                    self.extent.reach(*_reference(corner))

    def _cell_at(self, row: int, column: int) -> None:
        self.cell_extent.reach(row, column)
        if self._record is not None:
            self._record.append((row, column))

    def _strings(self, name: str, attributes: dict[str, str]) -> None:
        if name[name.rfind("}") + 1 :] != "sst":
            return
        # Every string item takes at least five bytes ("<si/>"); references are cells.
        self._hint(attributes, "uniqueCount", min(self._size // 5, self._cells_limit))
        self._hint(attributes, "count", self._cells_limit)

    def _styles(self, name: str, attributes: dict[str, str]) -> None:
        # Every counted item takes at least four bytes ("<x/>").
        self._hint(attributes, "count", self._size // 4)

    def _hint(self, attributes: dict[str, str], key: str, most: int) -> None:
        text = attributes.get(key)
        if text is not None and number(text) > most:
            raise Hint(f"{key}={text.strip()[:20]}")


def _prefixed(attributes: dict[str, str], local: str) -> str | None:
    for key, value in attributes.items():
        if key.endswith("}" + local):
            return value
    return None


def relationship_targets(data: bytes, source: str) -> list[tuple[str, str]]:
    """``(type, part name)`` of each internal relationship in a ``.rels`` part.

    ``source`` is the part the relationships belong to (``xl/workbook.xml``; ``""`` for the
    package), against whose folder relative targets resolve.
    """
    found: list[tuple[str, str]] = []
    base = posixpath.dirname(source)

    def start(name: str, attributes: dict[str, str]) -> None:
        if name[name.rfind("}") + 1 :] != "Relationship":
            return
        target = attributes.get("Target", "")
        if not target or attributes.get("TargetMode", "").lower() == "external":
            return
        kind = attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        target = target.replace("\\", "/")
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        found.append((kind, posixpath.normpath(joined).lstrip("/")))

    parser = _parser()
    parser.StartElementHandler = start
    parser.Parse(data, True)
    return found


def named_parts(
    names: Iterable[str], read: Callable[[str], bytes | None]
) -> tuple[dict[str, Role], bool]:
    """The parts a reader will parse and what each holds; and whether a workbook was found.

    ``read(name)`` returns a (small) part's bytes, or ``None`` when there is no such part.
    Relationships are followed from the package to the workbook to its sheets, strings and
    styles; the conventional names are added too, since readers may open them unasked.
    """
    names = list(names)
    by_folded = {_folded(name): name for name in names}
    roles: dict[str, Role] = {}
    for name in names:
        for pattern, role in _CONVENTIONAL:
            if pattern.fullmatch(name):
                roles[name] = role
    workbooks = {"xl/workbook.xml"}
    package = read("_rels/.rels")
    if package is not None:
        workbooks |= {t for kind, t in relationship_targets(package, "") if kind == _MAIN_DOCUMENT}
    found = False
    for workbook in sorted(workbooks):
        actual = by_folded.get(_folded(workbook))
        if actual is None:
            continue
        found = True
        folder, base = posixpath.split(actual)
        rels = read(posixpath.join(folder, "_rels", base + ".rels"))
        if rels is None:
            continue
        for kind, target in relationship_targets(rels, actual):
            named = _ROLES_BY_TYPE.get(kind.lower())
            part = by_folded.get(_folded(target))
            if named is not None and part is not None:
                roles[part] = named
    return roles, found


def _folded(name: str) -> str:
    return unquote(name.replace("\\", "/")).lstrip("/").lower()

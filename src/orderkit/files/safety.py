"""Refusing hostile files before any parser sees them.

An xlsx is a zip of XML parts. Before python-calamine or openpyxl opens one, orderkit checks
the zip itself: how many parts, how large they say they are, how much they compress, and
then reads every part through a capped stream (a zip's sizes can lie) looking for DTDs and
entities and for cell references beyond the limits. Every refusal is an
:class:`~orderkit.UnreadableFile` subclass that says what is wrong and what to do.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Final
from xml.parsers import expat

import attrs
from defusedxml import DefusedXmlException

from orderkit.files.biff import BrokenBiff, biff_extent
from orderkit.files.identify import check_ole_streams, check_zip_parts
from orderkit.files.ole import BrokenCompound, Compound
from orderkit.files.size_refusals import check_size, too_many_rows
from orderkit.files.xlsxfast import FastSheet
from orderkit.files.xlsxscan import BadReference, Hint, PartScan, Role, named_parts
from orderkit.model.columns import column_letters
from orderkit.model.errors import FileTooLarge, PasswordProtected, UnreadableFile, UnsafeFile

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "broken_workbook",
    "check_ole",
    "check_size",
    "check_xlsx",
    "password_protected",
    "too_many_rows",
]

_MIB: Final = 1 << 20


@attrs.frozen
class Limits:
    """How much of a file orderkit will read. The defaults are Excel's own where it has one.

    ``cells`` bounds rows × columns of the used area of a sheet, which readers hold in full.
    A used area of more than ``sparse_area`` cells must also be at least one part in 50
    filled: a few cells far apart (a stray cell at N1048576 under two rows of data) are
    refused, naming the stray cell, instead of costing as much as a full sheet.

    ``isolate`` (on by default) parses workbooks in a forked child process limited to
    ``reader_memory`` bytes of address space beyond the caller's and ``reader_seconds`` of
    processor time, so that a crash of the native reader becomes an
    :class:`~orderkit.UnreadableFile` instead of ending the caller's process. Turn it off
    only for files you trust (it costs a few milliseconds per file); platforms that cannot
    fork (Windows) always read in-process.
    """

    file_size: int = 100 * _MIB
    uncompressed_size: int = 512 * _MIB
    compression_ratio: int = 200
    entries: int = 10_000
    rows: int = 1_048_576
    columns: int = 16_384
    cells: int = 30_000_000
    cell_length: int = 32_767
    sparse_area: int = 1_000_000
    isolate: bool = True
    reader_memory: int = 4 << 30
    reader_seconds: int = 120


DEFAULT_LIMITS: Final = Limits()

_CHUNK: Final = 1 << 20
# A part this small may compress as well as it likes: the ratio guards against bombs.
_RATIO_FLOOR: Final = _MIB
# "<!DOCTYPE" and "<!ENTITY", in the two encodings an XML part may use.
_DECLARATIONS: Final = re.compile(
    rb"<!(?:DOCTYPE|ENTITY)|<\x00!\x00(?:D\x00O\x00C\x00T\x00Y\x00P\x00E|E\x00N\x00T\x00I\x00T\x00Y)\x00",
    re.IGNORECASE,
)
_OVERLAP: Final = 64
# A sheet whose cells span more than Limits.sparse_area must fill one in this many: see
# _sparse.
_SPARSE_RATIO: Final = 50
# Relationship parts are small; one larger than this is not a workbook's.
_RELS_CAP: Final = 4 * _MIB
_FORBIDDEN: Final = DefusedXmlException
# What the zip module raises, one way or another, for a damaged archive.
_BROKEN_ZIP: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # "zip file version 6.4", an unknown compression
    OSError,
    EOFError,
    ValueError,
    zlib.error,
    struct.error,
)


def check_xlsx(path: Path, limits: Limits) -> None:
    """Refuse a zip that is not a safe workbook; the parsers see only files that pass."""
    check_size(path, limits)
    try:
        archive = zipfile.ZipFile(path)
    except _BROKEN_ZIP as exc:
        raise broken_workbook(path, exc) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > limits.entries:
            raise _unsafe(path, f"it holds {len(parts):,} parts")
        declared = sum(part.file_size for part in parts)
        if declared > limits.uncompressed_size:
            raise _too_large(path, declared, limits)
        for part in parts:
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > _RATIO_FLOOR and ratio > limits.compression_ratio:
                raise _unsafe(path, f"part {part.filename!r} compresses {ratio:,.0f} to 1")
        check_zip_parts(path, [part.filename for part in parts], _mimetype(path, archive))
        roles = _roles(path, archive, limits)
        budget = limits.uncompressed_size
        for part in parts:
            budget -= _read_part(path, archive, part, budget, limits, roles.get(part.filename))


def _roles(path: Path, archive: zipfile.ZipFile, limits: Limits) -> dict[str, Role]:
    """The parts the workbook's relationships name, and what each holds."""
    by_name = {part.filename: part for part in archive.infolist()}

    def read(name: str) -> bytes | None:
        part = by_name.get(name)
        if part is None:
            return None
        blocks: list[bytes] = []
        _read_part(path, archive, part, min(_RELS_CAP, limits.uncompressed_size), limits,
                   None, blocks.append)  # fmt: skip
        return b"".join(blocks)

    try:
        roles, _ = named_parts(by_name, read)
    except expat.ExpatError as exc:
        raise broken_workbook(path, ValueError(f"relationships: {exc}")) from None
    except _FORBIDDEN:
        raise _unsafe(path, "its relationships declare a DTD or an entity") from None
    return roles


def _read_part(
    path: Path,
    archive: zipfile.ZipFile,
    part: zipfile.ZipInfo,
    budget: int,
    limits: Limits,
    role: Role | None,
    keep: Callable[[bytes], object] | None = None,
) -> int:
    """Read one part through a capped stream; return how many bytes it really holds.

    A part with a ``role`` is parsed as it streams, and refused as soon as what it asks a
    reader to allocate is beyond ``limits``.
    """
    name = part.filename
    is_xml = name.endswith((".xml", ".rels", ".vml")) or name == "[Content_Types].xml"
    scan: PartScan | FastSheet | None = None
    if role is Role.SHEET:
        scan = FastSheet()
    elif role is not None:
        scan = PartScan(role, part.file_size, limits.cells)
    cap = min(part.file_size, budget)
    total, tail = 0, b""
    try:
        with archive.open(part) as stream:
            while True:
                block = stream.read(min(_CHUNK, cap - total + 1))
                if not block:
                    break
                total += len(block)
                if total > cap:
                    raise _unsafe(path, f"part {name!r} is larger than it says")
                if keep is not None:
                    keep(block)
                if is_xml:
                    window = tail + block
                    # "<!" is rare in workbook XML; the full pattern runs only where it is.
                    has_bang = b"!" in window
                    if has_bang and _DECLARATIONS.search(window):
                        raise _unsafe(path, f"part {name!r} declares a DTD or an entity")
                    tail = window[-_OVERLAP:]
                if scan is not None:
                    _scan(path, name, scan, block, limits)
            if scan is not None:
                _scan(path, name, scan, None, limits)
            if isinstance(scan, FastSheet) and scan.fallback:
                # Written in a way the patterns cannot judge: the parser reads it again.
                scan = _parse_sheet(path, archive, part, limits)
            if role is Role.SHEET and scan is not None and _sparse(scan, limits):
                raise _far_cells(path, archive, part, limits)
    except _BROKEN_ZIP as exc:
        raise broken_workbook(path, exc) from None
    except RuntimeError as exc:
        # zipfile says "encrypted" for a password; anything else (an unknown compression
        # method, say) is a broken workbook.
        if "encrypted" in str(exc):
            raise password_protected(path) from exc
        raise broken_workbook(path, exc) from None
    return total


def _parse_sheet(
    path: Path,
    archive: zipfile.ZipFile,
    part: zipfile.ZipInfo,
    limits: Limits,
    record: list[tuple[int, int]] | None = None,
) -> PartScan:
    scan = PartScan(Role.SHEET, part.file_size, limits.cells, record=record)
    with archive.open(part) as stream:
        # The first read proved the part holds what it says: no cap needed here.
        while block := stream.read(_CHUNK):
            _scan(path, part.filename, scan, block, limits)
    _scan(path, part.filename, scan, None, limits)
    return scan


def _sparse(scan: PartScan | FastSheet, limits: Limits) -> bool:
    """Whether a sheet's cells are so few for the rectangle they span that reading it would
    cost far more than its data is worth.

    Readers hold the whole rectangle from the first cell to the last (about 1.5 µs and
    50 bytes a cell through calamine, Python and the mapper), so one stray cell at N1048576
    turns a two-row sheet into 14.7M cells: 21 s and 650 MiB. Up to ``sparse_area``
    (1,000,000) cells cost about a second whatever they hold; beyond it, a sheet must fill
    at least one cell in :data:`_SPARSE_RATIO` of its rectangle, which a real order sheet
    (every row with its order number, most columns filled) always does.
    """
    area = scan.cell_extent.area
    return area > limits.sparse_area and area > _SPARSE_RATIO * scan.cells


def _far_cells(
    path: Path, archive: zipfile.ZipFile, part: zipfile.ZipInfo, limits: Limits
) -> FileTooLarge:
    """The refusal of a sparse sheet, naming the cell far from the data (read again: this
    runs only for a sheet being refused)."""
    cells: list[tuple[int, int]] = []
    _parse_sheet(path, archive, part, limits, record=cells)
    far_row = max(row for row, _ in cells)
    far_column = max(column for _, column in cells)
    below = [cell for cell in cells if cell[0] == far_row]
    right = [cell for cell in cells if cell[1] == far_column]
    rest_below = [cell for cell in cells if cell[0] != far_row]
    rest_right = [cell for cell in cells if cell[1] != far_column]
    # The direction whose stray cells, once deleted, shrink the rectangle most.
    end_row = max((row for row, _ in rest_below), default=0)
    end_column = max((column for _, column in rest_right), default=0)
    if end_row * far_column <= far_row * end_column:
        row, column = min(below)
        where_en = f"far below the data, which ends at row {end_row:,}"
        where_ko = f"{end_row:,}행에서 끝나는 데이터보다 한참 아래에"
        others, line = len(below) - 1, "row"
    else:
        row, column = min(right, key=lambda cell: (cell[1], cell[0]))
        where_en = f"far right of the data, which ends at column {column_letters(end_column)}"
        where_ko = f"{column_letters(end_column)}열에서 끝나는 데이터보다 한참 오른쪽에"
        others, line = len(right) - 1, "column"
    at = f"{column_letters(column)}{row}"
    more_en = f" (and {others:,} more in that {line})"
    more_ko = f"(같은 줄에 {others:,}개 더)"
    return FileTooLarge(
        f"{path.name} has a cell at {at}{more_en if others else ''} {where_en}: reading it "
        f"would mean holding {far_row * far_column:,} cells, nearly all empty; delete the "
        "stray cell (select it in Excel, Delete) and save the file again",
        ko=f"{path.name} 파일의 {at} 셀{more_ko if others else ''}이 {where_ko} 있어 "
        f"거의 비어 있는 셀 {far_row * far_column:,}개를 읽어야 합니다. "
        "엑셀에서 그 셀을 지우고 다시 저장하세요.",
    )


def _scan(
    path: Path, name: str, scan: PartScan | FastSheet, block: bytes | None, limits: Limits
) -> None:
    """Feed one block (``None``: the end) and judge the extent so far."""
    try:
        if block is None:
            scan.close()
        else:
            scan.feed(block)
    except expat.ExpatError as exc:
        raise broken_workbook(path, ValueError(f"{name}: {exc}")) from None
    except _FORBIDDEN:
        raise _unsafe(path, f"part {name!r} declares a DTD or an entity") from None
    except BadReference as exc:
        raise _unsafe(path, f"part {name!r} has the cell reference {exc}") from None
    except Hint as exc:
        raise _unsafe(path, f"part {name!r} asks readers to reserve room for {exc}") from None
    _check_extent(path, scan.extent.rows, scan.extent.columns, limits)


def _check_extent(path: Path, rows: int, columns: int, limits: Limits) -> None:
    if rows > limits.rows or columns > limits.columns or rows * columns > limits.cells:
        raise FileTooLarge(
            f"{path.name} uses {rows:,} row{'s' * (rows != 1)} × {columns:,} "
            f"column{'s' * (columns != 1)}, more than allowed "
            f"({limits.rows:,} rows, {limits.columns:,} columns, {limits.cells:,} cells); "
            "delete stray cells far from the data, or split the file",
            ko=f"{path.name} 파일의 사용 범위가 {rows:,}행 × {columns:,}열로 허용 범위를 넘습니다. "
            "데이터에서 멀리 떨어진 셀을 지우거나 파일을 나누어 올리세요.",
        )


def check_ole(path: Path, limits: Limits) -> None:
    """An OLE container: a legacy .xls (whose BIFF records are bounded like an xlsx's
    cells), an xlsx encrypted with a password, or another document."""
    check_size(path, limits)
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data[: 4 * _MIB]:
        raise password_protected(path)
    try:
        compound = Compound(data)
        check_ole_streams(path, compound.names)
        stream = compound.read("Workbook") or compound.read("Book") or b""
        extent = biff_extent(stream)
    except (BrokenCompound, BrokenBiff, struct.error) as exc:
        raise broken_workbook(path, exc) from None
    if extent.strings > min(len(stream) // 3, limits.cells):
        raise _unsafe(path, f"it asks readers to reserve room for {extent.strings:,} strings")
    _check_extent(path, extent.rows, extent.columns, limits)


def _mimetype(path: Path, archive: zipfile.ZipFile) -> bytes | None:
    """The OpenDocument ``mimetype`` part (its first bytes), if the zip has one."""
    try:
        with archive.open("mimetype") as stream:
            return stream.read(256)
    except KeyError:
        return None
    except _BROKEN_ZIP as exc:
        raise broken_workbook(path, exc) from None


def broken_workbook(path: Path, exc: BaseException) -> UnreadableFile:
    reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return UnreadableFile(
        f"{path.name} is not a readable Excel workbook ({reason}); open it in Excel and "
        "save it again as .xlsx",
        ko=f"{path.name} 파일을 엑셀 통합 문서로 읽을 수 없습니다 ({reason}). "
        "엑셀에서 열어 .xlsx로 다시 저장하세요.",
    )


def password_protected(path: Path) -> PasswordProtected:
    return PasswordProtected(
        f"{path.name} is protected with a password; remove it in Excel (File > Info > "
        "Protect Workbook) and upload the file again",
        ko=f"{path.name} 파일에 암호가 걸려 있습니다. 엑셀에서 암호를 해제한 뒤 다시 올리세요.",
    )


def _unsafe(path: Path, why: str) -> UnsafeFile:
    return UnsafeFile(
        f"{path.name} was refused: {why}, which no ordinary workbook does; save the data "
        "again as a new .xlsx from Excel",
        ko=f"{path.name} 파일을 열지 않았습니다: 일반적인 엑셀 파일이 아닙니다 ({why}). "
        "엑셀에서 새 .xlsx 파일로 다시 저장해 올리세요.",
    )


def _too_large(path: Path, size: int, limits: Limits) -> FileTooLarge:
    return FileTooLarge(
        f"{path.name} unpacks to {size / _MIB:,.0f} MiB, more than the "
        f"{limits.uncompressed_size / _MIB:,.0f} MiB allowed; split it into smaller files",
        ko=f"{path.name} 파일의 압축을 풀면 {size / _MIB:,.0f} MiB로 허용된 "
        f"{limits.uncompressed_size / _MIB:,.0f} MiB를 넘습니다. 파일을 나누어 올리세요.",
    )

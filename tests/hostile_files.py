"""Building small hostile workbooks byte by byte: xlsx parts, BIFF records in an OLE compound
file (.xls), xlsb and ods archives. Shared by the tests, `benchmarks/hostile.py` and the fuzz
seeds."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_parts(rows: Sequence[Sequence[Any]]) -> dict[str, bytes]:
    """The parts of a real xlsx written by openpyxl, to tamper with."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def with_sheet_data(data: str, *, extra: str = "", prefix: str = "") -> dict[str, bytes]:
    """An xlsx whose only sheet holds ``data`` as its ``sheetData`` content."""
    parts = xlsx_parts([["주문번호"]])
    declare = f' xmlns:{prefix}="{MAIN_NS}"' if prefix else ""
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"{declare}>'
        f"{extra}<sheetData>{data}</sheetData></worksheet>"
    ).encode()
    return parts


def inline(text: str) -> str:
    return f"<is><t>{text}</t></is>"


# BIFF8 (.xls) ---------------------------------------------------------------------------------


def record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 1996, 0, 0x0206))


def biff_cells(cells: Iterable[tuple[int, int, object]]) -> bytes:
    """Cell records (0-based row, column): numbers as NUMBER, text as LABEL."""
    out = b""
    for row, column, value in cells:
        if isinstance(value, str):
            text = value.encode("utf-16-le")
            body = struct.pack("<HHHHB", row, column, 15, len(value), 1) + text
            out += record(0x0204, body)
        else:
            out += record(0x0203, struct.pack("<HHHd", row, column, 15, float(value)))  # type: ignore[arg-type]
    return out


def biff_workbook(sheet_records: bytes, *, dimensions: tuple[int, int] = (1, 1)) -> bytes:
    """A BIFF8 workbook stream of one sheet named Sheet1."""
    name = "Sheet1".encode("utf-16-le")
    globals_without_sheet = _bof(0x0005) + record(0x0042, struct.pack("<H", 1200))
    sheet_entry_size = 4 + 6 + 2 + len(name)
    eof = record(0x000A, b"")
    sheet_start = len(globals_without_sheet) + sheet_entry_size + len(eof)
    entry = record(0x0085, struct.pack("<IBBBB", sheet_start, 0, 0, 6, 1) + name)
    rows_after, columns_after = dimensions
    dims = record(0x0200, struct.pack("<IIHHH", 0, rows_after, 0, columns_after, 0))
    return globals_without_sheet + entry + eof + _bof(0x0010) + dims + sheet_records + eof


def compound(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding ``streams``.

    Streams shorter than 4,096 bytes go into the mini stream, as every writer does.
    """
    sector = 512
    mini_data = b""
    mini_fat: list[int] = []
    big: list[tuple[str, bytes]] = []
    entries: list[tuple[str, int, int, int]] = []  # name, type, start, size
    for name, data in streams.items():
        if len(data) < 4096:
            start = len(mini_data) // 64
            count = max((len(data) + 63) // 64, 1)
            mini_fat += [start + n + 1 for n in range(count - 1)] + [0xFFFFFFFE]
            mini_data += data.ljust(count * 64, b"\0")
            entries.append((name, 2, start, len(data)))
        else:
            big.append((name, data))
            entries.append((name, 2, -1, len(data)))
    sectors: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes) -> int:
        if not data:
            return 0xFFFFFFFE
        first = len(sectors)
        count = (len(data) + sector - 1) // sector
        for n in range(count):
            sectors.append(data[n * sector : (n + 1) * sector].ljust(sector, b"\0"))
            fat.append(first + n + 1 if n < count - 1 else 0xFFFFFFFE)
        return first

    big_starts = {name: place(data) for name, data in big}
    mini_start = place(mini_data)
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat) if mini_fat else b""
    mini_fat_start = place(mini_fat_bytes)
    directory = _entry("Root Entry", 5, mini_start, len(mini_data), child=1 if entries else -1)
    for number, (name, kind, start, size) in enumerate(entries, start=1):
        start = big_starts[name] if start == -1 else start
        directory += _entry(
            name, kind, start, size, right=number + 1 if number < len(entries) else -1
        )
    directory_start = place(directory.ljust(((len(directory) + 511) // 512) * 512, b"\0"))
    fat_sector_count = (len(fat) + 1 + 127) // 128
    fat_first = len(sectors)
    fat += [0xFFFFFFFD] * fat_sector_count
    table = struct.pack(f"<{len(fat)}I", *fat).ljust(fat_sector_count * sector, b"\xff")
    for n in range(fat_sector_count):
        sectors.append(table[n * sector : (n + 1) * sector])
    difat = [fat_first + n for n in range(fat_sector_count)] + [0xFFFFFFFF] * (
        109 - fat_sector_count
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
        + struct.pack("<HHHHHH", 0x3E, 3, 0xFFFE, 9, 6, 0) + b"\0" * 4
        + struct.pack("<IIIIIIIII", 0, fat_sector_count, directory_start, 0, 4096,
                      mini_fat_start, (len(mini_fat_bytes) + 511) // 512, 0xFFFFFFFE, 0)
        + struct.pack("<109I", *difat)
    )  # fmt: skip
    return header + b"".join(sectors)


def _entry(
    name: str, kind: int, start: int, size: int, *, child: int = -1, right: int = -1
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<iii", -1, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        + struct.pack("<IQ", start, size)
    )[:128].ljust(128, b"\0")  # fmt: skip


def xls_file(path: Path, workbook_stream: bytes) -> Path:
    path.write_bytes(compound({"Workbook": workbook_stream}))
    return path


# other containers -------------------------------------------------------------------------------


def ods_parts(rows_repeated: int, columns_repeated: int) -> dict[str, bytes]:
    """An OpenDocument spreadsheet with one row repeated, of one cell repeated."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f'<table:table-row table:number-rows-repeated="{rows_repeated}">'
        f'<table:table-cell table:number-columns-repeated="{columns_repeated}" '
        'office:value-type="string"><text:p>x</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": content.encode(),
        "META-INF/manifest.xml": manifest.encode(),
    }


def xlsb_parts(relationship_id: str = "rId1") -> dict[str, bytes]:
    """The skeleton of an xlsb whose sheet points at ``relationship_id`` (which need not
    exist)."""
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/content-types"><Default Extension="bin" ContentType="application/'
            b'vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>'
        ),
        "_rels/.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            b'Target="xl/workbook.bin"/></Relationships>'
        ),
        # BrtBeginBundleShs, BrtBundleSh naming a relationship id, BrtEndBundleShs.
        "xl/workbook.bin": b"\x8f\x01\x00"
        + b"\x9c\x01"
        + bytes([12 + 2 * len(relationship_id)])
        + b"\0" * 8
        + struct.pack("<I", len(relationship_id))
        + relationship_id.encode("utf-16-le")
        + b"\x90\x01\x00",
        "xl/_rels/workbook.bin.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"/>'
        ),
    }

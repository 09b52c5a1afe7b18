"""What a file is, from its first bytes and (for containers) the names of its parts.

A seller who uploads a screenshot, a PDF of the order list or an empty file needs to be told
exactly that, before any template asks for columns the file cannot have. Every answer here
is an :class:`~orderkit.UnreadableFile` subclass that names what the file is and says what
to upload instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

from orderkit.model.errors import EmptyFile, NotASpreadsheet, UnreadableFile

__all__ = [
    "check_head",
    "check_ole_streams",
    "check_zip_parts",
    "empty_file",
    "no_cells",
]

# (leading bytes, what it is in English, in Korean)
_MAGIC: Final = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "PNG 이미지"),
    (b"\xff\xd8\xff", "a JPEG image", "JPEG 이미지"),
    (b"GIF87a", "a GIF image", "GIF 이미지"),
    (b"GIF89a", "a GIF image", "GIF 이미지"),
    (b"II*\x00", "a TIFF image", "TIFF 이미지"),
    (b"MM\x00*", "a TIFF image", "TIFF 이미지"),
    (b"%PDF-", "a PDF document", "PDF 문서"),
    (b"{\\rtf", "an RTF document", "RTF 문서"),
    (b"\x7fELF", "a program (ELF executable)", "실행 파일(ELF)"),
    (b"\xcf\xfa\xed\xfe", "a program (Mach-O executable)", "실행 파일(Mach-O)"),
    (b"\xca\xfe\xba\xbe", "a program (Mach-O executable)", "실행 파일(Mach-O)"),
    (b"\x1f\x8b", "a gzip archive", "gzip 압축 파일"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "7-Zip 압축 파일"),
    (b"Rar!\x1a\x07", "a RAR archive", "RAR 압축 파일"),
    (b"BZh", "a bzip2 archive", "bzip2 압축 파일"),
    (b"\xfd7zXZ\x00", "an xz archive", "xz 압축 파일"),
    (b"\x00\x00\x01\x00", "an icon image", "아이콘 이미지"),
    (b"OggS", "an audio or video file", "오디오/동영상 파일"),
    (b"ID3", "an MP3 audio file", "MP3 오디오 파일"),
    (b"SQLite format 3\x00", "an SQLite database", "SQLite 데이터베이스"),
)
# Text files may hold a few control characters (a stray form feed); binary files hold many.
_TEXT_CONTROLS: Final = frozenset(b"\t\n\r\x0c\x1a\x1b")
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")


def _not_a_sheet(path: Path, what: str, what_ko: str) -> NotASpreadsheet:
    return NotASpreadsheet(
        f"{path.name} is {what}, not an order sheet; upload the order sheet itself, saved "
        "from Excel as .xlsx or CSV",
        ko=f"{path.name} 파일은 주문서가 아니라 {what_ko}입니다. 엑셀에서 주문서를 .xlsx 또는 "
        "CSV로 저장해 그 파일을 올리세요.",
    )


def _other_spreadsheet(path: Path, what: str, what_ko: str) -> UnreadableFile:
    return UnreadableFile(
        f"{path.name} is {what}, which orderkit does not read; open it in Excel (or "
        "LibreOffice) and save it as .xlsx (Excel Workbook) or CSV",
        ko=f"{path.name} 파일은 {what_ko}이며 orderkit이 읽지 않는 형식입니다. 엑셀(또는 "
        "리브레오피스)에서 열어 .xlsx(Excel 통합 문서) 또는 CSV로 저장해 올리세요.",
    )


def empty_file(path: Path) -> EmptyFile:
    return EmptyFile(
        f"{path.name} is empty (0 bytes); save the order sheet again with its data and "
        "upload that file",
        ko=f"{path.name} 파일이 비어 있습니다(0바이트). 주문서를 데이터와 함께 다시 저장해 "
        "올리세요.",
    )


def no_cells(path: Path, sheet: str | None) -> EmptyFile:
    """``sheet`` is ``None`` for a file of one sheet only (CSV)."""
    if sheet is None:
        return EmptyFile(
            f"{path.name} has no cells; save the order sheet again with its data and upload "
            "that file",
            ko=f"{path.name} 파일에 셀이 하나도 없습니다. 주문서를 데이터와 함께 다시 저장해 "
            "올리세요.",
        )
    return EmptyFile(
        f"{path.name} has no cells: the sheet {sheet!r} is empty; save the order sheet "
        "again with its data, or choose the sheet that holds the orders",
        ko=f"{path.name} 파일의 {sheet!r} 시트에 셀이 하나도 없습니다. 주문서를 데이터와 함께 "
        "다시 저장하거나, 주문이 있는 시트를 고르세요.",
    )


def check_head(path: Path, head: bytes) -> None:
    """Refuse a file whose first bytes say it is no spreadsheet (an image, a PDF, a
    program, an archive other than a workbook, binary data)."""
    if not head:
        raise empty_file(path)
    for magic, what, what_ko in _MAGIC:
        if head.startswith(magic):
            raise _not_a_sheet(path, what, what_ko)
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        raise _not_a_sheet(path, "a Windows program (.exe or .dll)", "윈도우 실행 파일")
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"AVI ", b"WAVE"):
        raise _not_a_sheet(path, "an image, audio or video file", "이미지·오디오·동영상 파일")
    if head[4:8] == b"ftyp":
        raise _not_a_sheet(path, "an image or video file (MP4, HEIC)", "이미지/동영상 파일")
    if head.startswith(_UTF16_BOMS):
        return  # UTF-16 text ("Unicode text" from Excel): NULs are part of the characters
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    # Text may hold a stray control character (pasted into a cell); binary data holds many:
    # about one byte in eight of random bytes is one.
    if b"\x00" in head or controls > max(len(head) // 20, 2):
        raise _not_a_sheet(path, "binary data of an unknown kind", "알 수 없는 바이너리 파일")


def check_zip_parts(path: Path, names: Iterable[str], mimetype: bytes | None) -> None:
    """Refuse a ZIP that is not an xlsx: another spreadsheet format, an office document,
    or any other archive. ``mimetype`` is the OpenDocument ``mimetype`` part, if any."""
    folded = {name.lower() for name in names}
    if "xl/workbook.bin" in folded:
        what = ("an Excel binary workbook (.xlsb)", "엑셀 바이너리 통합 문서(.xlsb)")
        raise _other_spreadsheet(path, *what)
    if mimetype is not None:
        if b"spreadsheet" in mimetype:
            raise _other_spreadsheet(path, "an OpenDocument spreadsheet (.ods)", "ODS 스프레드시트")
        raise _not_a_sheet(path, "an OpenDocument document", "오픈도큐먼트 문서")
    if "word/document.xml" in folded:
        raise _not_a_sheet(path, "a Word document (.docx)", "워드 문서(.docx)")
    if "ppt/presentation.xml" in folded:
        raise _not_a_sheet(path, "a PowerPoint presentation (.pptx)", "파워포인트 문서(.pptx)")
    if "[content_types].xml" not in folded or not any(
        name.endswith("workbook.xml") for name in folded
    ):
        what = ("a ZIP archive, not an Excel workbook", "엑셀 파일이 아닌 ZIP 압축 파일")
        raise _not_a_sheet(path, *what)


def check_ole_streams(path: Path, names: Iterable[str]) -> None:
    """Refuse an OLE compound file that holds no workbook (a .doc, .ppt or .hwp)."""
    folded = {name.lower() for name in names}
    if folded & {"workbook", "book"}:
        return
    if "worddocument" in folded:
        raise _not_a_sheet(path, "a Word document (.doc)", "워드 문서(.doc)")
    if "powerpoint document" in folded:
        raise _not_a_sheet(path, "a PowerPoint presentation (.ppt)", "파워포인트 문서(.ppt)")
    if "fileheader" in folded or "hwpsummaryinformation" in {n.strip("\x05") for n in folded}:
        raise _not_a_sheet(path, "a Hangul (HWP) document", "한글(HWP) 문서")
    raise _not_a_sheet(
        path, "an OLE document that holds no Excel workbook", "엑셀 통합 문서가 없는 OLE 문서"
    )

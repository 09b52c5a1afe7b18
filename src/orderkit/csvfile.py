"""CSV files, streamed: strict encoding detection (BOM → UTF-8 → CP949) and rows of text.

The encoding is decided by decoding the whole file once, in blocks, before any row is
handed out: a CP949 file whose first megabyte happens to be valid UTF-8 must not turn into
mojibake halfway. Memory stays bounded whatever the file's size.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from orderkit.errors import UnreadableFile
from orderkit.special import check_regular_file

__all__ = ["csv_encoding", "iter_csv_rows"]

_BLOCK: Final = 1 << 20
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def csv_encoding(path: Path) -> tuple[str, int]:
    """``(encoding, bom length)``: the BOM's, else UTF-8, else CP949.

    Raises:
        UnreadableFile: the bytes fit none of them; the message names the line.
        NotARegularFile: ``path`` is a pipe, a device or a folder.
    """
    check_regular_file(path)
    with path.open("rb") as handle:
        head = handle.read(4)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            failed = _first_error(path, encoding, len(bom))
            if failed is not None:
                raise _undecodable(path, failed, encoding.upper())
            return encoding, len(bom)
    utf8 = _first_error(path, "utf-8", 0)
    if utf8 is None:
        return "utf-8", 0
    cp949 = _first_error(path, "cp949", 0)
    if cp949 is None:
        return "cp949", 0
    # The encoding that read further is the one the file was meant to be in.
    raise _undecodable(path, max(utf8, cp949), "UTF-8 or CP949")


def _first_error(path: Path, encoding: str, skip: int) -> int | None:
    """The byte offset of the first byte that does not decode, or ``None``."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = skip
    with path.open("rb") as handle:
        handle.seek(skip)
        while True:
            block = handle.read(_BLOCK)
            pending = len(getattr(decoder, "buffer", b""))
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                return max(skip, offset - pending + exc.start)
            if not block:
                return None
            offset += len(block)


def _line_of(path: Path, position: int) -> int:
    line, offset = 1, 0
    with path.open("rb") as handle:
        while offset < position:
            block = handle.read(min(_BLOCK, position - offset))
            if not block:
                break
            line += block.count(b"\n")
            offset += len(block)
    return line


def _undecodable(path: Path, position: int, tried: str) -> UnreadableFile:
    line = _line_of(path, position)
    return UnreadableFile(
        f"{path.name}, line {line}: the bytes are not {tried} text; save the file as "
        "CSV UTF-8 and upload it again",
        ko=f"{path.name} {line}번째 줄: {tried} 글자로 읽을 수 없습니다. "
        "CSV UTF-8 형식으로 다시 저장해 올리세요.",
    )


def iter_csv_rows(path: Path) -> Iterator[list[str]]:
    """Every row of a CSV file as a list of text, read as it is needed.

    Raises:
        UnreadableFile: undecodable bytes (before any row), or broken CSV quoting.
    """
    encoding, bom = csv_encoding(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        if bom:
            handle.read(1)  # the BOM, one character once decoded
        reader = csv.reader(handle, strict=True)
        try:
            yield from reader
        except csv.Error as exc:
            raise UnreadableFile(
                f"{path.name}, line {reader.line_num}: not a valid CSV file ({exc})",
                ko=f"{path.name} {reader.line_num}번째 줄: CSV 형식이 올바르지 않습니다 ({exc}).",
            ) from None

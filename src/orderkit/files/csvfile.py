"""CSV files, streamed: strict encoding detection (BOM → UTF-8 → CP949 or CP932) and rows.

The encoding is decided by decoding the whole file once, in blocks, before any row is
handed out: a CP949 file whose first megabyte happens to be valid UTF-8 must not turn into
mojibake halfway. Memory stays bounded whatever the file's size. When the bytes are both
valid CP949 (Korean Windows) and valid CP932 (Shift_JIS, Japanese Windows), the text itself
decides (:mod:`orderkit.files.legacy_encoding`), and a file it cannot decide is refused with both
readings of the first cell they disagree on.

Tab-separated exports (Amazon's order reports) are read too: see :func:`csv_delimiter`.
"""

from __future__ import annotations

import codecs
import csv
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from orderkit.files.legacy_encoding import legacy_reading
from orderkit.files.safety import DEFAULT_LIMITS, Limits
from orderkit.files.special import check_regular_file
from orderkit.model.error_texts import error
from orderkit.model.errors import FileTooLarge, UnreadableFile

__all__ = [
    "csv_delimiter",
    "csv_encoding",
    "iter_csv_rows",
    "too_long",
    "too_many_cells",
    "too_wide",
]

_BLOCK: Final = 1 << 20
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def csv_encoding(path: Path) -> tuple[str, int]:
    """``(encoding, bom length)``: the BOM's, else UTF-8, else CP949 or CP932.

    When the bytes are valid in only one of CP949 and CP932, that one; when valid in both,
    the one whose text is plainly Korean (CP949) or Japanese (CP932).

    Raises:
        UnreadableFile: the bytes fit none of them (the message names the line), or fit
            both CP949 and CP932 and the text does not tell which (the message shows the
            first cell the two readings disagree on).
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
    cp932 = _first_error(path, "cp932", 0)
    if cp949 is None and cp932 is None:
        chosen = legacy_reading(_blocks(path, "cp949"), _blocks(path, "cp932"))
        if chosen is None:
            raise _ambiguous(path)
        return chosen, 0
    if cp949 is None:
        return "cp949", 0
    if cp932 is None:
        return "cp932", 0
    # The encoding that read further is the one the file was meant to be in.
    raise _undecodable(path, max(utf8, cp949, cp932), None)


def _blocks(path: Path, encoding: str) -> Iterator[str]:
    """The file's text, a block at a time (the bytes are known to decode)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            yield decoder.decode(block)
        yield decoder.decode(b"", final=True)


def _ambiguous(path: Path) -> UnreadableFile:
    """Both readings side by side at the first cell where they differ."""
    delimiter = csv_delimiter(path, "cp949", 0)
    with (
        path.open("r", encoding="cp949", newline="") as korean,
        path.open("r", encoding="cp932", newline="") as japanese,
    ):
        pairs = zip(
            csv.reader(korean, delimiter=delimiter),
            csv.reader(japanese, delimiter=delimiter),
            strict=False,
        )
        for row, (ko_cells, ja_cells) in enumerate(pairs, start=1):
            for column, (ko, ja) in enumerate(itertools.zip_longest(ko_cells, ja_cells), 1):
                if ko != ja:
                    return error(
                        UnreadableFile, "csv_korean_or_japanese", file=path.name, row=row,
                        column=column, korean=(ko or "")[:40], japanese=(ja or "")[:40],
                    )  # fmt: skip
    return error(  # pragma: no cover - two differing readings differ in some cell
        UnreadableFile, "csv_korean_or_japanese", file=path.name, row=1, column=1,
        korean="", japanese="",
    )  # fmt: skip


_TAB_SUFFIXES: Final = frozenset({".tsv", ".tab", ".txt"})


def csv_delimiter(path: Path, encoding: str, bom: int) -> str:
    """``"\\t"`` for tab-separated text, else ``","``.

    Tab-separated means: the header line has tabs and no commas, or the file is named
    ``.tsv``/``.txt`` and its header line has tabs (Amazon's order reports are ``.txt``
    files whose product names may hold commas).
    """
    with path.open("r", encoding=encoding, newline="") as handle:
        if bom:
            handle.read(1)
        first = handle.readline(1 << 16)
    if "\t" not in first:
        return ","
    if "," not in first or path.suffix.lower() in _TAB_SUFFIXES:
        return "\t"
    return ","


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


def _undecodable(path: Path, position: int, tried: str | None) -> UnreadableFile:
    """``tried``: the one encoding a BOM named; ``None``: every encoding without one."""
    line = _line_of(path, position)
    if tried is None:
        return error(UnreadableFile, "csv_no_encoding", file=path.name, line=line)
    return error(UnreadableFile, "csv_not_bom_encoding", file=path.name, line=line, bom=tried)


def iter_csv_rows(
    path: Path, limits: Limits | None = None, *, known: tuple[str, int] | None = None
) -> Iterator[list[str]]:
    """Every row of a CSV file (or tab-separated text) as a list of text, read as needed.

    ``limits`` bounds columns, cells (rows × the widest row) and cell length as for a
    workbook (:class:`Limits`): a CSV file is no way around them. ``known`` is
    :func:`csv_encoding`'s answer when the caller already has it.

    Raises:
        UnreadableFile: undecodable bytes (before any row), or broken CSV quoting.
        FileTooLarge: a row, a cell or the whole beyond ``limits``; names the row.
    """
    limits = limits or DEFAULT_LIMITS
    encoding, bom = known or csv_encoding(path)
    delimiter = csv_delimiter(path, encoding, bom)
    widest = count = 0
    with path.open("r", encoding=encoding, newline="") as handle:
        if bom:
            handle.read(1)  # the BOM, one character once decoded
        reader = csv.reader(handle, strict=True, delimiter=delimiter)
        try:
            for count, row in enumerate(reader, start=1):
                if len(row) > widest:
                    widest = len(row)
                    if widest > limits.columns:
                        raise too_wide(path, count, widest, limits)
                if row and max(map(len, row)) > limits.cell_length:
                    raise too_long(path, count, row, limits)
                if count * widest > limits.cells:
                    raise too_many_cells(path, count, widest, limits)
                yield row
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                # The csv module's own cap (128 KiB) is past ours: say it in our words.
                raise too_long(path, count + 1, None, limits) from None
            raise UnreadableFile(
                f"{path.name}, line {reader.line_num}: not a valid CSV file ({exc})",
                ko=f"{path.name} {reader.line_num}번째 줄: CSV 형식이 올바르지 않습니다 ({exc}).",
            ) from None


# Rows are counted as a spreadsheet shows them (a quoted cell may hold line breaks).


def too_wide(path: Path, row: int, columns: int, limits: Limits) -> FileTooLarge:
    return FileTooLarge(
        f"{path.name}: row {row} has {columns:,} columns, more than the {limits.columns:,} "
        "a sheet may have; remove the extra columns or split the file",
        ko=f"{path.name}: {row}행의 열이 {columns:,}개로 허용된 {limits.columns:,}개를 "
        "넘습니다. 남는 열을 지우거나 파일을 나누어 올리세요.",
    )


def too_long(path: Path, row: int, cells: list[str] | None, limits: Limits) -> FileTooLarge:
    limit = limits.cell_length
    if cells is None:
        where_en, where_ko = f"a cell in row {row}", f"{row}행의 한 셀"
    else:
        column = next(c for c, cell in enumerate(cells) if len(cell) > limit) + 1
        length = len(cells[column - 1])
        where_en = f"the cell in row {row}, column {column} ({length:,} characters)"
        where_ko = f"{row}행 {column}열 셀({length:,}자)"
    return FileTooLarge(
        f"{path.name}: {where_en} is longer than the {limit:,} characters a cell may hold; "
        "shorten it",
        ko=f"{path.name}: {where_ko}의 글자 수가 셀 하나에 허용된 {limit:,}자를 넘습니다. "
        "줄여 주세요.",
    )


def too_many_cells(path: Path, row: int, columns: int, limits: Limits) -> FileTooLarge:
    return FileTooLarge(
        f"{path.name}: {row:,} rows × {columns:,} columns, more than the {limits.cells:,} "
        "cells allowed; remove unused columns or split the file",
        ko=f"{path.name}: {row:,}행 × {columns:,}열로 허용된 {limits.cells:,}개 셀을 "
        "넘습니다. 쓰지 않는 열을 지우거나 파일을 나누어 올리세요.",
    )

"""A sheet as read from a file: every cell as text, with where numbers were.

The cells are kept as the reader gave them and turned into text on demand: a marketplace
export has 70 columns of which a template reads a dozen, and text for the rest is only
needed when someone asks (a failure file, a suggester, ``sheet.rows``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Any
from unicodedata import is_normalized as _is_nfc

import attrs

from orderkit.files.flat_rows import FlatRows
from orderkit.files.safety import DEFAULT_LIMITS, Limits
from orderkit.model.errors import FileTooLarge
from orderkit.model.text import EXACT_FLOAT_LIMIT, normalize_text

__all__ = ["CellKind", "Sheet", "cell_text", "fast_texts"]


_EXACT = float(EXACT_FLOAT_LIMIT)
_ONLY_TEXT = {str}


class CellKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    """A number cell, written as a person reads it (``12345``, not ``12345.0``)."""
    INEXACT = "inexact"
    """A number cell too large for Excel to hold exactly: its digits may be rounded."""


def cell_text(value: object) -> tuple[str, CellKind]:
    """A cell's value as the text a person sees, and what kind of cell it was."""
    if isinstance(value, str):
        return normalize_text(value), CellKind.TEXT
    if value is None:
        return "", CellKind.TEXT
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), CellKind.TEXT
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" "), CellKind.TEXT
    if isinstance(value, dt.date | dt.time):
        return value.isoformat(), CellKind.TEXT
    return normalize_text(str(value)), CellKind.TEXT


def _number(value: float) -> tuple[str, CellKind]:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value), CellKind.TEXT
    # Excel stores every number as a double: from 2**53 on, digits may already be gone.
    if abs(value) >= EXACT_FLOAT_LIMIT:
        return f"{value:.0f}", CellKind.INEXACT
    if isinstance(value, int) or value.is_integer():
        return str(int(value)), CellKind.NUMBER
    # Excel shows at most 15 significant digits; so do we (0.1 + 0.2 is "0.3").
    return f"{value:.15g}", CellKind.NUMBER


def fast_texts(values: Sequence[Any]) -> tuple[list[Any], list[int]]:
    """Text already in NFC (nearly all of it, Hangul included) only needs trimming; the
    positions of everything else are returned for the caller's slower conversion."""
    if values and set(map(type, values)) == _ONLY_TEXT:
        # A column of nothing but text (nearly every one) is judged whole, in C: NUL is a
        # character NFC never combines, so the texts joined by it are in NFC exactly when
        # each of them is.
        joined = "\x00".join(values)
        if joined.isascii() or _is_nfc("NFC", joined):
            return list(map(str.strip, values)), []
    texts: list[Any] = [
        v.strip() if v.__class__ is str and (v.isascii() or _is_nfc("NFC", v)) else None
        for v in values
    ]
    slow = [p for p, t in enumerate(texts) if t is None] if None in texts else []
    return texts, slow


@attrs.define
class _Text:
    rows: tuple[tuple[str, ...], ...] = ()
    kinds: dict[tuple[int, int], CellKind] = attrs.field(factory=dict)
    done: bool = False


@attrs.frozen(eq=False)
class Sheet:
    """The cells of one worksheet.

    ``rows[i]`` is the row Excel shows as ``i + 1``, so title and blank rows above a header
    keep every row number right. Rows may be ragged; a missing cell is empty text.
    """

    name: str
    cells: Sequence[Sequence[Any]] = attrs.field(repr=False)
    """The rows as the reader gave them: text, numbers, dates (a workbook's as
    :class:`~orderkit.files.flat_rows.FlatRows`, which makes a row when one is asked for)."""
    format: str = "xlsx"
    limits: Limits = attrs.field(default=DEFAULT_LIMITS, kw_only=True, repr=False)
    encoding: str | None = attrs.field(default=None, kw_only=True)
    """The text encoding a CSV file was decoded from; ``None`` for a workbook."""
    merges: tuple[tuple[int, int, int, int], ...] = attrs.field(
        default=(), kw_only=True, repr=False
    )
    """Merged cells, 0-based ``(first row, first column, last row, last column)``."""
    _text: _Text = attrs.field(factory=_Text, init=False, repr=False)

    def _converted(self) -> _Text:
        if self._text.done:
            return self._text
        rows: list[tuple[str, ...]] = []
        kinds: dict[tuple[int, int], CellKind] = {}
        for r in range(len(self.cells)):
            cells, row_kinds = self.row(r)
            rows.append(cells)
            kinds.update(((r, c), kind) for c, kind in row_kinds.items())
        while rows and not rows[-1]:
            rows.pop()
        self._text.rows, self._text.kinds, self._text.done = tuple(rows), kinds, True
        return self._text

    def row(self, index: int) -> tuple[tuple[str, ...], dict[int, CellKind]]:
        """One row's text (trailing empty cells left out) and its non-text cells by column."""
        if not 0 <= index < len(self.cells):
            return (), {}
        texts: list[str] = []
        kinds: dict[int, CellKind] = {}
        for column, value in enumerate(self.cells[index]):
            text, kind = cell_text(value)
            texts.append(text)
            if kind is not CellKind.TEXT:
                kinds[column] = kind
        while texts and not texts[-1]:
            texts.pop()
        return tuple(texts), kinds

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """Every row as text, trailing empty cells and rows left out."""
        return self._converted().rows

    @property
    def kinds(self) -> dict[tuple[int, int], CellKind]:
        """Cells that were not text, by ``(row index, column index)``."""
        return self._converted().kinds

    def cell(self, row: int, column: int) -> str:
        """The text at 0-based ``row`` and ``column``; empty when outside the data."""
        cells = self.rows[row] if row < len(self.rows) else ()
        return cells[column] if column < len(cells) else ""

    def kind(self, row: int, column: int) -> CellKind:
        return self.kinds.get((row, column), CellKind.TEXT)

    def column(self, column: int, start: int) -> tuple[list[str], dict[int, CellKind]]:
        """One column's text from row index ``start`` down, and its non-text cells.

        Positions count from ``start``. This is the mapper's fast path: one column at a
        time, with plain ASCII text (nearly every cell) converted in a single pass.
        """
        if isinstance(self.cells, FlatRows):
            values = self.cells.column(column, start)
        else:
            raw = self.cells[start:]
            try:
                values = [row[column] for row in raw]
            except IndexError:
                values = [row[column] if column < len(row) else "" for row in raw]
        # Text already in NFC (nearly all of it, Hangul included) only needs trimming.
        texts, slow = fast_texts(values)
        kinds: dict[int, CellKind] = {}
        for position in slow:
            value = values[position]
            if value.__class__ is float and value.is_integer() and -_EXACT < value < _EXACT:
                # A whole number cell (quantities, mostly): the common case, kept short.
                texts[position], kinds[position] = str(int(value)), CellKind.NUMBER
                continue
            text, kind = cell_text(value)
            texts[position] = text
            if kind is not CellKind.TEXT:
                kinds[position] = kind
        if texts and max(map(len, texts)) > self.limits.cell_length:
            self._too_long(texts, column, start)
        return texts, kinds

    def __len__(self) -> int:
        return len(self.cells)

    def _too_long(self, texts: Sequence[str], column: int, start: int) -> None:
        limit = self.limits.cell_length
        position = next(p for p, text in enumerate(texts) if len(text) > limit)
        row, length = start + position + 1, len(texts[position])
        raise FileTooLarge(
            f"{self.name}: the cell in row {row}, column {column + 1} holds {length:,} "
            f"characters, more than the {limit:,} a cell may hold; shorten it",
            ko=f"{self.name}: {row}행 {column + 1}열 셀의 글자 수가 {length:,}자로 셀 하나에 "
            f"허용된 {limit:,}자를 넘습니다. 줄여 주세요.",
        )

    def data_rows(self, header_index: int) -> Iterator[tuple[int, tuple[str, ...]]]:
        """``(row index, cells)`` below the header, skipping rows with no text at all."""
        for index in range(header_index + 1, len(self.rows)):
            cells = self.rows[index]
            if any(cells):
                yield index, cells

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sheet):
            return NotImplemented
        return (self.name, self.format, self.rows, self.kinds) == (
            other.name,
            other.format,
            other.rows,
            other.kinds,
        )

    __hash__ = None  # type: ignore[assignment]

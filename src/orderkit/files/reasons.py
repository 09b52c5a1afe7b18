"""The words of a failure file's reason column, in the seller's language.

A problem's message names rows of the file that was uploaded ("같은 그룹의 603행…"). In the
failure file those rows sit elsewhere, so every row number a message names is rewritten to
the failure file's row, with the uploaded row kept for support: "같은 그룹의 5행(원본
603행)…". Which messages name rows, and where, is read from the message catalogue itself,
so a new message with a ``{first_row}`` or ``{rows}`` is rewritten without a change here.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache
from typing import Final

import attrs

from orderkit.files.sheetwriter import EXCEL_COLUMNS
from orderkit.model.messages import CATALOGUE, LOCALES
from orderkit.model.problems import Code

__all__ = [
    "RowRewriter",
    "columns_cut_note",
    "cut_note",
    "origin",
    "reason_cut_note",
    "replaced_note",
]

# Placeholders that hold row numbers of the uploaded file.
_ROW_PLACEHOLDERS: Final = frozenset({"row", "rows", "first_row"})
_ROW_LIST: Final = r"([0-9]+(?:, [0-9]+)*(?: …)?)"

_WORDS: Final[Mapping[str, tuple[str, str]]] = {
    "origin": ("[원본 {row}행] ", "[uploaded row {row}] "),
    "replaced": (
        "※ 엑셀에 저장할 수 없는 글자를 �로 바꿨습니다: 원본을 확인하세요.",
        "※ Characters Excel cannot store were replaced by �: check the original file.",
    ),
    "cut": (
        "※ {column} 셀이 {length:,}자로 엑셀 한 셀에 들어가는 {limit:,}자를 넘어 뒤의 {cut:,}자를 "
        "잘랐습니다: 원본 파일을 확인하세요.",
        "※ The cell in column {column} held {length:,} characters, more than the {limit:,} "
        "an Excel cell holds, so its last {cut:,} were cut: check the original file.",
    ),
    "title_cut": ("{row}행 ", "row {row}, "),
    "columns_cut": (
        "※ 엑셀 한 시트에 들어가는 {limit:,}열을 넘어 맨 오른쪽 {cut:,}개 열을 담지 못했습니다: "
        "원본 파일을 확인하세요.",
        "※ Excel holds {limit:,} columns in a sheet, so the rightmost {cut:,} columns of this "
        "row were left out: check the original file.",
    ),
    "reason_cut": ("… (사유 {cut:,}자 생략)", "… ({cut:,} more characters of reasons)"),
}


def _say(key: str, locale: str, **values: object) -> str:
    ko, en = _WORDS[key]
    return (ko if locale == "ko" else en).format(**values)


def origin(row: int, locale: str) -> str:
    """The prefix that keeps a row's number in the uploaded file: ``"[원본 603행] "``."""
    return _say("origin", locale, row=row)


def replaced_note(locale: str) -> str:
    return _say("replaced", locale)


def cut_note(
    column: str, length: int, limit: int, locale: str, *, title_row: int | None = None
) -> str:
    """The note for a cell cut to Excel's limit; ``title_row`` for a cell above the data."""
    where = _say("title_cut", locale, row=title_row) if title_row is not None else ""
    cut = length - limit
    return _say("cut", locale, column=where + column, length=length, limit=limit, cut=cut)


def columns_cut_note(cut: int, locale: str) -> str:
    return _say("columns_cut", locale, limit=EXCEL_COLUMNS, cut=cut)


def reason_cut_note(cut: int, locale: str) -> str:
    return _say("reason_cut", locale, cut=cut)


@attrs.frozen
class _Pattern:
    """One catalogue sentence as a regular expression, and where its row numbers are."""

    regex: re.Pattern[str]
    rows: tuple[tuple[int, bool], ...]
    """``(group, whether "행" follows)`` for each row placeholder."""
    locale: str


def _compile(template: str, locale: str) -> _Pattern | None:
    pieces: list[str] = []
    rows: list[tuple[int, bool]] = []
    group = 0
    parsed = list(string.Formatter().parse(template))
    for index, (literal, name, _, _) in enumerate(parsed):
        pieces.append(re.escape(literal))
        if name is None:
            continue
        group += 1
        if name in _ROW_PLACEHOLDERS:
            following = parsed[index + 1][0] if index + 1 < len(parsed) else ""
            rows.append((group, following.startswith("행")))
            pieces.append(_ROW_LIST)
        else:
            pieces.append("(.*?)")
    if not rows:
        return None
    return _Pattern(re.compile("".join(pieces), re.DOTALL), tuple(rows), locale)


@cache
def _patterns() -> Mapping[Code, tuple[_Pattern, ...]]:
    found: dict[Code, list[_Pattern]] = {}
    for message in CATALOGUE.values():
        for locale in LOCALES:
            pattern = _compile(message.template(locale), locale)
            if pattern is not None:
                found.setdefault(message.code, []).append(pattern)
    return {code: tuple(patterns) for code, patterns in found.items()}


class RowRewriter:
    """Rewrites the row numbers in messages, from uploaded rows to failure-file rows.

    ``rows`` maps an uploaded row to its row in the failure file. A message naming a row
    that is not in the failure file is left as it was.
    """

    def __init__(self, rows: Mapping[int, int]) -> None:
        self._rows = rows
        self._done: dict[str, str] = {}

    def __call__(self, code: Code, message: str) -> str:
        done = self._done.get(message)
        if done is None:
            done = self._done[message] = self._rewrite(code, message)
        return done

    def _rewrite(self, code: Code, message: str) -> str:
        for pattern in _patterns().get(code, ()):
            match = pattern.regex.fullmatch(message)
            if match is not None:
                return self._replace(message, match, pattern) or message
        return message

    def _replace(self, message: str, match: re.Match[str], pattern: _Pattern) -> str | None:
        out, position = [], 0
        for group, unit_after in pattern.rows:
            start, end = match.span(group)
            text = match.group(group)
            numbers = [int(n) for n in re.findall(r"[0-9]+", text)]
            if not all(n in self._rows for n in numbers):
                return None
            more = " …" if text.endswith("…") else ""
            new = ", ".join(str(self._rows[n]) for n in numbers) + more
            old = ", ".join(map(str, numbers)) + more
            if new == old:  # the same rows in both files: nothing to tell apart
                words = new + ("행" if pattern.locale == "ko" and unit_after else "")
                end += 1 if pattern.locale == "ko" and unit_after else 0
            elif pattern.locale == "ko":
                if unit_after:
                    end += 1  # the "행" after the number is part of the new words
                    words = f"{new}행(원본 {old}행)"
                else:
                    words = f"{new}(원본 {old})"
            else:
                plural = "s" if len(numbers) > 1 or more else ""
                words = f"{new} (row{plural} {old} in the uploaded file)"
            out += [message[position:start], words]
            position = end
        out.append(message[position:])
        return "".join(out)

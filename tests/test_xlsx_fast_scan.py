"""The fast sheet scan's patterns, rewritten for speed, judge every sheet exactly as the
patterns they replaced: the same fallback to the parser, the same extents, the same count.

The reference below is the earlier judge, kept verbatim as the oracle.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from orderkit.files.xlsxfast import FastSheet
from orderkit.files.xlsxscan import Extent, column_number, number

_OLD_UNUSUAL_TAG = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:(?:c|row|dimension)[\s/>]|(?:c|row|dimension)[>/\t\n\r]"
    rb'|c (?!r=")|row (?!r=")|dimension (?!ref=")|\s)'
)
_OLD_CELL_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
_OLD_CELL_ROWS = re.compile(rb'<c r="[A-Z]{1,3}([1-9]\d{0,6})"')
_OLD_ROWS = re.compile(rb'<row r="[1-9]\d{0,6}"')
_OLD_DIMENSION = re.compile(
    rb'<dimension ref="([A-Z]{1,3})([1-9]\d{0,6})(?::([A-Z]{1,3})([1-9]\d{0,6}))?"'
)
_OLD_SPANS = re.compile(rb'spans="([^"]*)"')


class _OldJudge:
    """``FastSheet._judge`` as it was, over one window."""

    def __init__(self) -> None:
        self.extent = Extent()
        self.cell_extent = Extent()
        self.cells = 0
        self.fallback = False

    def judge(self, text: bytes) -> None:
        if _OLD_UNUSUAL_TAG.search(text):
            self.fallback = True
            return
        dimensions = _OLD_DIMENSION.findall(text)
        numbers = _OLD_CELL_ROWS.findall(text)
        if (
            len(numbers) != text.count(b'<c r="')
            or len(_OLD_ROWS.findall(text)) != text.count(b'<row r="')
            or len(dimensions) != text.count(b'<dimension ref="')
        ):
            self.fallback = True
            return
        extent = self.extent
        self.cells += len(numbers)
        letters = set(_OLD_CELL_LETTERS.findall(text))
        if letters:
            widest = max(map(len, letters))
            column = column_number(max(c for c in letters if len(c) == widest).decode())
            extent.reach(0, column)
            self.cell_extent.reach(0, column)
        if numbers:
            row = max(map(int, set(numbers)))
            extent.reach(row, 0)
            self.cell_extent.reach(row, 0)
        for first_letters, first_row, last_letters, last_row in dimensions:
            extent.reach(int(first_row), column_number(first_letters.decode()))
            if last_letters:
                extent.reach(int(last_row), column_number(last_letters.decode()))
        for spans in set(_OLD_SPANS.findall(text)):
            extent.reach(0, max(number(n) for n in spans.decode("latin-1").split(":")))


def _judged(judge: FastSheet | _OldJudge) -> tuple[object, ...]:
    return (
        judge.fallback,
        judge.cells,
        (judge.extent.rows, judge.extent.columns),
        (judge.cell_extent.rows, judge.cell_extent.columns),
    )


def _same_verdict(text: bytes) -> None:
    new, old = FastSheet(), _OldJudge()
    new._judge(text)
    old.judge(text)
    if old.fallback:
        assert new.fallback
    else:
        assert _judged(new) == _judged(old)


# Pieces of sheet XML, usual and not: spellings of the three tags, prefixes, colons in text,
# whitespace in odd places, references with leading zeros or in lower case.
_PIECES = [
    '<c r="A1">', '<c r="B12" t="s">', '<c r="XFD1048576"/>', '<c r="AA7"><v>1</v></c>',
    '<c r="a1">', '<c r="A01">', '<c r="A0">', '<c r="AAAA1">', '<c r="A12345678">',
    "<c r='A1'>", '<c t="n" r="C3">', "<c>", "<c/>", "<c\tr=\"A1\">", "<c\x0cr=\"A1\">",
    '<c  r="A1">', '<row r="1">', '<row r="7" spans="1:14">', '<row r="0">', "<row>",
    '<row r="01">', '<row r="12345678">', '<row spans="2:99999999">', '<row\nr="3">',
    '<dimension ref="A1:N8023"/>', '<dimension ref="b2"/>', '<dimension ref="A1"/>',
    "<dimension/>", '<dimension  ref="A1"/>', '<x:c r="A1">', "<x:row>", "<ns.a-b_1:dimension/>",
    "<1x:c>", "<x y:c>", "a:c ", "주소:c>", "<t>x:c</t>", "<t>a:row/</t>", "< c", "<\tc",
    "<\x0bx", "<", ">", ":", "</c>", "</row>", "<cols>", '<col min="1"/>', "<is><t>", "</t></is>",
    '<v>3</v>', "<x:cx>", "<_:c/", "<a.b:row\r", "서울 중구", "x", " ",
]  # fmt: skip


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_rewritten_patterns_judge_as_the_old_ones(pieces: list[str]) -> None:
    _same_verdict("".join(pieces).encode())


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_the_rewritten_patterns_judge_any_bytes_as_the_old_ones(data: bytes) -> None:
    _same_verdict(data)


def test_a_prefixed_tag_is_left_to_the_parser_wherever_its_colon_is() -> None:
    for text in (b'<x:c r="A1"/>', b"<a.b-c_9:row>", b"<_:dimension/>", b'x<y:c r="A1">'):
        sheet = FastSheet()
        sheet.feed(b"<worksheet><sheetData>" + text + b"</sheetData></worksheet>")
        sheet.close()
        assert sheet.fallback, text
    for text in (b"<t>a:c b</t>", b"<t>x</t>:c>", b'<c r="A1"><t>1:row/</t></c>'):
        sheet = FastSheet()
        sheet.feed(b"<worksheet><sheetData>" + text + b"</sheetData></worksheet>")
        sheet.close()
        assert not sheet.fallback, text

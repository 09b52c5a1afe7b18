"""What the command line prints: text for people (Korean by default), JSON for machines.

Text goes through :func:`visible` so that an ESC sequence or another control character in a
cell, a file name or a header is shown as ``\\x1b`` instead of reaching the terminal. JSON is
exact (``json.dumps`` escapes control characters itself).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any, Final, TextIO

from orderkit.cli.words import words
from orderkit.model.fields import FIELDS, label
from orderkit.model.problems import Code, Problem

__all__ = [
    "EXIT_MEANINGS",
    "NUMBER_IS_VALUE",
    "SCHEMA_VERSION",
    "CliProblem",
    "OutputFailed",
    "Screen",
    "json_chunks",
    "json_document",
    "order_of",
    "problem_line",
    "problem_record",
    "summary_lines",
    "visible",
]

SCHEMA_VERSION: Final = 1
EXIT_MEANINGS: Final[Mapping[int, str]] = {
    0: "ok",
    1: "data_problems",
    2: "unusable_input",
    3: "output_cut_off",
    4: "internal_error",
    130: "interrupted",
}
# How many problems of one code are printed before the rest is folded into a count line.
ERRORS_PER_CODE: Final = 20
WARNINGS_PER_CODE: Final = 1

# Problems whose value is the order number itself (the row may belong to no table).
NUMBER_IS_VALUE: Final = frozenset({Code.ALREADY_REGISTERED, Code.DUPLICATE_ORDER})
# A problem's field in JSON is a canonical field name; a problem about a whole order or file
# (group_failed, too_many_orders) has none there, whatever name it carries inside.
_CANONICAL: Final = frozenset({*FIELDS, "option"})
# C0 and C1 controls, DEL, and the Unicode bidirectional overrides that reorder what a
# terminal shows (a file name can look like another with them).
_UNSAFE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_BUT_NEWLINE: Final = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character written out (``\\x1b``, ``\\n``, ``\\u202e``)."""
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    return pattern.sub(_escape, str(text))


def problem_line(problem: Problem, locale: str, order_number: str | None = None) -> str:
    """``6행 · 주문 A-1 · 전화번호 · 오류 too_long: message`` — where, what, what to do."""
    parts = []
    if problem.row is not None:
        parts.append(words("row", locale, row=problem.row))
    if order_number:
        parts.append(words("order", locale, order_number=visible(order_number)))
    if problem.line is not None:
        parts.append(words("line", locale, line=problem.line + 1))
    # A problem about the whole order (group_failed) names no field; its order is already
    # named, so "주문 A-1 · 주문" would only repeat it.
    if problem.column or problem.field in _CANONICAL or not order_number:
        parts.append(visible(problem.column or label(problem.field, locale)))
    kind = words("error" if problem.is_error else "warning", locale)
    return f"  {' · '.join(parts)} · {kind} {problem.code}: {visible(problem.message)}"


def _ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Errors before warnings, each by row (the sort is stable)."""
    return sorted(problems, key=lambda p: (not p.is_error, p.row or 0))


def summary_lines(
    problems: Sequence[Problem],
    locale: str,
    *,
    verbose: bool = False,
    order_numbers: Mapping[int, str] | None = None,
) -> list[str]:
    """Counts per severity and code, then the problems: errors first, repeats folded.

    Without ``verbose``, each code's first 20 errors and first warning are printed and the
    rest become one line with a count; ``group_failed`` (rows that were fine but failed with
    their group) is always one count line.
    """
    if not problems:
        return []
    numbers = order_numbers or {}
    lines = []
    for is_error, kind_key in ((True, "error"), (False, "warning")):
        counts = Counter(str(p.code) for p in problems if p.is_error == is_error)
        if counts:
            codes = ", ".join(f"{code} {count:,}" for code, count in counts.most_common())
            kind = words(kind_key, locale)
            lines.append(words("by_code", locale, kind=kind, count=counts.total(), codes=codes))
    shown: Counter[tuple[bool, str]] = Counter()
    folded: Counter[tuple[bool, str]] = Counter()
    order: list[tuple[bool, str]] = []
    for problem in _ordered(problems):
        key = (problem.is_error, str(problem.code))
        if key not in shown and key not in folded:
            order.append(key)
        limit = ERRORS_PER_CODE if problem.is_error else WARNINGS_PER_CODE
        if problem.code == Code.GROUP_FAILED:
            limit = 0
        if verbose or shown[key] < limit:
            shown[key] += 1
            lines.append(problem_line(problem, locale, order_of(problem, numbers)))
        else:
            folded[key] += 1
    for key in order:
        if folded[key]:
            is_error, code = key
            if code == Code.GROUP_FAILED:
                lines.append(words("group_folded", locale, count=folded[key]))
            else:
                kind = words("error" if is_error else "warning", locale)
                lines.append(words("folded", locale, code=code, kind=kind, count=folded[key]))
    return lines


def order_of(problem: Problem, numbers: Mapping[int, str]) -> str | None:
    """The order a problem belongs to: by its row, or, for a problem about an order number
    (already registered, duplicated), that number itself."""
    number = numbers.get(problem.row) if problem.row is not None else None
    if number is None and problem.code in NUMBER_IS_VALUE:
        number = problem.value
    return number


def problem_record(
    problem: Problem, order_number: str | None = None, **extra: Any
) -> dict[str, Any]:
    """One problem as JSON: where (row, column, field, line), what (code, severity) and why."""
    return {
        "row": problem.row,
        "line": None if problem.line is None else problem.line + 1,
        "column": problem.column,
        "field": problem.field if problem.field in _CANONICAL else None,
        "order_number": order_number,
        "code": str(problem.code),
        "severity": str(problem.severity),
        "message": problem.message,
        "value": problem.value,
        **extra,
    }


_C1: Final = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_document(command: str, exit_code: int, **body: Any) -> str:
    """The one JSON object a command prints (see the schema in the documentation)."""
    return "".join(json_chunks(command, exit_code, **body))


def json_chunks(command: str, exit_code: int, **body: Any) -> Iterator[str]:
    """The text of :func:`json_document` in pieces, as ``json.dumps(document,
    ensure_ascii=False, indent=2)`` writes it. A body value that is an iterator is written
    as a JSON array one item at a time, so 400,000 problems never sit in memory as one
    string (or as one list of dicts) before the first is printed."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "ok": exit_code == 0,
        "exit_code": exit_code,
        "exit_meaning": EXIT_MEANINGS[exit_code],
        **body,
    }
    separator = "{\n  "
    for key, value in document.items():
        yield separator + _json(key, 1) + ": "
        separator = ",\n  "
        if isinstance(value, Iterator):
            yield from _json_array(value)
        else:
            yield _json(value, 1)
    yield "\n}"


def _json_array(items: Iterator[Any]) -> Iterator[str]:
    """A JSON array, one item per piece, at the indentation of a top-level value."""
    separator = "[\n    "
    for item in items:
        yield separator + _json(item, 2)
        separator = ",\n    "
    yield "[]" if separator.startswith("[") else "\n  ]"


@cache
def _indented() -> Callable[[Any], str]:
    import json  # only for --format json: text output never pays for it

    return json.JSONEncoder(ensure_ascii=False, indent=2).encode


# Checked by exact type (cheaper than isinstance per value): anything else, a subclass of
# str included, takes the indenting encoder, which is always right.
_TEXT_TYPE: Final = frozenset({str})
_SCALAR_TYPES: Final = frozenset({str, int, float, bool, type(None)})


@cache
def _flat_record(level: int) -> Callable[[Any], str]:
    """An encoder for a dict of texts, numbers and nulls ``level`` levels deep: json's C
    encoder (the indenting one runs in Python) with the indenting encoder's line breaks
    as its item separator."""
    import json

    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + "  " * level, ": ")).encode


def _json(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it ``level`` levels deep. A JSON text
    holds a line break only between tokens (one in a string is written ``\\n``), so
    indenting every line after the first is exact."""
    if (
        type(value) is dict
        and value
        and _TEXT_TYPE.issuperset(map(type, value))
        and _SCALAR_TYPES.issuperset(map(type, value.values()))
    ):
        # A problem record, several times faster so: "{" + its fields, one per line + "}".
        inner = "  " * (level + 1)
        text = "{\n" + inner + _flat_record(level + 1)(value)[1:-1] + "\n" + "  " * level + "}"
    else:
        text = _indented()(value).replace("\n", "\n" + "  " * level)
    # json.dumps escapes C0 controls but writes C1 controls (U+0080–U+009F, e.g. the CSI
    # a terminal obeys) and DEL as they are: escape them too; the decoded text is the same.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class CliProblem(Exception):
    """A command cannot run; its sentence is ``key`` of the CLI catalogue."""

    def __init__(self, key: str, code: str, *, exit_code: int = 2, **values: object):
        super().__init__(key)
        self.key, self.code, self.exit_code, self.values = key, code, exit_code, values

    def text(self, locale: str) -> str:
        return words(self.key, locale, **self.values)


class Screen:
    """Where a command's output goes: escaped text lines, or one JSON document."""

    def __init__(self, command: str, locale: str, fmt: str, stream: TextIO | None = None):
        self.command = command
        self.locale = locale
        self.json = fmt == "json"
        self.stream = stream if stream is not None else sys.stdout

    def say(self, text: str) -> None:
        """Print a line of text (nothing in JSON mode); control characters made visible."""
        if not self.json:
            self._print(visible(text, keep_newlines=True))

    def words(self, key: str, **values: object) -> str:
        return words(key, self.locale, **values)

    def document(self, exit_code: int, **body: Any) -> int:
        """Print the JSON document (JSON mode only), writing a body value that is an
        iterator as an array item by item (see :func:`json_chunks`); returns
        ``exit_code``."""
        if self.json:
            self._write(json_chunks(self.command, exit_code, **body))
        return exit_code

    def _print(self, text: str) -> None:
        self._write((text,))

    def _write(self, pieces: Iterable[str]) -> None:
        try:
            for piece in pieces:
                self.stream.write(piece)
            self.stream.write("\n")
        except BrokenPipeError:
            raise
        except OSError as error:  # stdout on a full disk: not a file the user named
            raise OutputFailed(error.errno, error.strerror) from None


class OutputFailed(OSError):
    """Writing the command's own output (stdout) failed."""

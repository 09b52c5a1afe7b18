r"""Template ``pattern``s that cannot hang: checked when a template loads, bounded in time
when they run.

A regular expression may backtrack for ages: ``(a+)+$`` on 31 characters takes Python's
``re`` minutes, ``(.*).*x`` takes it half a minute on 4,000. Two defences:

- at load time, the shapes that backtrack without end or blow up when compiled are refused
  with a :class:`TemplateError` that says how to write them instead: a repetition inside a
  repetition (``(a+)+``) or of something that may match nothing (``(a?){30}``),
  alternatives of different lengths inside a repetition (``(a|aa)+``) or that can match
  the same text (``(\d|[0-9])+``, ``(ab|a.)+``), three repetitions in a row that can
  share the text (``a+a+a+b``, ``.*.*.*=``; see :mod:`orderkit.rules.pattern_shapes`),
  backreferences, and repeat counts whose product passes 1,000;
- at run time, patterns run on the ``regex`` engine with a time limit per cell and one
  for all the patterns of a file together (:class:`PatternBudget`), so whatever shape slips
  through stops with an error naming the field and the row: twelve fields of a slow
  pattern cost no more than one.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

from orderkit.model.errors import TemplateError
from orderkit.rules.pattern_shapes import overlapping_alternatives, overlapping_repetitions

if TYPE_CHECKING:
    import regex

__all__ = [
    "CELL_SECONDS",
    "COLUMN_SECONDS",
    "FILE_SECONDS",
    "MAX_PATTERN_CHARS",
    "MAX_REPEAT_PRODUCT",
    "PatternBudget",
    "check_pattern",
    "compile_pattern",
    "pattern_flaws",
    "run_pattern",
]

MAX_PATTERN_CHARS: Final = 1_000
MAX_REPEAT_PRODUCT: Final = 1_000
"""The largest product of nested repeat counts (``(a{10}){100}`` is 1,000)."""
CELL_SECONDS: Final = 0.25
"""The longest one cell may take; an ordinary pattern takes microseconds."""
FILE_SECONDS: Final = 5.0
"""The longest all patterns of a file (or of a chunk of a file read in chunks) may take
together, over all fields and rows."""
COLUMN_SECONDS: Final = FILE_SECONDS
"""The longest one column may take: no longer than the whole file may (kept for callers
that name it)."""

# The standard library's own parser of regular expressions: it reads a pattern into a tree
# without compiling it, so the tree can be judged before any engine sees the pattern.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
_REPEATS: Final = frozenset(
    op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op
)


def pattern_flaws(pattern: str) -> list[str]:
    """Why ``pattern`` is refused (English, one reason each); empty when it is accepted.

    Assumes ``pattern`` compiles with :mod:`re`.
    """
    if len(pattern) > MAX_PATTERN_CHARS:
        return [f"it is {len(pattern):,} characters long, more than {MAX_PATTERN_CHARS:,}"]
    reasons: dict[str, None] = {}
    for reason in _walk(_parser.parse(pattern), product=1):
        reasons.setdefault(reason)
    if overlapping_alternatives(pattern):
        reasons.setdefault(
            "alternatives that can match the same text inside a repetition, like "
            "(\\d|[0-9])+: keep one of them, or use one character class"
        )
    if overlapping_repetitions(pattern):
        reasons.setdefault(
            "three repetitions in a row that can match the same characters, like a+a+a+b: "
            "write one repetition, like a+b"
        )
    return list(reasons)


def _walk(items: Any, *, product: int) -> Iterator[str]:
    for op, av in items:
        if op in _REPEATS:
            low, high, sub = av
            many = high > 1
            if many and _has_repeat(sub):
                yield "a repetition inside a repetition, like (a+)+: repeat the inner part once"
            elif many and sub.getwidth()[0] == 0:
                yield (
                    "a repetition of something that may match nothing, like (a?){30}: "
                    "repeat the character itself, like a{0,30}"
                )
            if many and _has_uneven_branch(sub):
                yield (
                    "alternatives of different lengths inside a repetition, like (a|aa)+: "
                    "use a character class like [ab]+ or one repetition"
                )
            count = high if high != _c.MAXREPEAT else max(low, 1)
            if product * count > MAX_REPEAT_PRODUCT:
                yield f"repeat counts that multiply past {MAX_REPEAT_PRODUCT:,}"
                continue
            yield from _walk(sub, product=product * count)
        elif op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            yield "a backreference (\\1 or (?P=name)): match the text itself instead"
        elif op is _c.SUBPATTERN:
            yield from _walk(av[-1], product=product)
        elif op is _c.BRANCH:
            for branch in av[1]:
                yield from _walk(branch, product=product)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            yield from _walk(av[1], product=product)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            yield from _walk(av, product=product)


def _children(items: Any) -> Iterator[tuple[Any, Any]]:
    for op, av in items:
        yield op, av
        if op in _REPEATS:
            yield from _children(av[2])
        elif op is _c.SUBPATTERN:
            yield from _children(av[-1])
        elif op is _c.BRANCH:
            for branch in av[1]:
                yield from _children(branch)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            yield from _children(av[1])


def _has_repeat(items: Any) -> bool:
    return any(op in _REPEATS and av[1] > 1 for op, av in _children(items))


def _has_uneven_branch(items: Any) -> bool:
    # Alternatives that each match exactly one character act as a character class: safe.
    return any(
        op is _c.BRANCH and any(branch.getwidth() != (1, 1) for branch in av[1])
        for op, av in _children(items)
    )


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """``pattern`` on the ``regex`` engine, with Python ``re`` syntax and meaning."""
    import regex  # only templates with a pattern need it (most have none)

    return regex.compile(pattern, flags=regex.VERSION0)


class PatternBudget:
    """The time left for all the patterns of one file: made once per file (or chunk) and
    handed to every field's :func:`run_pattern`, so that many fields cannot multiply it."""

    __slots__ = ("left",)

    def __init__(self, seconds: float = FILE_SECONDS) -> None:
        self.left = seconds


def run_pattern(
    compiled: regex.Pattern[str],
    texts: Sequence[str],
    *,
    field: str,
    rows: Sequence[int],
    budget: PatternBudget | None = None,
) -> Iterator[regex.Match[str] | None]:
    """The match of each non-empty text (whole text first, else anywhere), in time bounds.

    ``budget`` is shared by all the fields of a file; without one, these texts get
    :data:`FILE_SECONDS` of their own.

    Raises:
        TemplateError: one cell took longer than :data:`CELL_SECONDS`, or the file's patterns
            used up the budget; the message names the field and the row.
    """
    budget = budget if budget is not None else PatternBudget()
    for position, text in enumerate(texts):
        if not text:
            yield None
            continue
        left = min(CELL_SECONDS, budget.left)
        started = time.perf_counter()
        try:
            if left <= 0:
                raise TimeoutError
            match = compiled.fullmatch(text, timeout=left)
            if match is None:
                left -= time.perf_counter() - started
                if left <= 0:
                    raise TimeoutError
                match = compiled.search(text, timeout=left)
        except TimeoutError:
            budget.left -= time.perf_counter() - started
            raise _too_slow(field, rows[position] if position < len(rows) else None) from None
        budget.left -= time.perf_counter() - started
        if budget.left <= 0:
            raise _too_slow(field, rows[position] if position < len(rows) else None)
        yield match


def _too_slow(field: str, row: int | None) -> TemplateError:
    at_en = f" at row {row}" if row is not None else ""
    at_ko = f" {row}행에서" if row is not None else ""
    return TemplateError(
        f"the pattern of fields.{field} takes too long{at_en} (a pattern that backtracks "
        "without end); simplify it: no repetition inside a repetition, no .* next to .*",
        ko=f"fields.{field}의 pattern이{at_ko} 너무 오래 걸립니다(끝없이 되짚는 정규식). "
        "반복 안에 반복을 넣지 말고 .* 를 연달아 쓰지 않도록 단순하게 고치세요.",
    )


def check_pattern(where: str, pattern: object, errors: list[str]) -> None:
    """Add to ``errors`` why ``pattern`` (at ``where`` in a template) cannot be used.

    Each reason is a :class:`~orderkit.model.template_texts.Detail`: English text that carries
    its Korean, so a template error reads in one language whichever is asked for.
    """
    from orderkit.model.template_texts import Detail, detail

    if not isinstance(pattern, str):
        errors.append(detail("text", where=where, value=repr(pattern)))
        return
    if len(pattern) > MAX_PATTERN_CHARS:
        errors.append(
            Detail(
                f"{where}: refused because it is longer than {MAX_PATTERN_CHARS:,} characters",
                f"{where}: {MAX_PATTERN_CHARS:,}자보다 길어서 쓸 수 없습니다",
            )
        )
        return
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        errors.append(detail("not_a_regex", where=where, position=(exc.pos or 0) + 1))
        return
    if "value" not in compiled.groupindex:
        errors.append(detail("named_group", where=where))
    for why in pattern_flaws(pattern):
        errors.append(
            Detail(
                f"{where}: refused because it has {why}",
                f"{where}: 끝없이 되짚을 수 있는 정규식이라 쓸 수 없습니다 ({_ko_flaw(why)})",
            )
        )


# The Korean of each reason pattern_flaws gives, keyed by the reason's opening words.
_KO_FLAWS: Final = {
    "a repetition inside a repetition,": (
        "반복 안에 반복이 있습니다. 예: (a+)+ → 안쪽을 한 번만 반복하세요"
    ),
    "alternatives of different lengths inside a repetition,": (
        "반복 안에 길이가 다른 선택지가 있습니다. 예: (a|aa)+ → [ab]+ 같은 문자 집합을 쓰세요"
    ),
    "a backreference (\\1 or (?P=name))": "역참조(\\1, (?P=name))가 있습니다. 글자 자체를 쓰세요",
    "a repetition of something that may match nothing,": (
        "아무것도 없을 수 있는 것을 반복합니다. 예: (a?){30} → a{0,30}처럼 글자 자체를 반복하세요"
    ),
    "alternatives that can match the same text inside a repetition,": (
        "반복 안에 같은 글자를 맞출 수 있는 선택지가 있습니다. 예: (\\d|[0-9])+ → 하나만 "
        "남기거나 문자 집합 하나를 쓰세요"
    ),
    "three repetitions in a row that can match the same characters,": (
        "같은 글자를 맞출 수 있는 반복이 세 번 이상 이어집니다. 예: a+a+a+b → a+b처럼 "
        "반복을 하나로 쓰세요"
    ),
    f"repeat counts that multiply past {MAX_REPEAT_PRODUCT:,}": (
        f"반복 횟수를 곱하면 {MAX_REPEAT_PRODUCT:,}을 넘습니다"
    ),
}


def _ko_flaw(why: str) -> str:
    return _KO_FLAWS.get(why.split(":")[0].split(" like ")[0], "단순하게 고치세요")

"""Shapes of regular expressions that backtrack polynomially or exponentially although no
repetition sits inside another: found on the pattern's parse tree and on its source text.

Two families, each judged only where the judgement is sure (what is not judged here is
still stopped by the run-time budget of :mod:`orderkit.rules.patterns`):

- three or more repetitions in a row that can all match one same character, followed by
  something the text must still hold (``a+a+a+b``, ``.*.*.*=.*``): a failing text makes
  the engine try every way of sharing it out, n³ and worse;
- a repeated group whose alternatives can match the same text (``(\\d|[0-9])+``,
  ``([a-z]|[a-c])+``, ``(ab|a.)+``): every repetition doubles the ways to try. Python's
  parser turns such alternatives into one character set (and takes common prefixes out)
  before anyone sees its tree, while the engine that runs the pattern does not, so these
  are read from the pattern's text.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Iterator
from typing import Any, Final

__all__ = ["overlapping_alternatives", "overlapping_repetitions"]

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
_REPEATS: Final = frozenset(
    op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op
)
_SINGLE: Final = frozenset({_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN})
_CATEGORIES: Final = {
    _c.CATEGORY_DIGIT: re.compile(r"\d"),
    _c.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _c.CATEGORY_SPACE: re.compile(r"\s"),
    _c.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _c.CATEGORY_WORD: re.compile(r"\w"),
    _c.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
# Characters every set is tried on, besides those the pattern names: ASCII and one of each
# kind the categories hold beyond it (digits, letters, spaces of other scripts).
_PROBES: Final = "".join(map(chr, range(128))) + "٣０가éß_\u3000\u00a0ｱ"
_RUN: Final = 3


def overlapping_repetitions(pattern: str) -> bool:
    """Whether ``pattern`` holds :data:`_RUN` or more repetitions in a row (of one
    character each) that can all match one character, with something required after them."""
    tree = _parser.parse(pattern)
    probes = _probes(tree)
    ignore_case = bool(tree.state.flags & re.IGNORECASE)
    return any(_run_in(sequence, probes, ignore_case) for sequence in _sequences(list(tree)))


def _sequences(items: list[Any]) -> Iterator[list[Any]]:
    """Each sequence of the tree, with groups that are not repeated opened in place."""
    yield _flat(items)
    for op, av in items:
        if op in _REPEATS:
            yield from _sequences(list(av[2]))
        elif op is _c.SUBPATTERN:
            yield from _sequences(list(av[-1]))
        elif op is _c.BRANCH:
            for branch in av[1]:
                yield from _sequences(list(branch))
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            yield from _sequences(list(av[1]))


def _flat(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for op, av in items:
        if op is _c.SUBPATTERN:
            flat.extend(_flat(list(av[-1])))
        else:
            flat.append((op, av))
    return flat


def _run_in(sequence: list[Any], probes: str, ignore_case: bool) -> bool:
    # The members of the current run: (low, high, the single-character item repeated).
    run: list[tuple[Any, Any]] = []
    for op, av in [*sequence, (None, None)]:
        repeated = _repeated_single(op, av)
        if repeated is not None:
            run.append(repeated)
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # takes no text: the run goes on
        # Something required ends the run (the pattern's end does not: it is left to the
        # run-time budget).
        if op is not None and len(run) >= _RUN and _shared(run, probes, ignore_case):
            return True
        run = []
    return False


def _repeated_single(op: Any, av: Any) -> tuple[Any, Any] | None:
    """The single-character item a variable repetition repeats (``a+``, ``.*``,
    ``[a-z]{2,9}``); ``None`` for anything else."""
    if op not in _REPEATS:
        return None
    low, high, sub = av
    body = _flat(list(sub))
    if low == high or len(body) != 1 or body[0][0] not in _SINGLE:
        return None
    op, value = body[0]
    return op, value


def _shared(run: list[tuple[Any, Any]], probes: str, ignore_case: bool) -> bool:
    """Whether :data:`_RUN` consecutive members of ``run`` match one same character."""
    for probe in probes:
        streak = 0
        for item in run:
            streak = streak + 1 if _matches(item, probe, ignore_case) else 0
            if streak >= _RUN:
                return True
    return False


def _matches(item: tuple[Any, Any], char: str, ignore_case: bool) -> bool:
    if ignore_case:
        return any(_matches(item, c, False) for c in {char, char.lower(), char.upper()})
    op, av = item
    code = ord(char)
    if op is _c.LITERAL:
        return bool(code == av)
    if op is _c.NOT_LITERAL:
        return bool(code != av)
    if op is _c.ANY:
        return char != "\n"
    negate = False
    found = False
    for kind, value in av:
        if kind is _c.NEGATE:
            negate = True
        elif kind is _c.LITERAL:
            found = found or code == value
        elif kind is _c.RANGE:
            found = found or value[0] <= code <= value[1]
        elif kind is _c.CATEGORY:
            category = _CATEGORIES.get(value)
            # An unknown category (line breaks, locale): assume it may match.
            found = found or category is None or bool(category.fullmatch(char))
        else:
            found = True  # anything else: assume it may match
    return found != negate


def _probes(tree: Any) -> str:
    """:data:`_PROBES` and every character the pattern names (literals, range ends): two
    ranges that overlap share the larger of their first characters, so it is tried."""
    named: set[str] = set()

    def visit(items: Any) -> None:
        for op, av in items:
            if op in (_c.LITERAL, _c.NOT_LITERAL):
                named.add(chr(av))
            elif op is _c.IN:
                for kind, value in av:
                    if kind is _c.LITERAL:
                        named.add(chr(value))
                    elif kind is _c.RANGE:
                        named.update((chr(value[0]), chr(value[1])))
            elif op in _REPEATS:
                visit(av[2])
            elif op is _c.SUBPATTERN:
                visit(av[-1])
            elif op is _c.BRANCH:
                for branch in av[1]:
                    visit(branch)
            elif op in (_c.ASSERT, _c.ASSERT_NOT):
                visit(av[1])

    visit(tree)
    return _PROBES + "".join(sorted(named - set(_PROBES)))


# Alternatives, read from the text ------------------------------------------------------------

_GROUP_START: Final = re.compile(r"\(\?(?:P<\w+>|<\w+>|:|[aiLmsux]*(?:-[imsx]+)?:)|\((?!\?)")
_MANY: Final = re.compile(r"[*+]|\{(\d*),?(\d*)\}")


def overlapping_alternatives(pattern: str) -> bool:
    """Whether a repeated group's alternatives, each a fixed string of single characters
    (``\\d``, ``[0-9]``, ``ab``, ``a.``), include two of one length that can match one same
    text."""
    flags = _parser.parse(pattern).state.flags & (re.IGNORECASE | re.DOTALL | re.ASCII)
    for alternatives, after in _groups(pattern):
        if not _many(after) or len(alternatives) < 2:
            continue
        parsed = [_fixed_string(text, flags) for text in alternatives]
        for i, first in enumerate(parsed):
            for second in parsed[i + 1 :]:
                if first is None or second is None:
                    continue
                if _same_text(first, second, ignore_case=bool(flags & re.IGNORECASE)):
                    return True
    return False


def _many(after: str) -> bool:
    match = _MANY.match(after)
    if match is None:
        return False
    if match.group(0) in "*+":
        return True
    low, high = match.group(1), match.group(2)
    if "," not in match.group(0):
        return bool(low) and int(low) > 1
    return not high or int(high) > 1


def _groups(pattern: str) -> Iterator[tuple[list[str], str]]:
    """Each group's top-level alternatives (as text) and the text after its ``)``."""
    # Open groups: (where the content starts, where each top-level "|" is; None for a group
    # not judged: lookarounds, conditionals, comments).
    stack: list[tuple[int, list[int]] | None] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i)
            continue
        if char == "(":
            start = _GROUP_START.match(pattern, i)
            if start is not None and start.end() > i:
                stack.append((start.end(), []))
                i = start.end()
                continue
            stack.append(None)
        elif char == "|" and stack and stack[-1] is not None:
            stack[-1][1].append(i)
        elif char == ")" and stack:
            group = stack.pop()
            if group is not None:
                begin, bars = group
                edges = [begin - 1, *bars, i]
                yield [pattern[a + 1 : b] for a, b in itertools.pairwise(edges)], pattern[i + 1 :]
        i += 1


def _class_end(pattern: str, i: int) -> int:
    """The index just after the character class that starts at ``pattern[i]``."""
    i += 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return i


def _fixed_string(text: str, flags: int) -> list[tuple[Any, Any]] | None:
    """``text`` as a list of single-character items; ``None`` if it is anything else."""
    try:
        items = list(_parser.parse(text, flags))
    except (re.error, RecursionError, OverflowError):
        return None
    if not items or any(op not in _SINGLE for op, _ in items):
        return None
    return items


def _same_text(
    first: list[tuple[Any, Any]], second: list[tuple[Any, Any]], *, ignore_case: bool
) -> bool:
    if len(first) != len(second):
        return False
    probes = _probes(first) + _probes(second)
    return all(
        any(_matches(a, p, ignore_case) and _matches(b, p, ignore_case) for p in probes)
        for a, b in zip(first, second, strict=True)
    )

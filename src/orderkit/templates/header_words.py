"""How well a header names a canonical field: whole words, not substrings.

A header is read as words (NFKC, case folded, ``camelCase`` and ``snake-case`` split;
Hangul, kana and kanji runs kept whole). A synonym scores when it is the whole header (1.0)
or appears in it with only neutral words around it (0.9: ``Shipping Zip``,
``送付先郵便番号1``). Any other word around it means something else (``Refunded Amount``
is no order amount, ``order-item-id`` no order number) and keeps it below the threshold.
A near-spelling of a synonym with the same number of words counts a little less (a typo).

Matching is bounded: a header longer than :data:`MAX_HEADER_CHARS` after normalising is
not a header and scores 0, so the work per cell is fixed whatever the file holds.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Final

import attrs

from orderkit.templates.context_words import (
    BUYER_WORDS,
    NEUTRAL,
    PER_LINE_WORDS,
    RECIPIENT_FIELDS,
    RULED_OUT,
    SHIP_WORDS,
)
from orderkit.templates.synonyms import SYNONYMS

__all__ = ["MAX_HEADER_CHARS", "THRESHOLD", "Words", "contains", "score", "side", "words"]

THRESHOLD: Final = 0.75
MAX_HEADER_CHARS: Final = 80
_EXACT: Final = 1.0
_AROUND: Final = 0.9
_OTHER: Final = 0.6
_FUZZY: Final = 0.9

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Words are runs of Latin letters, of digits, or of other letters (Hangul, kana, kanji);
# 〒, the Japanese postal mark, is a word of its own.
_TOKEN = re.compile(r"[a-z]+|[0-9]+|〒|[^\W\d_a-z]+")
# Per-line words rule out the order-level fields a per-line value is mistaken for.
_LINE_RULED: Final = frozenset({"order_number", "order_amount", "paid_amount", "total_amount"})


@attrs.frozen
class Words:
    """A header or a phrase as words, and as one string without spaces."""

    tokens: tuple[str, ...]
    joined: str

    @property
    def latin(self) -> bool:
        return all(t.isascii() for t in self.tokens)


@lru_cache(maxsize=8192)
def words(text: str) -> Words:
    """``text`` as words; empty when it is longer than any header could be."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) > MAX_HEADER_CHARS:
        return Words((), "")
    folded = _CAMEL.sub(" ", folded).casefold()
    tokens = tuple(
        str(int(t)) if t.isdigit() and t.isascii() else t for t in _TOKEN.findall(folded)
    )
    return Words(tokens, "".join(tokens))


def _find(phrase: Words, header: Words) -> tuple[str, ...] | None:
    """What the header holds besides ``phrase``, or ``None`` when it does not hold it.

    Latin phrases match whole words; a phrase in Hangul, kana or kanji may sit inside a
    longer run (``수취인연락처`` holds ``연락처``), the rest of that run being left over.
    """
    if not phrase.tokens:
        return None
    if phrase.latin:
        n = len(phrase.tokens)
        for start in range(len(header.tokens) - n + 1):
            if header.tokens[start : start + n] == phrase.tokens:
                return header.tokens[:start] + header.tokens[start + n :]
        return None
    at = header.joined.find(phrase.joined)
    if at < 0:
        return None
    rest = header.joined[:at] + " " + header.joined[at + len(phrase.joined) :]
    return tuple(piece for piece in rest.split(" ") if piece)


@lru_cache(maxsize=65536)
def contains(header: Words, vocabulary: tuple[str, ...]) -> bool:
    """Whether the header holds any of the words (whole words for Latin ones)."""
    return any(_find(words(word), header) is not None for word in vocabulary)


@lru_cache(maxsize=16384)
def side(header: Words) -> str:
    """``buyer``, ``ship`` or ``bare``: whose column this is, by its words."""
    if contains(header, BUYER_WORDS):
        return "buyer"
    if contains(header, SHIP_WORDS):
        return "ship"
    return "bare"


@lru_cache(maxsize=64)
def _neutral(field: str) -> tuple[str, ...]:
    own = [words(s).joined for s in SYNONYMS[field] if not s.startswith("=")]
    extra = [words(w).joined for w in (*NEUTRAL["*"], *NEUTRAL.get(field, ()))]
    return tuple(sorted({*own, *extra}, key=len, reverse=True))


def _is_neutral(rest: tuple[str, ...], field: str) -> bool:
    """Whether every leftover piece is made of neutral words, digits or particles."""
    vocabulary = _neutral(field)
    for piece in rest:
        remaining = piece
        for word in vocabulary:
            remaining = remaining.replace(word, "")
        if remaining and not remaining.isdigit():
            return False
    return True


def _ruled_out(header: Words, field: str) -> bool:
    for fields, vocabulary in RULED_OUT.items():
        if field in fields and contains(header, vocabulary):
            return True
    return field in _LINE_RULED and contains(header, PER_LINE_WORDS)


def _fuzzy(header: Words, phrase: Words) -> float:
    """A near spelling with the same number of words, like ``reciever name``.

    A longer word that holds the synonym (``clink`` holds ``link``) is a compound, not a
    typo, and short words are too easily one letter from another to count.
    """
    if len(header.tokens) != len(phrase.tokens) or min(len(header.joined), 6) < 6:
        return 0.0
    if phrase.joined in header.joined or header.joined in phrase.joined:
        return 0.0
    if abs(len(header.joined) - len(phrase.joined)) > 2:
        return 0.0
    matcher = SequenceMatcher(None, header.joined, phrase.joined)
    if matcher.real_quick_ratio() < 0.84 or matcher.quick_ratio() < 0.84:
        return 0.0
    ratio = matcher.ratio()
    return ratio * _FUZZY if ratio >= 0.84 else 0.0


@lru_cache(maxsize=65536)
def score(header: str, field: str) -> float:
    """How well ``header`` names ``field``, from 0 to 1 (below :data:`THRESHOLD`: not)."""
    head = words(header)
    if not head.tokens or _ruled_out(head, field):
        return 0.0
    best = 0.0
    for rank, synonym in enumerate(SYNONYMS[field]):
        exact_only = synonym.startswith("=")
        phrase = words(synonym.lstrip("="))
        if head.tokens == phrase.tokens or head.joined == phrase.joined:
            value = 0.85 if exact_only else _EXACT
        elif exact_only:
            continue
        else:
            rest = _find(phrase, head)
            if rest is None:
                value = _fuzzy(head, phrase)
            else:
                value = _AROUND if _is_neutral(rest, field) else _OTHER
        best = max(best, value - rank * 0.001)
    return max(0.0, min(1.0, best))


def recipient_side(header: str, field: str) -> str:
    """The side of a header for a recipient field; every header is ``bare`` for others."""
    return side(words(header)) if field in RECIPIENT_FIELDS else "bare"

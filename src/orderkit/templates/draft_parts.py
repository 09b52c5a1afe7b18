"""Fields a layout splits over several columns, joined back in a draft.

Japanese exports split the recipient's name (姓 + 名), the postal code (two parts), the
phone (three parts) and the address (prefecture, city, the rest). Each part is recognised
by its words once the side words (送付先, Ship…) are taken off, and parts join only when
they are on the same side: a buyer's part never completes a recipient's field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs

from orderkit.templates.context_words import KANA_WORDS, SHIP_WORDS
from orderkit.templates.header_words import THRESHOLD, Words, contains, score, side, words
from orderkit.templates.synonyms import CITY_WORDS, FAMILY_NAME, GIVEN_NAME, REGION_WORDS

__all__ = ["Join", "address_parts", "name_parts", "numbered_parts"]

_JOIN_SCORE: Final = 0.9
_STEM_WORDS: Final = tuple(
    sorted({words(w).joined for w in (*SHIP_WORDS, "住所", "address")}, key=len, reverse=True)
)


def _side_only(stem: str) -> bool:
    """Whether a part's stem says nothing but whose it is (送付先, Ship, or nothing)."""
    rest = stem.replace(" ", "")
    for word in _STEM_WORDS:
        rest = rest.replace(word, "")
    return not rest


@attrs.frozen
class Join:
    """Columns (0-based, in join order) that together make one field."""

    field: str
    columns: tuple[int, ...]
    join: str
    confidence: float = _JOIN_SCORE


def _ending(header: Words, vocabulary: Sequence[str]) -> tuple[str, int] | None:
    """The header without a trailing word of ``vocabulary`` (its stem), and which word."""
    for rank, word in sorted(enumerate(vocabulary), key=lambda p: -len(words(p[1]).joined)):
        phrase = words(word)
        if phrase.latin:
            n = len(phrase.tokens)
            if n and header.tokens[-n:] == phrase.tokens:
                return " ".join(header.tokens[:-n]), rank
        elif phrase.joined and header.joined.endswith(phrase.joined):
            return header.joined[: -len(phrase.joined)], rank
    return None


def name_parts(headers: Sequence[str], usable: set[int]) -> Join | None:
    """Family + given name columns of the recipient, family name first."""
    family: dict[str, int] = {}
    given: dict[str, int] = {}
    for column in sorted(usable):
        head = words(headers[column])
        if not head.tokens or side(head) == "buyer" or contains(head, KANA_WORDS):
            continue
        found = _ending(head, FAMILY_NAME)
        if found is not None and _side_only(found[0]):
            family.setdefault(found[0], column)
            continue
        found = _ending(head, GIVEN_NAME)
        if found is not None and _side_only(found[0]):
            given.setdefault(found[0], column)
    pairs = [(stem, family[stem], given[stem]) for stem in family if stem in given]
    if not pairs:
        return None
    # A pair with a shipping word in its stem wins over a bare one.
    pairs.sort(key=lambda p: (side(words(p[0])) != "ship", p[1]))
    _, last, first = pairs[0]
    return Join("recipient_name", (last, first), " ")


def numbered_parts(
    headers: Sequence[str], usable: set[int], field: str, count: int, join: str
) -> Join | None:
    """``count`` columns named alike and numbered 1…count that each hold a part.

    Two numbered phone columns are alternatives (연락처1/연락처2), not parts; three are
    parts (送付先電話番号1/2/3). A postal code has no alternatives: two parts join.
    """
    stems: dict[str, dict[int, int]] = {}
    for column in sorted(usable):
        head = words(headers[column])
        if len(head.tokens) < 2 or not head.tokens[-1].isdigit():
            continue
        if score(headers[column], field) < THRESHOLD:
            continue
        stems.setdefault(" ".join(head.tokens[:-1]), {})[int(head.tokens[-1])] = column
    for stem in sorted(stems, key=lambda s: side(words(s)) != "ship"):
        numbers = stems[stem]
        if sorted(numbers) == list(range(1, count + 1)):
            return Join(field, tuple(numbers[n] for n in range(1, count + 1)), join)
    return None


def address_parts(headers: Sequence[str], usable: set[int], street: int) -> Join | None:
    """Region and city columns on the street column's side, joined before it."""
    street_side = side(words(headers[street]))
    picked: list[int] = []
    for vocabulary in (REGION_WORDS, CITY_WORDS):
        best: tuple[int, int] | None = None
        for column in sorted(usable - {street}):
            head = words(headers[column])
            if not head.tokens or side(head) != street_side or contains(head, KANA_WORDS):
                continue
            found = _ending(head, vocabulary)
            if found is None or not _side_only(found[0]):
                continue
            if best is None or found[1] < best[0]:
                best = (found[1], column)
        if best is not None:
            picked.append(best[1])
    if not picked:
        return None
    return Join("address", (*picked, street), " ")

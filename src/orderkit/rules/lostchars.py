"""Characters a legacy encoding could not store, left behind as ``?``.

Excel on Korean Windows saves "CSV (쉼표로 분리)" in CP949, which has no room for most kanji,
many Hanja and every emoji: each such character is written as ``?``, silently. A file read
back as CP949 with ``鈴木 一?`` as a recipient has lost a character for good, and only the
seller can say which one it was. ``?`` touching a letter in a name or an address is therefore
a warning; a ``?`` anywhere else (a delivery message asking a question) is just a question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from orderkit.model.problems import Flaw, Severity

__all__ = [
    "LOST_CHARACTER_FIELDS",
    "lossy_encoding",
    "lost_character_message",
    "lost_characters",
    "suspect_text",
]

LOST_CHARACTER_FIELDS: Final = ("recipient_name", "postal_code", "address", "address_detail")
"""Where a ``?`` cannot be meant: people's names and places are never questions (CP949
has no ``〒`` either, so a Japanese postal code may arrive as ``?100-0001``)."""

# The encodings Excel writes on Korean and Japanese Windows, as Python names them (Shift_JIS
# has no room for Hangul: a Korean name typed into a Japanese sheet comes back as "?").
_LOSSY: Final = frozenset({"cp949", "euc-kr", "ms949", "uhc", "cp932", "shift-jis", "ms932"})
# A "?" with a letter or digit on at least one side: inside or at the edge of a word.
_IN_WORD: Final = re.compile(r"(?<=\w)\?|\?(?=\w)")


def lossy_encoding(encoding: str) -> bool:
    """Whether text decoded as ``encoding`` may hold ``?`` for characters it could not store."""
    return encoding.lower().replace("_", "-") in _LOSSY


# Shift_JIS's own message: it lost Hangul, and the file came from a Japanese marketplace.
_JAPANESE: Final = frozenset({"cp932", "shift-jis", "ms932"})


def lost_character_message(encoding: str) -> str:
    """The message id of a lost character in text decoded as ``encoding``."""
    japanese = encoding.lower().replace("_", "-") in _JAPANESE
    return "lost_character_sjis" if japanese else "lost_character"


def suspect_text(text: str) -> bool:
    """Whether ``text`` holds a ``?`` inside or at the edge of a word."""
    return "?" in text and _IN_WORD.search(text) is not None


def lost_characters(
    column: Callable[[str], Sequence[str]], count: int, encoding: str = "cp949"
) -> list[tuple[int, Flaw]]:
    """A warning for each name or address of ``count`` orders with a ``?`` in a word.

    ``column(field)`` gives the field's text per order; ``encoding`` the file's.
    """
    message_id = lost_character_message(encoding)
    flaws: list[tuple[int, Flaw]] = []
    for field in LOST_CHARACTER_FIELDS:
        texts = column(field)
        suspect = {text for text in set(texts) if suspect_text(text)}
        if suspect:
            flaws.extend(
                (i, Flaw(field, message_id, text, severity=Severity.WARNING))
                for i, text in enumerate(texts[:count])
                if text in suspect
            )
    return flaws

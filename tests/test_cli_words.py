"""The command line's sentences: both languages for every one, the same placeholders, and
no Korean in the English (values aside)."""

from __future__ import annotations

import re
import string

import pytest

from orderkit.cli.words import CLI_WORDS, words

HANGUL = re.compile("[\uac00-\ud7a3]")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CLI_WORDS))
def test_each_sentence_has_both_languages_with_the_same_placeholders(key: str) -> None:
    ko, en = CLI_WORDS[key]
    assert placeholders(ko) == placeholders(en)
    values = dict.fromkeys(placeholders(en), "X")
    english = words(key, "en", **values)
    assert not HANGUL.search(english), english
    korean = words(key, "ko", **values)
    # A Korean sentence is Korean unless it is made of values and symbols only.
    if re.search("[A-Za-z]{4,}", en.format(**values).replace("orderkit", "")):
        assert HANGUL.search(korean), korean


def test_words_picks_the_language() -> None:
    assert words("ok", "en") == "OK"
    assert words("ok", "ko") == "통과"

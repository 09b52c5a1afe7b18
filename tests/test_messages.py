"""The message catalogue: both languages, every placeholder filled."""

from __future__ import annotations

import pytest

from orderkit import Code
from orderkit.messages import CATALOGUE, LOCALES, render


def test_every_code_has_a_message() -> None:
    assert {m.code for m in CATALOGUE.values()} == set(Code)


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_placeholders(message_id: str) -> None:
    message = CATALOGUE[message_id]
    assert message.ko.strip()
    assert message.en.strip()
    assert message.placeholders("ko") == message.placeholders("en")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in message.ko), "Korean text is Korean"
    assert message.en.isascii() or "'" in message.en


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
@pytest.mark.parametrize("locale", LOCALES)
def test_rendering_fills_every_placeholder(message_id: str, locale: str) -> None:
    params = {name: f"<{name}>" for name in CATALOGUE[message_id].placeholders(locale)}
    params.pop("label", None)
    text = render(message_id, locale, "phone", params)
    assert "{" not in text
    assert "}" not in text
    for value in params.values():
        assert value in text


def test_a_missing_parameter_is_a_loud_bug() -> None:
    with pytest.raises(KeyError, match="max"):
        render("too_long", "ko", "phone", {"length": 3})


def test_codes_are_plain_strings() -> None:
    assert Code.TOO_LONG == "too_long"
    assert f"{Code.MISSING}" == "missing"


def test_every_code_says_when_it_is_used_in_both_languages() -> None:
    from orderkit.messages import DESCRIPTIONS

    assert set(DESCRIPTIONS) == set(Code)
    assert all(ko.strip() and en.isascii() for ko, en in DESCRIPTIONS.values())

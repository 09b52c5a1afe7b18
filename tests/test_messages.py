"""The message catalogue: both languages, every placeholder filled."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit import Code
from orderkit.model.fields import label
from orderkit.model.messages import CATALOGUE, LOCALES, render
from orderkit.model.problems import Flaw
from orderkit.model.wording import _Formatter, _prepared, fill


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
    from orderkit.model.messages import DESCRIPTIONS

    assert set(DESCRIPTIONS) == set(Code)
    assert all(ko.strip() and en.isascii() for ko, en in DESCRIPTIONS.values())


BAD_ORDER = {
    "platform": "네이버",
    "order_number": "A1",
    "recipient_name": "김" * 25,
    "phone": "abc",
    "postal_code": "1",
    "address": "서울",
    "lines": [{"sku": "S", "quantity": 0}],
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_validation_error_lists_every_problem_in_one_language(locale: str) -> None:
    import orderkit
    from tests.languages import other_language

    with pytest.raises(orderkit.ValidationError) as caught:
        orderkit.order_from_dict(BAD_ORDER, locale=locale)
    text = caught.value.localized(locale)
    lines = text.splitlines()
    errors = [p for p in caught.value.problems if p.is_error]
    assert len(lines) == 1 + len(errors)
    for line, problem in zip(lines[1:], errors, strict=True):
        assert problem.message in line
        assert str(problem.code) in line
    codes_aside = text
    for problem in errors:
        codes_aside = codes_aside.replace(str(problem.code), "")
    assert other_language(codes_aside, locale) == [], text


_WORDS = st.text(st.sampled_from("가나다라마 서울JPurlfile 0123456789,.'()-%ｊ"), max_size=12)


@given(
    message_id=st.sampled_from(sorted(CATALOGUE)),
    locale=st.sampled_from(LOCALES),
    value=st.none() | _WORDS,
    words=st.lists(_WORDS, min_size=40, max_size=40),
)
def test_a_flaw_is_worded_as_the_formatter_words_its_message(
    message_id: str, locale: str, value: str | None, words: list[str]
) -> None:
    # Messages are filled from parts prepared once and worded once per flaw while recent;
    # the text is what string.Formatter and str.format_map give for the prepared template.
    names = sorted(CATALOGUE[message_id].placeholders(locale) - {"label", "value"})
    params = tuple(zip(names, words, strict=False))
    flaw = Flaw("recipient_name", message_id, value, params)
    values = {"label": label("recipient_name", locale), "value": value or "", **dict(params)}
    template, special = _prepared(CATALOGUE[message_id].template(locale))
    expected = (
        _Formatter().vformat(template, (), values) if special else template.format_map(values)
    )
    for _ in range(2):  # worded, then remembered
        problem = flaw.to_problem(7, locale)
        assert (problem.code, problem.message) == (CATALOGUE[message_id].code, expected)
        assert problem.message == render(message_id, locale, "recipient_name", values)


def test_a_flaw_with_a_parameter_that_cannot_be_hashed_is_still_worded() -> None:
    flaw = Flaw("quantity", "out_of_range", "0", (("min", 1), ("max", ["1,000"])))
    assert flaw.to_problem(3, "en").message == render(
        "out_of_range", "en", "quantity", {"value": "0", "min": 1, "max": ["1,000"]}
    )


def test_a_template_with_an_indexed_placeholder_is_filled_by_the_formatter() -> None:
    assert fill("{items[0]:을} 확인", {"items": ["JP"]}) == "JP를 확인"

"""Exceptions built from phrases carry both languages."""

from __future__ import annotations

import tomllib

import pytest

import orderkit
from orderkit.model.error_texts import error
from orderkit.model.template_texts import bad_toml, detail, malformed_template


def test_an_error_from_a_phrase_speaks_both_languages() -> None:
    raised = error(orderkit.InvalidArgument, "chunk_rows", value=0)
    assert isinstance(raised, ValueError)
    assert str(raised) == "chunk_rows must be at least 1, not 0"
    assert raised.localized("ko") == "chunk_rows는 1 이상이어야 합니다 (받은 값: 0)."
    assert raised.localized("en") == str(raised)


def test_a_detail_is_english_text_that_carries_its_korean() -> None:
    line = detail("unknown_key", key="colour")
    assert line == "unknown key 'colour'"
    assert f"- {line}" == "- unknown key 'colour'"
    assert line.ko == "알 수 없는 키 'colour'"


@pytest.mark.parametrize("count", [1, 20, 21, 1234])
def test_a_long_list_of_details_is_cut_and_counted(count: int) -> None:
    lines = [detail("unknown_key", key=f"k{i}") for i in range(count)]
    raised = malformed_template(lines, limit=20)
    english, korean = str(raised).splitlines(), raised.localized("ko").splitlines()
    shown = min(count, 20)
    assert len(english) == len(korean) == 1 + shown + (count > 20)
    if count > 20:
        assert english[-1] == f"- … ({count - 20:,} more)"
        assert korean[-1] == f"- … 외 {count - 20:,}개"
    assert malformed_template(lines).localized("ko").count("\n") == count


def test_a_toml_error_names_its_position_in_both_languages() -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads("a = 1\nb = 'x' y\n")
    raised = bad_toml("shop.toml", caught.value)
    assert str(raised).startswith("shop.toml is not valid TOML (line 2, column 9)")
    assert raised.localized("ko").startswith(
        "shop.toml: TOML 형식이 아닙니다 (2번째 줄, 9번째 글자)"
    )

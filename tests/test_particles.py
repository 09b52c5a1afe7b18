"""Korean particles follow how the word before them is read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.model.particles import PARTICLES, attach, particle, resolve
from orderkit.model.wording import fill

PAIRS = sorted(set(PARTICLES.values()))


@pytest.mark.parametrize(
    ("word", "object_", "subject", "direction"),
    [
        ("JP", "를", "가", "로"),  # 제이피
        ("URL", "을", "이", "로"),  # 유알엘: ㄹ takes 로
        ("SKU", "를", "가", "로"),  # 에스케이유
        ("CSV", "를", "가", "로"),  # 씨에스브이
        ("KR", "을", "이", "로"),  # 케이알
        ("XLSM", "을", "이", "으로"),  # …엠
        ("3", "을", "이", "으로"),  # 삼
        ("2", "를", "가", "로"),  # 이
        ("7", "을", "이", "로"),  # 칠
        ("10", "을", "이", "으로"),  # 십
        ("100", "을", "이", "으로"),  # 백
        ("1000", "을", "이", "으로"),  # 천
        ("1,000", "을", "이", "으로"),  # 천
        ("10000", "을", "이", "으로"),  # 만
        ("1000000000000", "를", "가", "로"),  # 조
        ("1.5", "를", "가", "로"),  # 일 점 오
        ("0", "을", "이", "으로"),  # 영
        ("서울", "을", "이", "로"),
        ("학교", "를", "가", "로"),
        ("책", "을", "이", "으로"),
        ("'JP'", "를", "가", "로"),
        ("'수량'", "을", "이", "으로"),
        ("'주소'", "를", "가", "로"),
        ("주문(JP)", "을", "이", "으로"),  # a note in brackets is read past
        ("(JP)", "를", "가", "로"),
        ("범위(1~1,000,000)", "를", "가", "로"),
        ("orders.xlsx", "를", "가", "로"),  # 엑스
        ("file", "을", "이", "로"),  # 파일
        ("shop", "을", "이", "으로"),  # 숍
        ("order", "를", "가", "로"),  # 오더
        ("１０", "을", "이", "으로"),  # full-width, as Japanese sheets write it
        ("ＪＰ", "를", "가", "로"),
    ],
)
def test_the_particle_follows_the_reading(
    word: str, object_: str, subject: str, direction: str
) -> None:
    assert (particle(word, "을"), particle(word, "이"), particle(word, "으로")) == (
        object_,
        subject,
        direction,
    )


@pytest.mark.parametrize("word", ["日本", "", "'  '", "→"])
def test_an_unreadable_word_gets_both_forms(word: str) -> None:
    assert attach(word, "를") == f"{word}을(를)"
    assert particle(word, "로") == "으로(로)"


def test_an_unknown_form_is_a_loud_bug() -> None:
    with pytest.raises(KeyError):
        particle("JP", "에")


def test_placeholders_choose_particles_and_quote() -> None:
    template = "{value!q:을} {value!q:으로} 고치세요. {count:이} 넘습니다."
    assert fill(template, {"value": "JP", "count": 3}) == "'JP'를 'JP'로 고치세요. 3이 넘습니다."
    assert fill(template, {"value": "서울", "count": 10}) == (
        "'서울'을 '서울'로 고치세요. 10이 넘습니다."
    )


syllables = st.builds(
    lambda lead, vowel, tail: chr(0xAC00 + (lead * 21 + vowel) * 28 + tail),
    st.integers(0, 18),
    st.integers(0, 20),
    st.integers(0, 27),
)
words = st.one_of(
    st.text(st.sampled_from("가나다라마바사아자차카타파하각난닫랄맘밥삿앙"), min_size=1),
    st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1),
    st.integers(0, 10**15).map(str),
)


@given(syllables, st.sampled_from(PAIRS))
def test_hangul_reads_by_its_final_consonant(syllable: str, pair: tuple[str, str]) -> None:
    tail = (ord(syllable) - 0xAC00) % 28
    after_consonant, after_vowel = pair
    expected = after_vowel if tail == 0 else after_consonant
    if after_consonant == "으로" and tail == 8:  # ㄹ
        expected = after_vowel
    assert particle(syllable, after_consonant) == expected
    assert particle(syllable, after_vowel) == expected


@given(words, st.sampled_from(PAIRS))
def test_one_reading_decides_every_particle(word: str, pair: tuple[str, str]) -> None:
    consonant = particle(word, "을") == "을"
    assert (particle(word, "이") == "이") == consonant
    assert (particle(word, "은") == "은") == consonant
    assert (particle(word, "과") == "과") == consonant
    after_consonant, _ = pair
    assert particle(word, pair[0]) == particle(word, pair[1])
    assert particle(word, after_consonant) in pair


@given(words, st.sampled_from(["'", '"', ")", "]", "」", "."]), st.sampled_from(list(PARTICLES)))
def test_closing_marks_do_not_change_the_reading(word: str, mark: str, form: str) -> None:
    assert particle(word + mark, form) == particle(word, form)


@given(words, words, st.sampled_from(["()", "[]"]), st.sampled_from(list(PARTICLES)))
def test_a_note_in_brackets_is_read_past(word: str, note: str, brackets: str, form: str) -> None:
    opener, closer = brackets
    assert particle(f"{word}{opener}{note}{closer}", form) == particle(word, form)
    assert particle(f"{word} {opener}{note}{closer}", form) == particle(word, form)


@given(st.text(st.sampled_from("가나닭 -:"), max_size=5), words, st.sampled_from(list(PARTICLES)))
def test_only_the_last_word_counts(prefix: str, word: str, form: str) -> None:
    assert particle(f"{prefix} {word}", form) == particle(word, form)


@given(st.integers(1, 10**15), st.sampled_from(list(PARTICLES)))
def test_thousands_separators_do_not_change_the_reading(number: int, form: str) -> None:
    assert particle(f"{number:,}", form) == particle(str(number), form)


@given(st.integers(1, 10**6).filter(lambda n: n % 10_000 != 0))
def test_a_number_of_man_reads_as_man(number: int) -> None:
    # 120000 십이만, 1230000 백이십삼만: each ends in 만, which takes 을, 이 and 으로.
    word = str(number * 10_000)
    assert (particle(word, "을"), particle(word, "으로")) == ("을", "으로")


@given(st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=1))
def test_capitals_are_read_letter_by_letter(letters: str) -> None:
    # Of the Korean letter names only 엘, 엠, 엔 and 알 end in a consonant.
    last = letters[-1]
    assert (particle(letters, "을") == "을") == (last in "LMNR")
    assert (particle(letters, "으로") == "으로") == (last in "MN")


@given(words, st.sampled_from(PAIRS), st.sampled_from(["", " 이미 있습니다."]))
def test_both_forms_written_out_are_chosen_like_a_placeholder(
    word: str, pair: tuple[str, str], rest: str
) -> None:
    after_consonant, after_vowel = pair
    written = f"{word}{after_consonant}({after_vowel}){rest}"
    assert resolve(written) == attach(word, after_consonant) + rest
    assert resolve(f"{word}{after_vowel}({after_consonant}){rest}") == resolve(written)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (
            "판매처 계정 네이버/shop은(는) 이미 등록되어 있습니다.",
            "판매처 계정 네이버/shop은 이미 등록되어 있습니다.",
        ),
        ("네이버 주문 A-100이(가) 없습니다.", "네이버 주문 A-100이 없습니다."),
        ("'JP'(으)로 고치세요", "'JP'로 고치세요"),
        ("日本을(를) 고치세요", "日本을(를) 고치세요"),
    ],
)
def test_written_out_forms_in_sentences(written: str, read: str) -> None:
    assert resolve(written) == read


def test_exceptions_choose_the_particles_of_their_korean_text() -> None:
    from orderkit import AccountExists

    error = AccountExists("exists", ko="판매처 계정 네이버/JP은(는) 이미 등록되어 있습니다.")
    assert error.localized("ko") == "판매처 계정 네이버/JP는 이미 등록되어 있습니다."


def test_fill_chooses_written_out_forms_and_particle_formats_together() -> None:
    values = {"x": "JP", "y": "URL", "z": "은(는)"}
    assert fill("{x}을(를) {y:이} {z}", values) == "JP를 URL이 은(는)"
    assert fill("{x} {y}", {"x": "을(를)", "y": 1}) == "을(를) 1"


@pytest.mark.parametrize(
    ("value", "topic", "object_"),
    [("4524", "는", "를"), ("4520", "은", "을"), ("JP", "는", "를"), ("URL", "은", "을")],
)
def test_a_quoted_placeholder_takes_the_particle_its_value_needs(
    value: str, topic: str, object_: str
) -> None:
    # The quote stands between the placeholder and the written-out forms.
    assert fill("{label} '{value}'은(는) 맞습니다", {"label": "값", "value": value}) == (
        f"값 '{value}'{topic} 맞습니다"
    )
    assert fill("'{value}'을(를)", {"value": value}) == f"'{value}'{object_}"

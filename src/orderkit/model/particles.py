"""Korean particles (조사) chosen by how the word before them is read.

A Korean particle has two forms: one after a syllable that ends in a consonant (받침), one
after a vowel: 을/를, 이/가, 은/는, 과/와, and 으로/로, where a final ㄹ takes 로 like a vowel.
Messages put values (``'JP'``, ``URL``, ``10``) before particles, so the choice follows how a
Korean reader says the value:

- Hangul by its final consonant (``서울`` ends in ㄹ: ``서울로``, ``서울을``);
- digits by their Sino-Korean reading, trailing zeros included (``3`` 삼 → ``3으로``,
  ``10`` 십 → ``10으로``, ``1000`` 천 → ``1000으로``, ``2`` 이 → ``2로``, ``7`` 칠 → ``7로``);
- capitals and short runs without vowels letter by letter (``JP`` 제이피 → ``JP를``,
  ``URL`` 유알엘 → ``URL을``, ``URL로``);
- other Latin words by a rule of thumb for English endings (``file`` 파일 → ``file로``,
  ``shop`` 숍 → ``shop을``, ``order`` 오더 → ``order를``).

Closing quotes and punctuation after the word are skipped (``'JP'를``), and so is a note in
brackets, as Korean spelling does (``범위(1~10)를``, ``haru (네이버)는``). A word
that cannot be read (a kana or a Chinese character, or nothing at all) gets both forms,
``을(를)``, which is what Korean writing does when it cannot know.

:func:`resolve` does the same for text already written with both forms (``JP을(를)``), so
a sentence built with an f-string reads right too.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["PAIR_FORMS", "PARTICLES", "attach", "has_both_forms", "particle", "resolve"]

# Each form maps to its pair: (after a consonant, after a vowel).
_PAIRS: Final = (("을", "를"), ("이", "가"), ("은", "는"), ("과", "와"), ("으로", "로"))
PAIR_FORMS: Final = _PAIRS
"""The particle pairs: (form after a consonant, form after a vowel)."""
PARTICLES: Final[dict[str, tuple[str, str]]] = {form: pair for pair in _PAIRS for form in pair}
"""Every particle form orderkit chooses, mapped to its pair (after a consonant, a vowel)."""

# How a word ends when read aloud: no final consonant, ㄹ, another final consonant, unknown.
_VOWEL: Final = "vowel"
_RIEUL: Final = "rieul"
_CONSONANT: Final = "consonant"
_UNKNOWN: Final = "unknown"

_HANGUL_FIRST: Final = 0xAC00
_HANGUL_LAST: Final = 0xD7A3
_FINAL_RIEUL: Final = 8  # index of ㄹ among the 28 final-consonant slots

# Korean names of the Latin letters: only L 엘, M 엠, N 엔 and R 알 end in a consonant.
_LETTER_ENDINGS: Final = {"l": _RIEUL, "r": _RIEUL, "m": _CONSONANT, "n": _CONSONANT}
# Sino-Korean digits: 영 일 이 삼 사 오 육 칠 팔 구.
_DIGIT_ENDINGS: Final = (
    _CONSONANT, _RIEUL, _VOWEL, _CONSONANT, _VOWEL, _VOWEL, _CONSONANT, _RIEUL, _RIEUL, _VOWEL,
)  # fmt: skip
# 십 백 천 for one to three trailing zeros; 만 억 조 경 for each four.
_TENS_ENDINGS: Final = (_CONSONANT, _CONSONANT, _CONSONANT)
_MYRIAD_ENDINGS: Final = (_CONSONANT, _CONSONANT, _VOWEL, _CONSONANT)
_SKIPPED: Final = frozenset("'\"`’”」』)]}>.,!?:;…-_/ \t")
_CLOSERS: Final = {")": "(", "]": "["}
_VOWEL_LETTERS: Final = frozenset("aeiouy")


def particle(word: str, form: str) -> str:
    """The form of a particle that follows ``word``.

    Args:
        word: the text the particle follows, as shown (quotes and brackets included).
        form: either form of the particle, e.g. ``"을"`` or ``"를"``, ``"으로"`` or ``"로"``.

    Returns:
        The right form for ``word``, or both as ``"을(를)"`` when ``word`` cannot be read.

    Raises:
        KeyError: ``form`` is not one of :data:`PARTICLES`.
    """
    after_consonant, after_vowel = PARTICLES[form]
    ending = _ending(word)
    if ending == _UNKNOWN:
        return f"{after_consonant}({after_vowel})"
    if ending == _VOWEL or (ending == _RIEUL and after_consonant == "으로"):
        return after_vowel
    return after_consonant


def attach(word: str, form: str) -> str:
    """``word`` followed by the right form of the particle: ``attach("JP", "을") == "JP를"``."""
    return word + particle(word, form)


def _ending(word: str) -> str:
    # Full-width letters and digits (ＪＰ, １０) read like their ASCII forms.
    word = unicodedata.normalize("NFKC", word) if not word.isascii() else word
    end = _last_readable(word)
    if not end:
        return _UNKNOWN
    last = word[end - 1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        final = (ord(last) - _HANGUL_FIRST) % 28
        return _VOWEL if final == 0 else _RIEUL if final == _FINAL_RIEUL else _CONSONANT
    if last.isascii() and last.isdigit():
        return _number_ending(word[:end])
    if last.isascii() and last.isalpha():
        start = end
        while start and word[start - 1].isascii() and word[start - 1].isalpha():
            start -= 1
        return _latin_ending(word[start:end])
    if last == "%":  # 퍼센트
        return _VOWEL
    return _UNKNOWN


def _last_readable(word: str) -> int:
    """Where the word that decides the particle ends (an index into ``word``)."""
    end = len(word)
    while end and word[end - 1] in _SKIPPED:
        if word[end - 1] in _CLOSERS:
            # A bracketed note is read past: 범위(1~10)를, haru (네이버)는. With nothing
            # before it, the note itself is the word: (JP)를.
            opener = word.rfind(_CLOSERS[word[end - 1]], 0, end - 1)
            before = word[:opener].rstrip() if opener > 0 else ""
            if before:
                end = len(before)
                continue
        end -= 1
    return end


def _number_ending(text: str) -> str:
    start = len(text)
    while start and (text[start - 1].isdigit() or text[start - 1] in ",."):
        start -= 1
    number = text[start:].lstrip(",.")
    if "." in number:  # 1.5 is 일 점 오: the digits after the point are read one by one
        return _DIGIT_ENDINGS[int(number[-1])]
    digits = number.replace(",", "")
    whole = digits.lstrip("0")
    if not whole:
        return _DIGIT_ENDINGS[0]
    zeros = len(whole) - len(whole.rstrip("0"))
    if zeros == 0:
        return _DIGIT_ENDINGS[int(whole[-1])]
    if zeros < 4:
        return _TENS_ENDINGS[zeros - 1]
    myriads = zeros // 4
    if myriads > len(_MYRIAD_ENDINGS):
        return _UNKNOWN
    return _MYRIAD_ENDINGS[myriads - 1]


def _latin_ending(run: str) -> str:
    lower = run.lower()
    spelled = run.isupper() or len(run) == 1 or not (_VOWEL_LETTERS & set(lower))
    if spelled:  # an abbreviation is read letter by letter: JP 제이피, URL 유알엘
        return _LETTER_ENDINGS.get(lower[-1], _VOWEL)
    return _word_ending(lower)


def _word_ending(word: str) -> str:
    """A rule of thumb for how an English word ends in Korean loanword spelling."""
    if word.endswith("ng"):  # 링
        return _CONSONANT
    if word.endswith("le") and len(word) > 2 and word[-3] not in _VOWEL_LETTERS:
        return _VOWEL  # apple 애플, table 테이블
    if word.endswith("e") and len(word) > 2:  # a silent e: file 파일, name 네임, cake 케이크
        word = word[:-1]
        return {"l": _RIEUL, "m": _CONSONANT, "n": _CONSONANT}.get(word[-1], _VOWEL)
    last = word[-1]
    if last == "l":  # 엘, email 이메일
        return _RIEUL
    if last in "mn":  # 엠, 엔: form 폼, plan 플랜
        return _CONSONANT
    if last in "kpbt" and len(word) > 1 and word[-2] in _VOWEL_LETTERS:
        # after one short vowel a stop closes the syllable (shop 숍, web 웹, kit 킷, book 북);
        # after two vowel letters it is a new syllable (boat 보트).
        two_vowels = len(word) > 2 and word[-3] in _VOWEL_LETTERS
        return _VOWEL if two_vowels and word[-3:-1] != "oo" else _CONSONANT
    if word.endswith("ck"):  # pack 팩, click 클릭
        return _CONSONANT
    return _VOWEL  # a vowel, r (오더), s (스), d (드), x (엑스), …


# Both forms written out, either way round: 을(를), 를(을), 이(가), …, (으)로, 으로(로).
_BOTH: Final = re.compile(
    "|".join(
        [re.escape(f"{a}({b})") for a, b in _PAIRS]
        + [re.escape(f"{b}({a})") for a, b in _PAIRS]
        + [re.escape("(으)로")]
    )
)


def has_both_forms(text: str) -> bool:
    """Whether ``text`` has a particle written in both forms (``을(를)``, ``(으)로``)."""
    return _BOTH.search(text) is not None


def resolve(text: str) -> str:
    """``text`` with each particle written in both forms (``을(를)``, ``(으)로``) chosen.

    A form after a word that cannot be read stays as written.
    """

    def choose(match: re.Match[str]) -> str:
        form = "로" if match.group() == "(으)로" else match.group()[0]
        if match.group().startswith("으로"):
            form = "으로"
        chosen = particle(text[: match.start()], form)
        return match.group() if "(" in chosen else chosen

    return _BOTH.sub(choose, text)

"""Korean or Japanese Windows? Telling CP949 from CP932 (Shift_JIS) by what the text says.

Excel on Korean Windows saves CSV in CP949; Yahoo!ショッピング, Rakuten RMS and Amazon JP
export Shift_JIS (Microsoft's CP932). Many byte strings are valid in both, and each reads
the other's text as plausible-looking garbage: ``山田`` in CP932 reads as ``랹밹`` in CP949.
The garbage has a tell, though:

- Japanese bytes read as CP949 land in the Hangul syllables Unified Hangul Code *added*
  (lead bytes 0x81–0xC6 with a trail below 0xA1) — syllables real Korean text practically
  never uses. Korean text uses the 2,350 syllables of KS X 1001.
- Korean bytes read as CP932 land on half-width katakana (0xA1–0xDF are single-byte kana
  in Shift_JIS), and never on the full-width kana a Japanese name or address is written in.

:func:`legacy_reading` decides from those two signs over the whole text, and answers
``None`` when they do not point one way: orderkit then refuses rather than guess. It runs
only when the bytes are valid in both encodings, which varied text rarely is (a Korean
syllable before a comma is often no Shift_JIS, a kanji before ``@`` no CP949); then it costs
about as much as decoding the file a few times more.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Final, Literal

import attrs

__all__ = ["Evidence", "legacy_reading"]

Reading = Literal["cp949", "cp932"]

# Below this share of added (UHC) syllables, a CP949 reading is Korean text.
_RARE_HANGUL_MAX: Final = 0.1
# Below this share of half-width katakana among its Japanese letters, a CP932 reading is
# Japanese text (old systems do write furigana in half-width kana, so not zero).
_HALF_WIDTH_MAX: Final = 0.5


def _common_syllables() -> frozenset[str]:
    """The 2,350 Hangul syllables of KS X 1001 (CP949 bytes 0xB0A1–0xC8FE)."""
    pairs = (bytes((lead, trail)) for lead in range(0xB0, 0xC9) for trail in range(0xA1, 0xFF))
    return frozenset(pair.decode("cp949", errors="ignore") for pair in pairs) - {""}


_COMMON: Final = _common_syllables()
_HANGUL: Final = re.compile("[\uac00-\ud7a3]")
_FULL_KANA: Final = re.compile("[\u3041-\u30ff]")
_KANJI: Final = re.compile("[\u4e00-\u9fff]")
_HALF_KANA: Final = re.compile("[\uff61-\uff9f]")


@attrs.define
class Evidence:
    """What the two readings of the same bytes hold, counted block by block."""

    common_hangul: int = 0
    rare_hangul: int = 0
    full_kana: int = 0
    kanji: int = 0
    half_kana: int = 0

    def add_cp949(self, text: str) -> None:
        # Counted per distinct syllable: a Korean file holds a few hundred of them.
        for syllable, count in Counter(_HANGUL.findall(text)).items():
            if syllable in _COMMON:
                self.common_hangul += count
            else:
                self.rare_hangul += count

    def add_cp932(self, text: str) -> None:
        self.full_kana += len(_FULL_KANA.findall(text))
        self.kanji += len(_KANJI.findall(text))
        self.half_kana += len(_HALF_KANA.findall(text))

    def korean(self) -> bool:
        """The CP949 reading looks like Korean text."""
        hangul = self.common_hangul + self.rare_hangul
        return hangul > 0 and self.rare_hangul / hangul < _RARE_HANGUL_MAX

    def japanese(self) -> bool:
        """The CP932 reading looks like Japanese text."""
        letters = self.full_kana + self.kanji + self.half_kana
        return (self.full_kana + self.kanji) > 0 and self.half_kana / letters < _HALF_WIDTH_MAX

    def reading(self) -> Reading | None:
        korean, japanese = self.korean(), self.japanese()
        if korean and not japanese:
            return "cp949"
        if japanese and not korean:
            return "cp932"
        return None


def legacy_reading(cp949_blocks: Iterable[str], cp932_blocks: Iterable[str]) -> Reading | None:
    """``"cp949"`` or ``"cp932"`` when the text of one reading is plainly Korean or Japanese
    and the other's is not; ``None`` when that cannot be told."""
    evidence = Evidence()
    for block in cp949_blocks:
        evidence.add_cp949(block)
    for block in cp932_blocks:
        evidence.add_cp932(block)
    return evidence.reading()

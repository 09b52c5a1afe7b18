"""What a draft gets once its columns are assigned: the Japan reading, the option code as
the SKU, and a country column's names as codes — as the built-in templates have them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Final

import attrs

from orderkit.templates.header_words import THRESHOLD, contains, score, side, words
from orderkit.templates.synonyms import OPTION_CODE_WORDS
from orderkit.templates.template import Column

__all__ = ["COUNTRY_NAMES", "country_with_names", "japan_evidence", "option_code_first"]

# The names Japanese and Korean exports (and English-speaking sellers) write in a country
# column, as the codes the rules want. Only names that can mean one country are here.
COUNTRY_NAMES: Final = {
    "日本": "JP", "日本国": "JP", "Japan": "JP", "JAPAN": "JP", "일본": "JP",
    "韓国": "KR", "한국": "KR", "대한민국": "KR", "Korea": "KR", "South Korea": "KR",
}  # fmt: skip
# A column already holding codes needs no names.
_CODE_WORDS: Final = ("code", "コード", "코드", "iso")
_PREFECTURE: Final = ("prefecture", "都道府県")


def japan_evidence(headers: Sequence[str]) -> str | None:
    """Why a layout is a Japanese export: ``""`` for kana headers, a prefecture column's
    header for an ASCII one (Yahoo's ``ShipPrefecture``); ``None`` when it is not, or when
    any header is in Hangul."""
    text = "".join(headers)
    if any("\uac00" <= ch <= "\ud7a3" for ch in text):
        return None
    if any("\u3040" <= ch <= "\u30ff" for ch in text):
        return ""
    named = [h for h in headers if contains(words(h), _PREFECTURE)]
    # The recipient's prefecture is the one to name, when the buyer's is there too.
    named.sort(key=lambda h: side(words(h)) != "ship")
    return named[0] if named else None


def option_code_first(
    headers: Sequence[str], usable: Collection[int], sku: Column
) -> tuple[Column, int] | None:
    """``sku`` read from the option code first when the layout has one, the product code
    when an order line's product has no options; and the option code's column. ``None``
    when the layout has no option code, or ``sku`` is not one product-code column."""
    if len(sku.headers) != 1:
        return None
    chosen = sku.headers[0]
    codes = [c for c in usable if contains(words(headers[c]), OPTION_CODE_WORDS)]
    if contains(words(chosen), OPTION_CODE_WORDS):
        # The option code itself scored as the SKU: the product code is its fallback.
        others = [c for c in usable if score(headers[c], "sku") >= THRESHOLD]
        if not others:
            return None
        best = max(others, key=lambda c: (score(headers[c], "sku"), -c))
        return attrs.evolve(sku, headers=(chosen, headers[best])), best
    if not codes:
        return None
    return attrs.evolve(sku, headers=(headers[codes[0]], chosen)), codes[0]


def country_with_names(spec: Column, japan: bool) -> Column | None:
    """A country column's spec with :data:`COUNTRY_NAMES` as its map (and JP for an empty
    cell of a Japanese export); ``None`` when it needs none (a code column, or a map)."""
    if len(spec.headers) != 1 or spec.map is not None or spec.pattern is not None:
        return None
    if contains(words(spec.headers[0]), _CODE_WORDS):
        return None
    default = "JP" if japan and spec.default is None else spec.default
    return attrs.evolve(spec, map=dict(COUNTRY_NAMES), default=default)

"""Full-width forms and marks in the number-like fields, turned into what the rules read.

Japanese exports write ``０９０－１２３４－５６７８``, ``〒100-0001``, ``¥3,980`` and ``3,980円``
as a matter of course. In phone, postal code, quantity and the amounts those become their
ASCII forms (NFKC, plus the dash look-alikes NFKC leaves alone), and the postal mark or a
currency mark is dropped — each time with a warning that shows what was read, since the
seller should see that orderkit did not take the text as written. Names, addresses and
messages are never touched: they keep what the seller wrote.

The keys that say which order and which product a row is (the order number and the SKU)
are folded the same way (NFKC, with the same warning), so that ``８０００００００１`` and
``800000001`` are one order, not two. Their dashes and katakana are left as NFKC leaves them:
a ``ー`` in a product code is part of the code. The option text is not folded: a product
catalogue matches it as the seller wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final

from orderkit.model.problems import Flaw, Severity

__all__ = ["KEY_FIELDS", "MARKED_FIELDS", "key_text", "normalize_marked_columns", "normalize_marks"]

_AMOUNT_FIELDS: Final = ("order_amount", "paid_amount", "total_amount")
KEY_FIELDS: Final = ("order_number", "sku")
"""The keys whose width is normalised, so that the same key compares equal however wide."""
MARKED_FIELDS: Final = ("phone", "postal_code", "quantity", *_AMOUNT_FIELDS, *KEY_FIELDS)
"""The fields whose width (and, for numbers, marks) are normalised."""


def key_text(text: str) -> str:
    """``text`` as a key compares: NFKC (full-width digits and letters as ASCII), trimmed."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text).strip()


# Dashes NFKC keeps as they are, but which a phone or postal code only ever means as "-":
# the hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus sign,
# and the katakana prolonged sound mark that Japanese input methods type for "-".
_DASHES: Final = str.maketrans(dict.fromkeys("‐‑‒–—―−ー", "-"))
# Only the leading mark, or a mark and spaces, is taken off: "〒100-0001".
_POSTAL_MARK: Final = re.compile(r"^〒\s*")
_CURRENCY: Final = "¥₩円원"
_CURRENCY_MARK: Final = re.compile(rf"^([{_CURRENCY}])\s*(.*?)$|^(.*?)\s*([{_CURRENCY}])$")


def normalize_marks(field: str, text: str) -> tuple[str, Flaw] | None:
    """``(what the rules read, the warning)`` when ``text`` needs normalising, else ``None``.

    ``text`` is the trimmed NFC text of one of :data:`MARKED_FIELDS`. Plain ASCII without
    a mark (nearly every value) returns ``None`` at once.
    """
    if text.isascii():
        return None
    wide = unicodedata.normalize("NFKC", text)
    if field in ("phone", "postal_code"):
        wide = wide.translate(_DASHES)
    wide = wide.strip()
    read, mark = _without_mark(field, wide)
    if read == text:
        return None
    widened = wide != text
    if mark and widened:
        message_id = "normalized_width_mark"
    elif mark:
        message_id = "dropped_mark"
    else:
        message_id = "normalized_width"
    params: tuple[tuple[str, object], ...] = (("normalized", read), ("mark", mark))
    return read, Flaw(field, message_id, text, params, Severity.WARNING)


def _without_mark(field: str, text: str) -> tuple[str, str]:
    """``text`` without the mark its field allows, and the mark (``""`` when none)."""
    if field == "postal_code":
        found = _POSTAL_MARK.match(text)
        return (text[found.end() :], "〒") if found else (text, "")
    if field in _AMOUNT_FIELDS:
        found = _CURRENCY_MARK.match(text)
        if found is None:
            return text, ""
        amount, mark = found.group(2, 1) if found.group(1) else found.group(3, 4)
        # A mark alone is not an amount: left for the rules to call it one.
        return (amount, mark) if amount else (text, "")
    return text, ""


def normalize_marked_columns(
    values: Mapping[str, Sequence[str]],
) -> tuple[dict[str, Sequence[str]], list[tuple[int, Flaw]]]:
    """``values`` with :data:`MARKED_FIELDS` normalised, and a warning per changed value.

    Columns are returned unchanged (the same objects) when nothing in them changes.
    """
    changed: dict[str, Sequence[str]] = dict(values)
    flaws: list[tuple[int, Flaw]] = []
    for field in MARKED_FIELDS:
        column = values.get(field)
        if column is None:
            continue
        # Plain ASCII (nearly every value) never changes: only the rest is looked at.
        wide = {text for text in column if not text.isascii()}
        results = {text: normalize_marks(field, text) for text in wide}
        if not any(results.values()):
            continue
        texts = list(column)
        for position, text in enumerate(column):
            result = results.get(text)
            if result is not None:
                texts[position], flaw = result
                flaws.append((position, flaw))
        changed[field] = texts
    return changed, flaws

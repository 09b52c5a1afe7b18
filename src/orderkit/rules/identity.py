"""Platform and brand: the two values that, with the order number, say which order is which.

``"Qoo10 "``, ``"Ｑｏｏ１０"`` and ``"楽天\\u200b"`` must not become orders of their own
marketplaces: each is made into the one spelling it means before rows are grouped or
compared with the store. Trimming and NFC composition change nothing a person could see,
so they are silent; folding full-width letters (NFKC) and removing invisible characters
change what was written, so each is reported as a warning that shows the result. Case is
kept (``Qoo10`` stays ``Qoo10``): the upload warns when the store already holds the same
platform in another case (see :func:`orderkit.engine.upload.upload_file`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final

from orderkit.model.problems import Flaw, Severity

__all__ = ["IDENTITY_FIELDS", "normalize_identities", "normalize_identity", "same_identity"]

IDENTITY_FIELDS: Final = ("platform", "brand")

# Characters that take no room on screen but make two spellings differ: zero-width space,
# non-joiner, joiner, word joiner, the byte order mark, the Mongolian vowel separator and
# the soft hyphen.
_INVISIBLE: Final = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad]")


def normalize_identity(text: str) -> tuple[str, list[str]]:
    """The one spelling ``text`` stands for, and what was changed that a person should know:
    ``"invisible"`` (zero-width characters removed), ``"width"`` (full-width or other
    compatibility forms folded)."""
    changes: list[str] = []
    cleaned = _INVISIBLE.sub("", text)
    if cleaned != text:
        changes.append("invisible")
    composed = unicodedata.normalize("NFC", cleaned)
    folded = unicodedata.normalize("NFKC", composed)
    if folded != composed:
        changes.append("width")
    value = " ".join(folded.split())
    return value, changes if value else []


def _visible(text: str) -> str:
    """``text`` with each invisible character shown as its code point (``<U+200B>``)."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def same_identity(a: str, b: str) -> bool:
    """Whether two normalised platforms differ only in case."""
    return a != b and a.casefold() == b.casefold()


def normalize_identities(
    values: Mapping[str, Sequence[str]],
) -> tuple[dict[str, Sequence[str]], list[tuple[int, Flaw]]]:
    """``values`` with platform and brand normalised, and one warning per position changed
    in a way a person could see (a blank value simply becomes empty: ``missing``)."""
    out: dict[str, Sequence[str]] = dict(values)
    flaws: list[tuple[int, Flaw]] = []
    for field in IDENTITY_FIELDS:
        column = values.get(field)
        if column is None:
            continue
        done: dict[str, tuple[str, list[str]]] = {}
        new: list[str] | None = None
        for position, text in enumerate(column):
            if not text:
                continue
            found = done.get(text)
            if found is None:
                found = done[text] = normalize_identity(text)
            value, changes = found
            if value == text:
                continue
            if new is None:
                new = list(column)
            new[position] = value
            for change in changes:
                params = (("original", _visible(text)),)
                message_id = f"identity_{change}"
                flaws.append((position, Flaw(field, message_id, value, params, Severity.WARNING)))
        if new is not None:
            out[field] = new
    flaws.sort(key=lambda pair: pair[0])
    return out, flaws

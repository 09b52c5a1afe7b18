"""Values a template joins from several columns (``Joined``): Rakuten's three-part phone,
its two-part postal code, a name in family and given parts.

A part left empty must not quietly make a shorter value: ``03``, ``1234`` and nothing is
not the phone ``03-1234``. For fields whose parts are segments of one code (a phone, a
postal code, an order number…) a partly empty row is ``partly_empty``, naming the empty
column(s); all parts empty is simply an empty value, and one part holding a whole phone
or postal code (some exports write ``09012345678`` in the last column) is that value.
Free text (a name, an address, a delivery message) may leave a part empty — a Korean
address without a detail line, a province-less country — and is joined from what is there.

A two-part postal code whose parts lost their leading zeros on the way (``100`` and ``1``
for 100-0001, as Excel writes number cells to CSV) is restored to NNN-NNNN with the
``restored_leading_zero`` warning, like a one-cell postal code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from orderkit.model.problems import Flaw, Severity
from orderkit.templates.template import Joined

__all__ = ["FREE_TEXT_FIELDS", "join_column"]

FREE_TEXT_FIELDS: Final = frozenset(
    {"recipient_name", "address", "address_detail", "delivery_message", "option"}
)
# Digits that make a phone or postal code whole when one column holds all of it: the
# shortest domestic phone with its area code, a Japanese postal code.
_WHOLE_DIGITS: Final = {"phone": 10, "postal_code": 7}
# The segments of a Japanese postal code (〒100-0001), the only two-part one in use.
_POSTAL_SEGMENTS: Final = (3, 4)


def join_column(
    field: str, spec: Joined, parts: Sequence[Sequence[str]]
) -> tuple[list[str], list[tuple[int, Flaw]]]:
    """Each row's value of ``field`` joined from ``parts`` (one text column per header of
    ``spec``), and the flaws of rows whose parts do not make one whole value."""
    values: list[str] = []
    flaws: list[tuple[int, Flaw]] = []
    segmented = field not in FREE_TEXT_FIELDS
    for position, cells in enumerate(zip(*parts, strict=True)):
        value = spec.value(cells)
        values.append(value)
        if not segmented or not value:
            continue
        empty = [header for header, cell in zip(spec.headers, cells, strict=True) if not cell]
        if empty and len(empty) == len(cells) - 1 and _whole(field, value):
            continue  # the whole value written in one of the columns, as some exports do
        if empty:
            names = ", ".join(f"'{header}'" for header in empty)
            flaws.append((position, Flaw(field, "partly_empty", value, (("empty", names),))))
            continue
        if field == "postal_code":
            restored = _restored_postal_code(cells, spec.join)
            if restored is not None:
                values[position] = restored
                params = (("original", value),)
                flaw = Flaw(field, "restored_leading_zero", restored, params, Severity.WARNING)
                flaws.append((position, flaw))
    return values, flaws


def _whole(field: str, value: str) -> bool:
    """Whether one part alone holds a whole value of ``field`` (``09012345678``)."""
    digits = sum(c.isdigit() for c in value)
    return digits >= _WHOLE_DIGITS.get(field, len(value) + 1)


def _restored_postal_code(cells: Sequence[str], join: str) -> str | None:
    """NNN-NNNN from two digit parts that lost leading zeros; ``None`` when it is whole or
    is not two digit parts short enough to have lost only zeros."""
    if len(cells) != len(_POSTAL_SEGMENTS):
        return None
    if not all(cell.isascii() and cell.isdigit() for cell in cells):
        return None
    lengths = [len(cell) for cell in cells]
    if lengths == list(_POSTAL_SEGMENTS) or any(
        n > size for n, size in zip(lengths, _POSTAL_SEGMENTS, strict=True)
    ):
        return None
    return join.join(cell.zfill(size) for cell, size in zip(cells, _POSTAL_SEGMENTS, strict=True))

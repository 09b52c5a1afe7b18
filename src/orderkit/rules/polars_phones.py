"""The soft phone rules over a polars column: a lost trunk 0, a number cell that lost its
0, a number not plausible for its destination.

A domestic number of a fast-path region (``010-1234-5678`` to KR) is found valid over the
whole column with the same metadata shapes the Python fast path reads
(:func:`~orderkit.rules.phones.domestic_shapes`). The rest needs phonenumbers' judgement,
which is Python: it is asked once per distinct ``(phone, destination, from a number cell)``,
and only for phones the hard rules passed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container
from functools import cache
from typing import TYPE_CHECKING

from orderkit.rules.order_rules import Placed, phone_flaw
from orderkit.rules.phones import FAST_REGIONS, NumberShape, domestic_shapes

if TYPE_CHECKING:
    import polars as pl

__all__ = ["check_phones_frame", "surely_valid"]

# One trunk 0, then digits in dash-separated groups: what the fast path answers for.
_DOMESTIC = r"^0(?:[1-9](?:-?[0-9])*)?$"


def check_phones_frame(frame: pl.DataFrame, numeric: Container[int], flaws: Placed) -> None:
    """Add the soft phone flaws of ``frame`` (columns ``phone`` and ``_destination``) to
    ``flaws``; ``numeric`` holds the orders whose phone came from a number cell. A phone
    with a flaw already gets none of these."""
    import polars as pl

    already = sorted({i for i, flaw in flaws if flaw.field == "phone"})
    row = pl.int_range(pl.len())
    candidates = (pl.col("phone") != "") & ~row.is_in(pl.Series(already, dtype=pl.Int64).implode())
    listed = isinstance(numeric, Collection)
    if isinstance(numeric, Collection):
        rows = sorted(i for i in numeric if isinstance(i, int) and 0 <= i < frame.height)
        from_number = row.is_in(pl.Series(rows, dtype=pl.Int64).implode())
        # A valid domestic number needs no second look, unless its cell was a number.
        for country in sorted(FAST_REGIONS):
            valid = surely_valid(country)
            if valid is not None:
                fine = (pl.col("_destination") == country).fill_null(False) & valid & ~from_number
                candidates = candidates & ~fine
    found = frame.select(
        row=row.filter(candidates),
        phone=pl.col("phone").filter(candidates),
        destination=pl.col("_destination").filter(candidates),
        **({"numeric": from_number.filter(candidates)} if listed else {}),
    )
    asked: list[int] = found["row"].to_list()
    numbers: list[bool] = found["numeric"].to_list() if listed else [i in numeric for i in asked]
    phones, destinations = found["phone"].to_list(), found["destination"].to_list()
    keys = list(zip(phones, destinations, numbers, strict=True))
    made = {key: phone_flaw(*key) for key in set(keys)}
    for i, key in zip(asked, keys, strict=True):
        flaw = made[key]
        if flaw is not None:
            flaws.append((i, flaw))


def _fits(shape: NumberShape, text: pl.Expr) -> pl.Expr:
    import polars as pl

    fits = text.str.contains(f"^(?:{shape.pattern})$")
    if shape.lengths:
        fits = fits & text.str.len_chars().is_in(pl.Series(shape.lengths).implode())
    return fits


@cache
def surely_valid(country: str) -> pl.Expr | None:
    """Where column ``phone`` holds a number the Python fast path finds valid for
    ``country`` (and phonenumbers with it); ``None`` when there is no such path."""
    import polars as pl

    shapes = domestic_shapes(country)
    if shapes is None:
        return None
    phone = pl.col("phone")
    digits = phone.str.replace_all("-", "", literal=True)
    groups = re.compile(shapes.prefix).groups
    parsed = digits.str.extract_groups(f"^(?:{shapes.prefix})(?P<national>.*)$")
    national = parsed.struct.field("national")
    valid = phone.str.contains(_DOMESTIC) & national.is_not_null()
    if shapes.international:
        valid = valid & ~digits.str.contains(f"^(?:{shapes.international})")
    for group in range(1, groups + 1):  # a carrier code or a transformed prefix: undecided
        valid = valid & parsed.struct.field(str(group)).is_null()
    valid = valid & _fits(shapes.general, national)
    kinds = [_fits(shape, national) for shape in shapes.types]
    valid = valid & pl.any_horizontal(kinds)
    try:  # metadata in a syntax Rust's regex does not read: Python answers instead
        pl.DataFrame({"phone": ["0"]}, schema={"phone": pl.String}).select(valid)
    except pl.exceptions.PolarsError:
        return None
    return valid

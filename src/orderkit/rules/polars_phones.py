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

from orderkit.rules.cross_field import Placed, phone_flaw
from orderkit.rules.phones import FAST_REGIONS, NumberShape, domestic_shapes

if TYPE_CHECKING:
    import polars as pl

__all__ = ["check_phones_frame", "valid_domestic"]

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
    found = frame.select(
        row=row,
        phone=pl.col("phone"),
        destination=pl.col("_destination"),
        **({"numeric": from_number} if listed else {}),
    ).filter(candidates)
    if listed:
        # A valid domestic number needs no second look, unless its cell was a number.
        fine = [
            domestic["row"].filter(valid)
            for country in sorted(FAST_REGIONS)
            if not (domestic := _domestic(found, country)).is_empty()
            and (valid := valid_domestic(domestic["phone"], country)) is not None
        ]
        if fine:
            found = found.filter(~pl.col("row").is_in(pl.concat(fine).implode()))
    asked: list[int] = found["row"].to_list()
    numbers: list[bool] = found["numeric"].to_list() if listed else [i in numeric for i in asked]
    phones, destinations = found["phone"].to_list(), found["destination"].to_list()
    keys = list(zip(phones, destinations, numbers, strict=True))
    made = {key: phone_flaw(*key) for key in set(keys)}
    for i, key in zip(asked, keys, strict=True):
        flaw = made[key]
        if flaw is not None:
            flaws.append((i, flaw))


def _domestic(found: pl.DataFrame, country: str) -> pl.DataFrame:
    import polars as pl

    wanted = (pl.col("destination") == country) & ~pl.col("numeric")
    return found.filter(wanted & pl.col("phone").str.contains(_DOMESTIC))


def _fits(shape: NumberShape, text: pl.Expr) -> pl.Expr:
    import polars as pl

    fits = text.str.contains(f"^(?:{shape.pattern})$")
    if shape.lengths:
        fits = fits & text.str.len_chars().is_in(pl.Series(shape.lengths).implode())
    return fits


def valid_domestic(phones: pl.Series, country: str) -> pl.Series | None:
    """Where ``phones`` hold a number the Python fast path finds valid for ``country`` (and
    phonenumbers with it); ``None`` when there is no such path for ``country``."""
    import polars as pl

    check = _domestic_check(country)
    if check is None:
        return None
    prefix, first, every = check
    # Each step is a column of its own: an expression used twice would be computed twice.
    digits = phones.str.replace_all("-", "", literal=True).rename("digits")
    parsed = digits.str.extract_groups(f"^(?:{prefix})(?P<national>.*)$")
    frame = pl.DataFrame([phones.rename("phone"), digits]).with_columns(
        parsed.struct.unnest().rename(lambda name: f"group {name}")
    )
    try:  # metadata in a syntax Rust's regex does not read: Python answers instead
        valid = frame.select(first)[:, 0]
        # Nearly every number is of the first type (mobile): the others only for the rest.
        rest = (~valid).arg_true()
        if rest.is_empty():
            return valid
        return valid.scatter(rest, frame[rest].select(every)[:, 0])
    except pl.exceptions.PolarsError:
        return None


@cache
def _domestic_check(country: str) -> tuple[str, pl.Expr, pl.Expr] | None:
    """The national prefix of ``country``, and the expressions that say a number is valid
    by the first number type and by any, over columns ``phone``, ``digits`` and
    ``group …`` (the prefix's groups and the ``national`` number); built once."""
    import polars as pl

    shapes = domestic_shapes(country)
    if shapes is None:
        return None
    national = pl.col("group national")
    valid = pl.col("phone").str.contains(_DOMESTIC) & national.is_not_null()
    if shapes.international:
        valid = valid & ~pl.col("digits").str.contains(f"^(?:{shapes.international})")
    for group in range(1, re.compile(shapes.prefix).groups + 1):
        # A carrier code or a transformed prefix: the general parser decides.
        valid = valid & pl.col(f"group {group}").is_null()
    valid = valid & _fits(shapes.general, national)
    first = valid & _fits(shapes.types[0], national)
    every = valid & pl.any_horizontal([_fits(shape, national) for shape in shapes.types])
    return shapes.prefix, first.fill_null(False), every.fill_null(False)

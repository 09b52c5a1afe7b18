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
# Fewer numbers than this of another type than mobile are answered by Python, not polars
# (see valid_domestic).
_OTHERS_FROM = 200


def check_phones_frame(frame: pl.DataFrame, numeric: Container[int], flaws: Placed) -> None:
    """Add the soft phone flaws of ``frame`` (columns ``phone`` and ``_destination``) to
    ``flaws``; ``numeric`` holds the orders whose phone came from a number cell. A phone
    with a flaw already gets none of these."""
    import polars as pl

    from orderkit.rules.polars_rules import marked

    already = marked(frame.height, {i for i, flaw in flaws if flaw.field == "phone"})
    from_number = None
    if isinstance(numeric, Collection):
        from_number = marked(frame.height, (i for i in numeric if isinstance(i, int)))
    asked_for = (pl.col("phone") != "") & ~pl.lit(already)
    if from_number is not None:
        # A valid domestic number needs no second look, unless its cell was a number.
        wanted = asked_for & ~pl.lit(from_number)
        destination = pl.col("_destination")
        regions = sorted(FAST_REGIONS)
        mine = frame.select(**{c: (wanted & (destination == c)).fill_null(False) for c in regions})
        fine = pl.Series(dtype=pl.Boolean).extend_constant(False, frame.height)
        for country in regions:
            if not mine[country].any():
                continue
            theirs = frame["phone"].filter(mine[country])
            valid = valid_domestic(theirs, country, others_from=_OTHERS_FROM)
            if valid is not None:
                fine = fine.scatter(mine[country].arg_true().filter(valid), True)
        asked_for = asked_for & ~pl.lit(fine)
    columns = {"row": pl.int_range(pl.len()), "phone": pl.col("phone")}
    columns["destination"] = pl.col("_destination")
    if from_number is not None:
        columns["numeric"] = pl.lit(from_number)
    found = frame.select(**columns).filter(asked_for)
    asked: list[int] = found["row"].to_list()
    numbers: list[bool] = (
        found["numeric"].to_list() if from_number is not None else [i in numeric for i in asked]
    )
    phones, destinations = found["phone"].to_list(), found["destination"].to_list()
    keys = list(zip(phones, destinations, numbers, strict=True))
    made = {key: phone_flaw(*key) for key in set(keys)}
    for i, key in zip(asked, keys, strict=True):
        flaw = made[key]
        if flaw is not None:
            flaws.append((i, flaw))


def _fits(shape: NumberShape, national: pl.Expr) -> pl.Expr:
    import polars as pl

    fits = national.str.contains(f"^(?:{shape.pattern})$")
    if shape.lengths:
        # Bytes are characters here: a domestic number is ASCII (the caller makes sure).
        fits = fits & national.str.len_bytes().is_in(pl.Series(shape.lengths).implode())
    return fits


def valid_domestic(phones: pl.Series, country: str, *, others_from: int = 0) -> pl.Series | None:
    """Where ``phones`` hold a number the Python fast path finds valid for ``country`` (and
    phonenumbers with it); ``None`` when there is no such path for ``country``.

    Numbers not of the first type (mobile) are looked at by every other type only when
    there are at least ``others_from`` of them; fewer are left ``False`` (not sure), for
    Python's fast path to answer one by one: the ~20 expressions of that look cost about
    what Python's answers for 200 numbers do.
    """
    import polars as pl

    check = _domestic_check(country)
    if check is None:
        return None
    prefix, first, every = check
    # Each step is a column of its own: an expression used twice would be computed twice.
    # The prefix alone is captured, as Python's re.match reads it; what follows it is the
    # national number (capturing the rest in the same regex costs four times as much).
    whole = pl.col("group whole")
    steps = (
        pl.LazyFrame([phones.rename("phone")])
        .with_columns(pl.col("phone").str.replace_all("-", "", literal=True).alias("digits"))
        .with_columns(
            pl.col("digits")
            .str.extract_groups(f"^(?P<whole>{prefix})")
            .struct.unnest()
            .name.prefix("group ")
        )
        .with_columns(
            pl.when(whole.is_not_null())
            .then(pl.col("digits").str.slice(whole.str.len_bytes()))
            .alias("national")
        )
        .with_columns(first.alias("_first"))
    )
    try:  # metadata in a syntax Rust's regex does not read: Python answers instead
        frame = steps.collect()
        valid = frame["_first"]
        # Nearly every number is of the first type (mobile): the others only for the rest.
        rest = (~valid).arg_true()
        if rest.is_empty() or len(rest) < others_from:
            return valid
        return valid.scatter(rest, frame[rest].select(every)[:, 0])
    except pl.exceptions.PolarsError:
        return None


@cache
def _domestic_check(country: str) -> tuple[str, pl.Expr, pl.Expr] | None:
    """The national prefix of ``country``, and the expressions that say a number is valid
    by the first number type and by any, over columns ``phone``, ``digits``, ``national``
    and ``group …`` (the prefix's own groups, numbered from 2); built once."""
    import polars as pl

    shapes = domestic_shapes(country)
    if shapes is None:
        return None
    national = pl.col("national")
    valid = pl.col("phone").str.contains(_DOMESTIC) & national.is_not_null()
    if shapes.international:
        valid = valid & ~pl.col("digits").str.contains(f"^(?:{shapes.international})")
    for group in range(2, re.compile(shapes.prefix).groups + 2):
        # A carrier code or a transformed prefix: the general parser decides.
        valid = valid & pl.col(f"group {group}").is_null()
    valid = valid & _fits(shapes.general, national)
    first = valid & _fits(shapes.types[0], national)
    every = valid & pl.any_horizontal([_fits(shape, national) for shape in shapes.types])
    return shapes.prefix, first.fill_null(False), every.fill_null(False)

"""The soft phone rules over a polars column: a lost trunk 0, a number cell that lost its
0, a number not plausible for its destination.

They need phonenumbers' judgement, which is Python: it is asked once per distinct
``(phone, destination, from a number cell)``, and only for phones the hard rules passed.
"""

from __future__ import annotations

from collections.abc import Collection, Container
from typing import TYPE_CHECKING

from orderkit.rules.order_rules import Placed, phone_flaw

if TYPE_CHECKING:
    import polars as pl

__all__ = ["check_phones_frame"]


def check_phones_frame(frame: pl.DataFrame, numeric: Container[int], flaws: Placed) -> None:
    """Add the soft phone flaws of ``frame`` (columns ``phone`` and ``_destination``) to
    ``flaws``; ``numeric`` holds the orders whose phone came from a number cell. A phone
    with a flaw already gets none of these."""
    import polars as pl

    already = sorted({i for i, flaw in flaws if flaw.field == "phone"})
    row = pl.int_range(pl.len())
    candidates = (pl.col("phone") != "") & ~row.is_in(pl.Series(already, dtype=pl.Int64).implode())
    if isinstance(numeric, Collection):
        listed = sorted(i for i in numeric if isinstance(i, int) and 0 <= i < frame.height)
        from_number = row.is_in(pl.Series(listed, dtype=pl.Int64).implode())
    else:  # only membership can be asked: ask it of the candidates below
        from_number = pl.lit(None, pl.Boolean)
    found = frame.select(
        row=row.filter(candidates),
        phone=pl.col("phone").filter(candidates),
        destination=pl.col("_destination").filter(candidates),
        numeric=from_number.filter(candidates) if isinstance(numeric, Collection) else None,
    )
    rows: list[int] = found["row"].to_list()
    if isinstance(numeric, Collection):
        numbers: list[bool] = found["numeric"].to_list()
    else:
        numbers = [i in numeric for i in rows]
    keys = list(zip(found["phone"].to_list(), found["destination"].to_list(), numbers, strict=True))
    made = {key: phone_flaw(*key) for key in set(keys)}
    for i, key in zip(rows, keys, strict=True):
        flaw = made[key]
        if flaw is not None:
            flaws.append((i, flaw))

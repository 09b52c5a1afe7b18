"""SKU lines checked over polars columns: a SKU, and a quantity from 1 to 1,000,000."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orderkit.model.problems import Flaw
from orderkit.rules.cross_field import Placed
from orderkit.rules.declarations import QUANTITY
from orderkit.rules.field_rules import parse_quantity
from orderkit.rules.lazy_columns import LazyColumn
from orderkit.rules.order_rules import CheckedLines

if TYPE_CHECKING:
    import polars as pl

__all__ = ["check_lines_frame"]


_PLAIN = "^[0-9]{1,7}$"
"""Up to 1,000,000 in plain ASCII digits (leading zeros too): read by a cast."""


def check_lines_frame(skus: pl.Series, quantities: pl.Series) -> CheckedLines:
    """What :func:`~orderkit.rules.order_rules.check_lines` gives for the same texts."""
    import polars as pl

    if len(skus) != len(quantities):
        raise ValueError(f"{len(skus)} SKUs but {len(quantities)} quantities")
    frame = pl.DataFrame(
        {
            "sku": skus.cast(pl.String).fill_null(""),
            "quantity": quantities.cast(pl.String).fill_null(""),
        }
    )
    text = pl.col("quantity")
    # Nearly every quantity is a few plain digits, which a cast reads as Decimal would;
    # only the rest (separators, a sign, a fraction, junk) are taken apart, by themselves.
    plain = text.str.contains(_PLAIN)
    found = frame.select(
        no_sku=pl.col("sku") == "",
        missing=text == "",
        plain=plain,
        value=pl.when(plain).then(_counted(text.cast(pl.Int64, strict=False))),
    )
    values = found["value"]
    rest = (~found["plain"] & ~found["missing"]).arg_true()
    if not rest.is_empty():
        odd = frame["quantity"].gather(rest).to_frame().select(_read_quantity(text))
        values = values.scatter(rest, odd[:, 0])
    flaws: Placed = [(i, Flaw("sku", "missing")) for i in found["no_sku"].arg_true().to_list()]
    missing: list[int] = found["missing"].arg_true().to_list()
    flaws.extend((i, Flaw("quantity", "missing")) for i in missing)
    rows: list[int] = (~found["missing"] & values.is_null()).arg_true().to_list()
    texts: list[str] = frame["quantity"].gather(rows).to_list() if rows else []
    made = {t: parse_quantity("quantity", t) for t in set(texts)}
    for i, t in zip(rows, texts, strict=True):
        flaw = made[t]
        if not isinstance(flaw, Flaw):
            raise AssertionError(f"quantity {t!r} was refused but parses")
        flaws.append((i, flaw))
    flaws.sort(key=lambda pair: pair[0])
    return CheckedLines(LazyColumn(len(values), values.to_list, values), flaws)


def _counted(number: pl.Expr) -> pl.Expr:
    """``number`` where it is a quantity in range, else null."""
    import polars as pl

    return pl.when(number.is_between(QUANTITY.low, QUANTITY.high)).then(number)


def _read_quantity(text: pl.Expr) -> pl.Expr:
    """The quantity ``text`` says, where it is a whole number in range; else null."""
    import polars as pl

    from orderkit.rules import polars_rules as rules

    whole = rules.number_shaped(text) & ~text.str.contains(rules.FRACTION)
    # The integer part, without separators or a "+": what Decimal and int() would read.
    digits = text.str.replace_all(",", "", literal=True).str.replace(r"\.[0-9]*$", "")
    number = digits.str.strip_prefix("+").cast(pl.Int64, strict=False)
    return pl.when(whole.fill_null(False)).then(_counted(number))

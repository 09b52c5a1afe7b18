"""The polars backend: the declared rules run over whole columns.

:func:`check_orders_frame` and :func:`check_lines_frame` give exactly what
:func:`~orderkit.rules.order_rules.check_orders` and
:func:`~orderkit.rules.order_rules.check_lines` give for the same values: the same flaws in
the same order, the same typed values. polars decides, for every row at once, which values
break a rule; only the rows that do are turned into Python text and a :class:`Flaw`, by the
same Python functions the other backend uses, once per distinct value. What only Python can
judge (``urlsplit`` for a URL off the plain shape, a country suggestion, phonenumbers for a
phone the regexes cannot place) is asked per distinct value too.

polars is imported when a function here is called, never by importing this module.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Mapping, Sequence
from decimal import Decimal
from functools import cache, partial
from typing import TYPE_CHECKING, TypeVar

from orderkit.model.fields import FIELDS
from orderkit.model.problems import Flaw, Severity
from orderkit.rules.cross_field import (
    Placed,
    blank_flaw,
    country_overrides,
    korean_url_flaw,
    postal_code_flaw,
    reword_for_japan,
    sort_flaws,
)
from orderkit.rules.declarations import (
    AMOUNT_FIELDS,
    DEFAULT_COUNTRY,
    JAPAN,
    REQUIRED_ORDER_FIELDS,
    TEXT_RULES,
    VISIBLE_SHAPE,
    HttpUrl,
    postal_shape_of,
)
from orderkit.rules.field_rules import TEXT_CHECKS, parse_amount, postal_code_of
from orderkit.rules.lazy_columns import LazyColumn
from orderkit.rules.lostchars import (
    LOST_CHARACTER_FIELDS,
    lossy_encoding,
    lost_character_message,
    suspect_text,
)
from orderkit.rules.order_rules import CheckedOrders
from orderkit.rules.phones import reword_international
from orderkit.rules.polars_lines import check_lines_frame
from orderkit.rules.polars_phones import check_phones_frame

if TYPE_CHECKING:
    import polars as pl

__all__ = ["check_lines_frame", "check_orders_frame"]

_K = TypeVar("_K", bound=Hashable)

# Every column the order rules read; an absent one reads as empty.
_READ = (
    *REQUIRED_ORDER_FIELDS,
    *TEXT_RULES,
    *AMOUNT_FIELDS,
    *LOST_CHARACTER_FIELDS,
)
# The columns of the field rules (the masks).
_CHECKED = list(dict.fromkeys((*REQUIRED_ORDER_FIELDS, *TEXT_RULES, *AMOUNT_FIELDS)))


def check_orders_frame(
    frame: pl.DataFrame,
    numeric: Mapping[str, Container[int]],
    *,
    encoding: str | None = None,
    won_paid: Mapping[int, str] | None = None,
    yen_paid: Mapping[int, str] | None = None,
) -> CheckedOrders:
    """Check the order-level fields of the orders of ``frame``, one row per order.

    ``frame`` has one text column per canonical field present (``""`` for empty); the
    other arguments are those of :func:`~orderkit.rules.order_rules.check_orders`, and so is
    the result. Its columns are made into Python lists only when read.
    """
    import polars as pl

    count = frame.height
    present = [field for field in FIELDS if field in frame.columns]
    # Every canonical column as text, a null as empty; one the rules read but the frame
    # lacks reads as empty too.
    frame = frame.with_columns(
        [pl.col(f).cast(pl.String).fill_null("") for f in present]
        + [pl.lit("", pl.String).alias(f) for f in dict.fromkeys(_READ) if f not in present]
    )
    # Most rows are plainly fine, by fewer and cheaper expressions than the rules'; the
    # rules themselves run on the others only.
    doubtful = frame.select(_CHECKED).with_row_index("_row").filter(~_plainly_fine())
    found = _Found(doubtful.select("_row", **_field_masks()))

    flaws: Placed = []
    for field in REQUIRED_ORDER_FIELDS:
        flaws.extend((i, Flaw(field, "missing")) for i in found[f"missing {field}"])
        rows = found[f"unseen {field}"]
        flaws.extend(_flawed(rows, _at(frame[field], rows), partial(blank_flaw, field)))
    for field, checks in TEXT_CHECKS.items():
        for n, (rule, check) in enumerate(zip(TEXT_RULES[field], checks, strict=True)):
            rows = found[f"{field} {n}"]
            texts = _at(frame[field], rows)
            if isinstance(rule, HttpUrl):  # off the plain shape: urlsplit decides
                accepted = {text for text in set(texts) if check.accepts(text)}
                texts, rows = _drop(texts, rows, accepted)
            flaws.extend(_flawed(rows, texts, partial(check.flaw, field)))
    for field in AMOUNT_FIELDS:
        rows = found[field]
        flaws.extend(_flawed(rows, _at(frame[field], rows), _amount_flaw(field)))
    amounts = {field: _lazy_amounts(field, frame[field]) for field in AMOUNT_FIELDS}

    destinations = _destinations(frame["country"], flaws)
    frame = frame.with_columns(destinations.alias("_destination"))
    postal = _check_postal_codes(frame, flaws)
    _check_japan(frame, won_paid or {}, flaws)
    if yen_paid:
        rows = sorted(i for i in yen_paid if 0 <= i < count)
        for i, destination in zip(rows, _at(destinations, rows), strict=True):
            if destination == DEFAULT_COUNTRY:  # yen stored as won: ~9 times too low
                flaws.append((i, Flaw("paid_amount", "yen_for_won", yen_paid[i])))
    phone_rows = sorted({i for i, flaw in flaws if flaw.field == "phone"})
    reword_international(
        dict(zip(phone_rows, _at(frame["phone"], phone_rows), strict=True)),
        dict(zip(phone_rows, _at(destinations, phone_rows), strict=True)),
        flaws,
    )
    check_phones_frame(frame, numeric.get("phone", ()), flaws)
    if encoding is not None and lossy_encoding(encoding):
        flaws.extend(_lost_characters(frame, encoding))
    sort_flaws(flaws)

    values: dict[str, Sequence[str]] = {field: _lazy(frame[field]) for field in present}
    values["postal_code"] = _lazy(postal)
    return CheckedOrders(values, amounts, flaws)


@cache
def _plainly_fine() -> pl.Expr:
    """Where surely no field rule flags a row (built once, as the masks are); the other
    rows are left to the masks."""
    import polars as pl

    from orderkit.rules.polars_rules import plainly_fine

    return pl.all_horizontal(
        plainly_fine(
            pl.col(field),
            required=field in REQUIRED_ORDER_FIELDS,
            rules=TEXT_RULES.get(field, ()),
            amount=field in AMOUNT_FIELDS,
        )
        for field in _CHECKED
    )


@cache
def _field_masks() -> dict[str, pl.Expr]:
    """Per rule of one field, where a value breaks it (built once: building costs more than
    running them on a small frame)."""
    import polars as pl

    from orderkit.rules import polars_rules as rules

    col = pl.col
    masks: dict[str, pl.Expr] = {}
    for field in REQUIRED_ORDER_FIELDS:
        masks[f"missing {field}"] = col(field) == ""
        # Few values lack every surely visible character; Python decides those one by one.
        masks[f"unseen {field}"] = (col(field) != "") & ~col(field).str.contains(VISIBLE_SHAPE)
    for field, declared in TEXT_RULES.items():
        for n, rule in enumerate(declared):
            masks[f"{field} {n}"] = (col(field) != "") & ~rules.accepts(rule, col(field))
    for field in AMOUNT_FIELDS:
        text = col(field)
        shaped = rules.number_shaped(text)
        masks[field] = (text != "") & (~shaped | rules.below_zero(text))
    return masks


class _Found:
    """Boolean columns of one frame, read by name: the rows where each is true. Only the
    rows where any is true are turned into Python, once. A column ``_row`` says which row
    of the whole frame each row is (when ``masks`` covers only some)."""

    def __init__(self, masks: pl.DataFrame) -> None:
        import polars as pl

        if "_row" not in masks.columns:
            masks = masks.with_row_index("_row")
        flagged = masks.filter(pl.any_horizontal(pl.exclude("_row")))
        self._columns = flagged.to_dict(as_series=False)

    def __getitem__(self, name: str) -> list[int]:
        rows = self._columns["_row"]
        return [row for row, on in zip(rows, self._columns[name], strict=True) if on]


def _at(column: pl.Series, rows: list[int]) -> list[str]:
    values: list[str] = column.gather(rows).to_list() if rows else []
    return values


def _drop(texts: list[str], rows: list[int], drop: set[str]) -> tuple[list[str], list[int]]:
    if not drop:
        return texts, rows
    kept = [(text, i) for text, i in zip(texts, rows, strict=True) if text not in drop]
    return [text for text, _ in kept], [i for _, i in kept]


def _flawed(rows: list[int], keys: list[_K], make: Callable[[_K], Flaw | None]) -> Placed:
    """``(row, flaw)`` for each row whose key ``make`` finds a flaw for, asked once per
    distinct key."""
    made = {key: make(key) for key in set(keys)}
    placed: Placed = []
    for i, key in zip(rows, keys, strict=True):
        flaw = made[key]
        if flaw is not None:
            placed.append((i, flaw))
    return placed


def _amount_flaw(field: str) -> Callable[[str], Flaw | None]:
    def flaw(text: str) -> Flaw | None:
        parsed = parse_amount(field, text)
        return parsed if isinstance(parsed, Flaw) else None

    return flaw


def _lazy(column: pl.Series) -> LazyColumn[str]:
    return LazyColumn(len(column), column.to_list, column)


def _lazy_amounts(field: str, column: pl.Series) -> LazyColumn[Decimal | None]:
    def make() -> list[Decimal | None]:
        distinct = column.unique().to_list()
        by_text: dict[str, Decimal | None] = {}
        for text in distinct:
            parsed = parse_amount(field, text) if text else None
            by_text[text] = parsed if isinstance(parsed, Decimal) else None
        return [by_text[text] for text in column.to_list()]

    return LazyColumn(len(column), make)


def _destinations(countries: pl.Series, flaws: Placed) -> pl.Series:
    """The country to check each order's address against; null where there is none."""
    import polars as pl

    destinations = countries.to_frame("c").select(
        pl.when(pl.col("c") == "").then(pl.lit(DEFAULT_COUNTRY)).otherwise(pl.col("c"))
    )[:, 0]
    overrides = country_overrides(flaws)
    if overrides:
        rows = sorted(overrides)
        fixed = pl.Series([overrides[i] for i in rows], dtype=pl.String)
        destinations = destinations.scatter(rows, fixed)
    return destinations


def _check_postal_codes(frame: pl.DataFrame, flaws: Placed) -> pl.Series:
    """Flaws of the postal codes that do not fit their destination; the codes, those
    that only lost their leading 0 restored."""
    import polars as pl

    from orderkit.rules.polars_rules import whole

    destination = pl.col("_destination")
    countries: list[str] = frame["_destination"].drop_nulls().unique().sort().to_list()
    if not countries:
        return frame["postal_code"]
    # One pass per distinct shape, not per country: every country without a shape of its
    # own shares the loose one, and orders may go to all 249 of them.
    by_shape: dict[str, list[str]] = {}
    for country in countries:
        by_shape.setdefault(postal_shape_of(country).shape, []).append(country)
    codes = frame.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("_row"), "postal_code", "_destination"
    ).filter(pl.col("postal_code") != "")
    restored_rows: list[int] = []
    restored: list[str] = []
    for shape, members in by_shape.items():
        # Each shape is asked only of the codes of its own destinations.
        bound = destination == members[0] if len(members) == 1 else destination.is_in(members)
        mine = codes.filter(bound.fill_null(False))
        wrong = mine.filter(~pl.col("postal_code").str.contains(whole(shape)))
        if wrong.is_empty():
            continue
        rows: list[int] = wrong["_row"].to_list()
        destinations: list[str] = wrong["_destination"].to_list()
        keys = list(zip(destinations, wrong["postal_code"].to_list(), strict=True))
        made = {key: postal_code_flaw(postal_code_of(key[0]), key[1]) for key in set(keys)}
        for i, key in zip(rows, keys, strict=True):
            fixed, flaw = made[key]
            if fixed is not None:
                restored_rows.append(i)
                restored.append(fixed)
            flaws.append((i, flaw))
    if not restored_rows:
        return frame["postal_code"]
    return frame["postal_code"].scatter(restored_rows, pl.Series(restored, dtype=pl.String))


def _check_japan(frame: pl.DataFrame, won: Mapping[int, str], flaws: Placed) -> None:
    """Japan customs: a product URL and the paid amount in whole yen, and every message
    about them in the terms a seller on a Japanese marketplace knows them by."""
    import polars as pl

    from orderkit.rules import polars_rules as rules

    # The customs rules are asked only of the orders to Japan, a small share of most sheets.
    japan = frame.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("_row"),
        "product_url",
        "paid_amount",
        pl.lit(rules.marked(frame.height, won)).alias("_won"),
        (pl.col("_destination") == JAPAN).fill_null(False).alias("_japan"),
    ).filter("_japan")
    if japan.is_empty():
        return
    flawed = sorted({i for i, _ in flaws})
    in_japan = {
        i for i, d in zip(flawed, _at(frame["_destination"], flawed), strict=True) if d == JAPAN
    }
    reword_for_japan(flaws, in_japan)

    is_won = pl.col("_won")
    url, paid = pl.col("product_url"), pl.col("paid_amount")
    counted = (paid != "") & ~is_won & rules.number_shaped(paid) & ~rules.below_zero(paid)
    fraction = paid.str.contains(rules.FRACTION)
    found = _Found(
        japan.select(
            "_row",
            url_required=url == "",
            amount_required=paid == "",
            won=(paid != "") & is_won,
            not_integer=counted & fraction,
            zero=counted & ~fraction & ~paid.str.contains(rules.NONZERO_DIGIT),
            korean=(url != "") & rules.maybe_korean_market(url),
        )
    )
    flaws.extend((i, Flaw("product_url", "url_required")) for i in found["url_required"])
    flaws.extend((i, Flaw("paid_amount", "amount_required")) for i in found["amount_required"])
    # A won amount read as yen would tell customs a price ~9 times too high.
    flaws.extend((i, Flaw("paid_amount", "won_for_yen", won[i])) for i in found["won"])
    for name, message_id in (("not_integer", "not_integer_yen"), ("zero", "zero_yen")):
        rows = found[name]
        paid_texts = _at(frame["paid_amount"], rows)
        flaws.extend(
            (i, Flaw("paid_amount", message_id, text))
            for i, text in zip(rows, paid_texts, strict=True)
        )
    rows = found["korean"]
    flaws.extend(_flawed(rows, _at(frame["product_url"], rows), korean_url_flaw))


def _lost_characters(frame: pl.DataFrame, encoding: str) -> Placed:
    import polars as pl

    message_id = lost_character_message(encoding)
    found = _Found(
        frame.select(
            **{f: pl.col(f).str.contains("?", literal=True) for f in LOST_CHARACTER_FIELDS}
        )
    )
    flaws: Placed = []
    for field in LOST_CHARACTER_FIELDS:
        rows = found[field]

        def lost(text: str, field: str = field) -> Flaw | None:
            if not suspect_text(text):
                return None
            return Flaw(field, message_id, text, severity=Severity.WARNING)

        flaws.extend(_flawed(rows, _at(frame[field], rows), lost))
    return flaws

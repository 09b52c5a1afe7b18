"""The SPEC §1 rules on polars, written the way each polars-native library wants them.

Same contract as ``peers.py``: each ``flag_*`` function takes the records (canonical field
names, text values, one SKU line each) and returns the positions of the records it rejects.
Every peer pays the same price to turn the dicts into columns (``frame_of``: one polars
frame of text, NFC-normalised and trimmed), as orderkit's records path does.

polars' regular expressions are Rust's: ``\\d`` and ``\\s`` are Unicode there, so the
patterns below spell out ``[0-9]`` where ``peers.py`` relies on ``re.ASCII``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from peers import COUNTRIES, REQUIRED, URL

FIELDS: Final = (*REQUIRED, "quantity", "country", "product_url", "paid_amount",
                 "order_amount", "total_amount")  # fmt: skip
AMOUNTS: Final = ("order_amount", "total_amount", "paid_amount")
POSITION: Final = "position"

_GROUPED: Final = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+"
NUMBER: Final = rf"^[+-]?(?:{_GROUPED})(?:\.[0-9]+)?$"
WHOLE: Final = rf"^[+-]?(?:{_GROUPED})(?:\.0+)?$"  # a number equal to a whole number
PHONE: Final = r"^[0-9()+\-]{1,15}$"
KR_POSTAL: Final = r"^(?:0[1-9]|[1-5][0-9]|6[0-3])[0-9]{3}$"
JP_POSTAL: Final = r"^(?:[0-9]{3}-[0-9]{4}|[0-9]{7})$"
OTHER_POSTAL: Final = r"^[A-Za-z0-9][A-Za-z0-9 -]{0,9}$"
URL_PATTERN: Final = rf"(?i)^(?:{URL.pattern})$"


def frame_of(records: Sequence[dict[str, Any]]) -> Any:
    """The records as one frame of text columns, NFC-normalised and trimmed, numbered."""
    import polars as pl

    frame = pl.from_dicts(records, schema=dict.fromkeys(FIELDS, pl.String))
    return frame.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias(POSITION),
        *[pl.col(f).fill_null("").str.normalize("NFC").str.strip_chars() for f in FIELDS],
    )


# The rules as polars expressions, shared by the peers below ------------------------------


def quantity_ok(column: Any) -> Any:
    """A whole number from 1 to 1,000,000 (``"1,000"`` is 1000)."""
    import polars as pl

    whole = column.str.replace_all(",", "").str.replace(r"\.0+$", "").str.strip_prefix("+")
    value = whole.cast(pl.Int64, strict=False)  # too many digits: null, so out of range
    return column.str.contains(WHOLE) & value.is_between(1, 1_000_000).fill_null(False)


def amount_ok(column: Any) -> Any:
    """Empty, or a number that is not below zero (``-0`` is zero)."""
    negative = column.str.starts_with("-") & column.str.contains("[1-9]")
    return (column == "") | (column.str.contains(NUMBER) & ~negative)


def destination() -> Any:
    """The country (empty means KR)."""
    import polars as pl

    return pl.when(pl.col("country") == "").then(pl.lit("KR")).otherwise(pl.col("country"))


def postal_ok() -> Any:
    import polars as pl

    postal, country = pl.col("postal_code"), destination()
    return (
        pl.when(country == "KR")
        .then(postal.str.contains(KR_POSTAL))
        .when(country == "JP")
        .then(postal.str.contains(JP_POSTAL))
        .otherwise(postal.str.contains(OTHER_POSTAL))
    )


def customs_ok() -> Any:
    """Japan-bound orders carry a product URL and a paid amount in whole yen."""
    import polars as pl

    japan = destination() == "JP"
    paid = pl.col("paid_amount")
    return ~japan | ((pl.col("product_url") != "") & paid.str.contains(WHOLE))


def country_ok(column: Any) -> Any:
    return (column == "") | column.is_in(sorted(COUNTRIES))


def url_ok(column: Any) -> Any:
    return (column == "") | column.str.contains(URL_PATTERN)


def name_ok(column: Any) -> Any:
    return column.str.len_chars() <= 20  # characters, not bytes


def every_rule() -> Any:
    """Every rule as one boolean expression: true for a row that passes."""
    import polars as pl

    checks = [pl.col(f) != "" for f in REQUIRED]
    checks += [
        name_ok(pl.col("recipient_name")),
        pl.col("phone").str.contains(PHONE),
        quantity_ok(pl.col("quantity")),
        country_ok(pl.col("country")),
        url_ok(pl.col("product_url")),
        *[amount_ok(pl.col(f)) for f in AMOUNTS],
        postal_ok(),
        customs_ok(),
    ]
    return pl.all_horizontal(checks)


def positions(frame: Any) -> set[int]:
    return set(frame.get_column(POSITION).to_list())


# plain polars: one filter ----------------------------------------------------------------


def flag_polars(records: Sequence[dict[str, Any]]) -> set[int]:
    return positions(frame_of(records).filter(~every_rule()))


# dataframely -------------------------------------------------------------------------------


def dataframely_schema() -> Any:
    import dataframely as dy

    def text(**options: Any) -> Any:
        return dy.String(nullable=False, **options)

    # min_length and max_length count bytes in dataframely: 20 Hangul are 60 bytes, so the
    # name's limit in characters is a check, not max_length.
    class OrderRows(dy.Schema):
        position = dy.Int64(nullable=False)
        order_number = text(min_length=1)
        recipient_name = text(min_length=1, check=name_ok)
        phone = text(regex=PHONE)
        postal_code = text(min_length=1)
        address = text(min_length=1)
        sku = text(min_length=1)
        quantity = text(check=quantity_ok)
        country = text(check=country_ok)
        product_url = text(check=url_ok)
        paid_amount = text(check=amount_ok)
        order_amount = text(check=amount_ok)
        total_amount = text(check=amount_ok)

        @dy.rule()
        def postal_code_for_destination(cls) -> Any:
            return postal_ok()

        @dy.rule()
        def japan_customs(cls) -> Any:
            return customs_ok()

    return OrderRows


def flag_dataframely(records: Sequence[dict[str, Any]], schema: Any) -> set[int]:
    _, failure = schema.filter(frame_of(records))
    return positions(failure.invalid())


# pandera's polars backend ------------------------------------------------------------------


def pandera_polars_schema() -> Any:
    import pandera.polars as pa
    import polars as pl

    def text(*checks: Any) -> Any:
        return pa.Column(str, checks=list(checks))

    def on_column(rule: Any) -> Any:
        return pa.Check(lambda data: data.lazyframe.select(rule(pl.col(data.key))))

    def on_frame(rule: Any) -> Any:
        return pa.Check(lambda data: data.lazyframe.select(rule()))

    return pa.DataFrameSchema(
        {
            POSITION: pa.Column(pl.Int64),
            **{field: text(pa.Check.str_length(min_value=1)) for field in REQUIRED},
            "recipient_name": text(pa.Check.str_length(min_value=1), on_column(name_ok)),
            "phone": text(pa.Check.str_matches(PHONE)),
            "quantity": text(on_column(quantity_ok)),
            "country": text(on_column(country_ok)),
            "product_url": text(on_column(url_ok)),
            **{field: text(on_column(amount_ok)) for field in AMOUNTS},
        },
        checks=[on_frame(postal_ok), on_frame(customs_ok)],
    )


def flag_pandera_polars(records: Sequence[dict[str, Any]], schema: Any) -> set[int]:
    import pandera.errors

    frame = frame_of(records)
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        index = errors.failure_cases.get_column("index").drop_nulls()
        return {int(frame[POSITION][int(i)]) for i in index.to_list()}
    return set()


# patito --------------------------------------------------------------------------------------


def patito_model() -> Any:
    import patito as pt
    import polars as pl

    def text(*constraints: Any, **options: Any) -> Any:
        return pt.Field(constraints=list(constraints) or None, **options)

    # Row rules that read several columns sit on the column they report.
    class OrderRow(pt.Model):
        position: int
        order_number: str = text(min_length=1)
        recipient_name: str = text(name_ok(pl.col("recipient_name")), min_length=1)
        phone: str = text(pattern=PHONE)
        postal_code: str = text(postal_ok(), min_length=1)
        address: str = text(min_length=1)
        sku: str = text(min_length=1)
        quantity: str = text(quantity_ok(pl.col("quantity")))
        country: str = text(country_ok(pl.col("country")))
        product_url: str = text(url_ok(pl.col("product_url")))
        paid_amount: str = text(amount_ok(pl.col("paid_amount")), customs_ok())
        order_amount: str = text(amount_ok(pl.col("order_amount")))
        total_amount: str = text(amount_ok(pl.col("total_amount")))

    return OrderRow


def patito_accepts(frame: Any, model: Any) -> bool:
    """patito tells whether a frame is valid and how many rows break each column's rules,
    never which rows: that is all it is timed doing."""
    import patito as pt

    try:
        model.validate(frame)
    except pt.exceptions.DataFrameValidationError:
        return False
    return True


def check_patito(records: Sequence[dict[str, Any]], model: Any) -> bool:
    return patito_accepts(frame_of(records), model)


def patito_flags_exactly(records: Sequence[dict[str, Any]], model: Any, bad: set[int]) -> bool:
    """patito rejects each known bad record on its own and accepts all the others at once."""
    frame = frame_of(records)
    good = frame.filter(~frame.get_column(POSITION).is_in(sorted(bad)))
    if not patito_accepts(good, model):
        return False
    return all(not patito_accepts(frame.slice(position, 1), model) for position in sorted(bad))

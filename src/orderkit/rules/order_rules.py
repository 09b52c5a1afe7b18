"""Checking orders' canonical fields, a whole column at a time: per field, then across
fields. This is the Python backend of the rules declared in
:mod:`orderkit.rules.declarations`: each distinct value is checked once, in Python. It
serves a form's dict, a list of records and a sheet alike;
:mod:`orderkit.rules.polars_backend` gives the same answers over polars columns.

Each column holds one value per order (order-level fields) or per SKU line (``sku``,
``quantity``), as normalised text; ``""`` is empty.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Container, Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from orderkit.model.fields import FIELDS
from orderkit.model.problems import Flaw
from orderkit.model.values import Address, Order, Payment, Recipient, SkuLine
from orderkit.rules.cross_field import (
    Placed,
    blank_flaw,
    country_overrides,
    korean_url_flaw,
    phone_flaw,
    postal_code_flaw,
    reword_for_japan,
    sort_flaws,
)
from orderkit.rules.declarations import (
    AMOUNT_FIELDS,
    DEFAULT_COUNTRY,
    JAPAN,
    REQUIRED_ORDER_FIELDS,
)
from orderkit.rules.field_rules import (
    TEXT_CHECKS,
    Check,
    parse_amount,
    parse_quantity,
    postal_code_of,
)
from orderkit.rules.lostchars import lossy_encoding, lost_characters
from orderkit.rules.phones import reword_international

__all__ = [
    "COLUMNS_COLD_FROM",
    "COLUMNS_FROM",
    "DEFAULT_COUNTRY",
    "REQUIRED_ORDER_FIELDS",
    "CheckedLines",
    "CheckedOrders",
    "build_order",
    "check_lines",
    "check_orders",
    "check_orders_per_value",
]


@attrs.frozen
class CheckedOrders:
    """The typed values of every order, and the flaws found, by order index."""

    values: Mapping[str, Sequence[str]]
    """The text columns as checked (a restored postal code included)."""
    amounts: Mapping[str, Sequence[Decimal | None]]
    flaws: Placed


@attrs.frozen
class CheckedLines:
    quantities: Sequence[int | None]
    flaws: Placed


def check_orders(
    values: Mapping[str, Sequence[str]],
    numeric: Mapping[str, Container[int]],
    count: int,
    *,
    encoding: str | None = None,
    won_paid: Mapping[int, str] | None = None,
    yen_paid: Mapping[int, str] | None = None,
) -> CheckedOrders:
    """Check the order-level fields of ``count`` orders.

    ``values`` maps canonical fields to one text per order (an absent field is empty);
    ``numeric`` names, per field, the orders whose value came from a number cell;
    ``encoding`` is the text encoding the values were decoded from, when they came from a
    file's bytes (a CSV file), else ``None``; ``won_paid`` the paid amounts, as written,
    that were marked in won (``"39,800원"``), by order index; ``yen_paid`` those marked in
    yen (``"¥3,980"``), which a Korean order cannot have.

    Many orders are checked over columns by
    :func:`~orderkit.rules.polars_backend.check_orders_frame` (same answers, faster) when
    polars is installed: from :data:`COLUMNS_FROM` orders once polars is loaded, from
    :data:`COLUMNS_COLD_FROM` while loading it is still to be paid for.
    """
    if _on_columns(values, count):
        checked = _check_on_columns(values, numeric, encoding, won_paid, yen_paid)
        if checked is not None:
            return checked
    return check_orders_per_value(
        values, numeric, count, encoding=encoding, won_paid=won_paid, yen_paid=yen_paid
    )


def check_orders_per_value(
    values: Mapping[str, Sequence[str]],
    numeric: Mapping[str, Container[int]],
    count: int,
    *,
    encoding: str | None = None,
    won_paid: Mapping[int, str] | None = None,
    yen_paid: Mapping[int, str] | None = None,
) -> CheckedOrders:
    """:func:`check_orders` in Python, one distinct value at a time, whatever the number
    of orders."""
    empty: Sequence[str] = [""] * count

    def column(field: str) -> Sequence[str]:
        found = values.get(field)
        return found if found is not None else empty

    flaws: Placed = []
    for field in REQUIRED_ORDER_FIELDS:
        texts = column(field)
        flaws.extend((i, Flaw(field, "missing")) for i, v in enumerate(texts) if not v)
        blank = {v: flaw for v in set(texts) if v and (flaw := blank_flaw(field, v)) is not None}
        if blank:
            flaws.extend((i, blank[v]) for i, v in enumerate(texts) if v in blank)
    for field, checks in TEXT_CHECKS.items():
        texts = column(field)
        distinct = set(texts)
        distinct.discard("")
        for check in checks:
            flaws.extend((i, check.flaw(field, texts[i])) for i in _failing(texts, distinct, check))
    amounts = {field: _amounts(field, column(field), flaws) for field in AMOUNT_FIELDS}

    checked = {field: column(field) for field in FIELDS if field in values}
    destinations = _destinations(column("country"), flaws)
    checked["postal_code"] = _check_postal_codes(column("postal_code"), destinations, flaws)
    _check_japan(
        destinations, column("product_url"), column("paid_amount"), amounts, won_paid, flaws
    )
    for i, text in (yen_paid or {}).items():
        if destinations[i] == DEFAULT_COUNTRY:  # yen stored as won: ~9 times too low
            flaws.append((i, Flaw("paid_amount", "yen_for_won", text)))
    reword_international(column("phone"), destinations, flaws)
    _check_phones(column("phone"), destinations, numeric.get("phone", ()), flaws)
    if encoding is not None and lossy_encoding(encoding):
        flaws.extend(lost_characters(column, count, encoding))
    sort_flaws(flaws)
    return CheckedOrders(checked, amounts, flaws)


COLUMNS_FROM: Final = 5_000
"""Orders from which checking over polars columns is faster, frame building included
(``benchmarks/rule_backends.py``: the two cross between 1,000 and 3,000 orders)."""
COLUMNS_COLD_FROM: Final = 50_000
"""…and from which it is faster even when polars must first be imported (0.15-0.5 s)."""


def _on_columns(values: Mapping[str, Sequence[str]], count: int) -> bool:
    if count < COLUMNS_FROM or not values or any(len(v) != count for v in values.values()):
        return False
    if "polars" in sys.modules:
        return True
    return count >= COLUMNS_COLD_FROM and importlib.util.find_spec("polars") is not None


def _check_on_columns(
    values: Mapping[str, Sequence[str]],
    numeric: Mapping[str, Container[int]],
    encoding: str | None,
    won_paid: Mapping[int, str] | None,
    yen_paid: Mapping[int, str] | None,
) -> CheckedOrders | None:
    """The orders checked over columns; ``None`` when their text cannot be a polars column
    (a lone surrogate, which UTF-8 cannot hold, from a dict)."""
    import polars as pl

    from orderkit.rules.polars_backend import check_orders_frame

    try:
        columns = [
            pl.Series(f, v if isinstance(v, list | tuple) else list(v), dtype=pl.String)
            for f, v in values.items()
        ]
    except (UnicodeEncodeError, TypeError):
        return None
    frame = pl.DataFrame(columns)
    return check_orders_frame(
        frame, numeric, encoding=encoding, won_paid=won_paid, yen_paid=yen_paid
    )


def _failing(texts: Sequence[str], distinct: set[str], check: Check) -> list[int]:
    """Positions whose value ``check`` rejects. Each distinct value is checked once: a
    column of 5,000 orders holds far fewer names, addresses and URLs than rows."""
    accepts = check.accepts
    rejected = {value for value in distinct if not accepts(value)}
    return [i for i, value in enumerate(texts) if value in rejected] if rejected else []


def _amounts(field: str, texts: Sequence[str], flaws: Placed) -> list[Decimal | None]:
    by_text = {text: parse_amount(field, text) for text in set(texts) if text}
    if not by_text:
        return [None] * len(texts)
    parsed: list[Decimal | None] = [None] * len(texts)
    for i, text in enumerate(texts):
        if text:
            amount = by_text[text]
            if isinstance(amount, Flaw):
                flaws.append((i, amount))
            else:
                parsed[i] = amount
    return parsed


def _destinations(countries: Sequence[str], flaws: Placed) -> list[str | None]:
    """The country to check each address against.

    A bad country code is an error either way; when it has an obvious meaning (``jp``) the
    rest of the order is still checked against that country, so that one round of fixes
    is enough. ``None``: no country to check against.
    """
    destinations: list[str | None] = [c or DEFAULT_COUNTRY for c in countries]
    for i, destination in country_overrides(flaws).items():
        destinations[i] = destination
    return destinations


def _check_postal_codes(
    texts: Sequence[str], destinations: Sequence[str | None], flaws: Placed
) -> list[str]:
    checked = list(texts)
    # The orders of each destination, found in one pass: orders may go to 249 countries.
    by_country: dict[str, list[int]] = {}
    for i, destination in enumerate(destinations):
        if destination is not None:
            by_country.setdefault(destination, []).append(i)
    for country, positions in by_country.items():
        rule = postal_code_of(country)
        distinct = {texts[i] for i in positions}
        distinct.discard("")
        rejected = {text for text in distinct if not rule.accepts(text)}
        for i in [i for i in positions if texts[i] in rejected] if rejected else ():
            restored, flaw = postal_code_flaw(rule, texts[i])
            if restored is not None:
                checked[i] = restored
            flaws.append((i, flaw))
    return checked


def _check_japan(
    destinations: Sequence[str | None],
    urls: Sequence[str],
    paid_texts: Sequence[str],
    amounts: Mapping[str, Sequence[Decimal | None]],
    won_paid: Mapping[int, str] | None,
    flaws: Placed,
) -> None:
    """Japan customs: a product URL and the paid amount in whole yen, and every message
    about them in the terms a seller on a Japanese marketplace knows them by."""
    japan = [i for i, country in enumerate(destinations) if country == JAPAN]
    if not japan:
        return
    reword_for_japan(flaws, set(japan))
    paid = amounts["paid_amount"]
    won = won_paid or {}
    for i in japan:
        if not urls[i]:
            flaws.append((i, Flaw("product_url", "url_required")))
        amount = paid[i]
        if not paid_texts[i]:
            flaws.append((i, Flaw("paid_amount", "amount_required")))
        elif i in won:
            # A won amount read as yen would tell customs a price ~9 times too high.
            flaws.append((i, Flaw("paid_amount", "won_for_yen", won[i])))
        elif amount is not None and amount != amount.to_integral_value():
            flaws.append((i, Flaw("paid_amount", "not_integer_yen", paid_texts[i])))
        elif amount == 0:  # customs declares the real price, never nothing
            flaws.append((i, Flaw("paid_amount", "zero_yen", paid_texts[i])))
        korean = korean_url_flaw(urls[i]) if urls[i] else None
        if korean is not None:
            flaws.append((i, korean))


def _check_phones(
    phones: Sequence[str],
    destinations: Sequence[str | None],
    numeric: Container[int],
    flaws: Placed,
) -> None:
    already = {i for i, flaw in flaws if flaw.field == "phone"}
    for i, (phone, country) in enumerate(zip(phones, destinations, strict=True)):
        if not phone or i in already:
            continue
        flaw = phone_flaw(phone, country, i in numeric)
        if flaw is not None:
            flaws.append((i, flaw))


def check_lines(skus: Sequence[str], quantities: Sequence[str]) -> CheckedLines:
    """Check SKU lines: a warehouse SKU and a quantity from 1 to 1,000,000 each."""
    flaws: Placed = [(i, Flaw("sku", "missing")) for i, sku in enumerate(skus) if not sku]
    parsed: list[int | None] = [None] * len(quantities)
    for i, text in enumerate(quantities):
        if not text:
            flaws.append((i, Flaw("quantity", "missing")))
            continue
        quantity = parse_quantity("quantity", text)
        if isinstance(quantity, Flaw):
            flaws.append((i, quantity))
        else:
            parsed[i] = quantity
    flaws.sort(key=lambda pair: pair[0])
    return CheckedLines(parsed, flaws)


def build_order(checked: CheckedOrders, index: int, lines: tuple[SkuLine, ...]) -> Order:
    """The :class:`Order` at ``index`` of orders that passed :func:`check_orders`."""
    values = checked.values

    def text(field: str) -> str:
        column = values.get(field)
        return column[index] if column is not None else ""

    def optional(field: str) -> str | None:
        return text(field) or None

    def amount(field: str) -> Decimal | None:
        return checked.amounts[field][index]

    return Order(
        platform=text("platform"),
        order_number=text("order_number"),
        recipient=Recipient(
            name=text("recipient_name"),
            phone=text("phone"),
            address=Address(
                postal_code=text("postal_code"),
                base=text("address"),
                detail=optional("address_detail"),
            ),
        ),
        lines=lines,
        country=text("country") or DEFAULT_COUNTRY,
        brand=optional("brand"),
        product_url=optional("product_url"),
        delivery_message=optional("delivery_message"),
        payment=Payment(amount("order_amount"), amount("paid_amount"), amount("total_amount")),
    )

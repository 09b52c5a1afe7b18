"""Checking one order's canonical fields: per field, then across fields.

This is the one place the SPEC §1 rules are applied. It works on normalised text (see
:mod:`orderkit.text`) so that a form post, a dict from a service and a sheet row are all held
to exactly the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from decimal import Decimal
from typing import Final

from orderkit.fields import FIELDS
from orderkit.model import Address, Order, Payment, Recipient, SkuLine
from orderkit.phones import phone_plausible
from orderkit.problems import Flaw, Severity
from orderkit.rules import (
    COUNTRY_CHECKS,
    NAME_CHECKS,
    PHONE_CHECKS,
    URL_CHECKS,
    Check,
    parse_amount,
    parse_quantity,
)

__all__ = ["REQUIRED_ORDER_FIELDS", "build_order", "check_line", "check_order_fields"]

REQUIRED_ORDER_FIELDS: Final = (
    "platform",
    "order_number",
    "recipient_name",
    "phone",
    "postal_code",
    "address",
)
_TEXT_CHECKS: Final[Mapping[str, tuple[Check, ...]]] = {
    "recipient_name": NAME_CHECKS,
    "phone": PHONE_CHECKS,
    "country": COUNTRY_CHECKS,
    "product_url": URL_CHECKS,
}
_AMOUNTS: Final = ("order_amount", "paid_amount", "total_amount")
_OPTIONAL_TEXT: Final = ("brand", "product_url", "address_detail", "delivery_message")
DEFAULT_COUNTRY: Final = "KR"
_FIELD_ORDER: Final = {field: index for index, field in enumerate(FIELDS)}

# A number-typed phone this long cannot be a domestic number that legitimately lacks a
# leading 0 (those are 8-digit service numbers such as 1588-xxxx): its 0 was lost.
_LOST_ZERO_MIN_DIGITS: Final = 9


def check_order_fields(
    texts: Mapping[str, str], numeric: Container[str] = ()
) -> tuple[dict[str, object], list[Flaw]]:
    """Check the order-level fields of one order.

    ``texts`` maps canonical field names to normalised text (missing or ``""`` is empty);
    ``numeric`` names the fields whose source value was a number (an Excel number cell).
    Returns the typed values and every flaw found.
    """
    flaws: list[Flaw] = []
    clean: dict[str, object] = {}
    for field in REQUIRED_ORDER_FIELDS:
        text = texts.get(field, "")
        if not text:
            flaws.append(Flaw(field, "missing"))
        clean[field] = text
    for field in _OPTIONAL_TEXT:
        clean[field] = texts.get(field) or None
    for field, checks in _TEXT_CHECKS.items():
        text = texts.get(field, "")
        if text:
            for check in checks:
                flaw = check(field, text)
                if flaw is not None:
                    flaws.append(flaw)
    for field in _AMOUNTS:
        text = texts.get(field, "")
        amount = parse_amount(field, text) if text else None
        if isinstance(amount, Flaw):
            flaws.append(amount)
            amount = None
        clean[field] = amount

    country = texts.get("country") or DEFAULT_COUNTRY
    clean["country"] = country
    destination = _destination(country, flaws)
    if destination is not None:
        _check_postal_code(destination, clean, texts, numeric, flaws)
        _check_destination(destination, texts, clean, flaws)
    _check_phone(clean, numeric, destination, flaws)
    flaws.sort(key=lambda flaw: _FIELD_ORDER.get(flaw.field, len(_FIELD_ORDER)))
    return clean, flaws


def _destination(country: str, flaws: list[Flaw]) -> str | None:
    """The country to check the address against.

    A bad country code is an error either way; when it has an obvious meaning (``jp``) the
    rest of the order is still checked against that country, so that one round of fixes
    is enough.
    """
    for flaw in flaws:
        if flaw.field == "country":
            return str(dict(flaw.params)["suggestion"]) if flaw.params else None
    return country


def _check_postal_code(
    country: str,
    clean: dict[str, object],
    texts: Mapping[str, str],
    numeric: Container[str],
    flaws: list[Flaw],
) -> None:
    text = texts.get("postal_code", "")
    if not text:
        return
    valid, message_id, digits = _POSTAL_RULES.get(country, (_other_postal, "bad_postal_code", 0))
    if valid(text):
        return
    # A number cell drops the leading 0 of Seoul's 0xxxx (and Hokkaido's 0xx-xxxx).
    if "postal_code" in numeric and digits and len(text) == digits - 1 and text.isdigit():
        restored = "0" + text
        if valid(restored):
            clean["postal_code"] = restored
            flaws.append(
                Flaw(
                    "postal_code",
                    "restored_leading_zero",
                    restored,
                    (("original", text),),
                    Severity.WARNING,
                )
            )
            return
    flaws.append(Flaw("postal_code", message_id, text, (("country", country),)))


def _kr_postal(text: str) -> bool:
    return len(text) == 5 and text.isascii() and text.isdigit() and 1 <= int(text[:2]) <= 63


_JP_POSTAL: Final = re.compile(r"\d{3}-\d{4}|\d{7}", re.ASCII)
_OTHER_POSTAL_SHAPE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{0,9}", re.ASCII)


def _jp_postal(text: str) -> bool:
    return _JP_POSTAL.fullmatch(text) is not None


def _other_postal(text: str) -> bool:
    return _OTHER_POSTAL_SHAPE.fullmatch(text) is not None


_POSTAL_RULES: Final = {
    "KR": (_kr_postal, "bad_postal_code_kr", 5),
    "JP": (_jp_postal, "bad_postal_code_jp", 7),
}


def _check_destination(
    country: str, texts: Mapping[str, str], clean: dict[str, object], flaws: list[Flaw]
) -> None:
    """Japan customs: a product URL and the paid amount in whole yen."""
    if country != "JP":
        return
    if not texts.get("product_url"):
        flaws.append(Flaw("product_url", "url_required"))
    paid_text = texts.get("paid_amount", "")
    paid = clean["paid_amount"]
    if not paid_text:
        flaws.append(Flaw("paid_amount", "amount_required"))
    elif isinstance(paid, Decimal) and paid != paid.to_integral_value():
        flaws.append(Flaw("paid_amount", "not_integer_yen", paid_text))


def _check_phone(
    clean: dict[str, object], numeric: Container[str], country: str | None, flaws: list[Flaw]
) -> None:
    phone = str(clean["phone"])
    if not phone or any(f.field == "phone" for f in flaws):
        return
    if "phone" in numeric and phone.isdigit() and len(phone) >= _LOST_ZERO_MIN_DIGITS:
        flaws.append(Flaw("phone", "lost_leading_zero", phone))
        return
    if country is not None and not phone_plausible(phone, country):
        flaws.append(
            Flaw("phone", "implausible_phone", phone, (("country", country),), Severity.WARNING)
        )


def check_line(sku: str, quantity: str) -> tuple[SkuLine | None, list[Flaw]]:
    """Check one SKU line: a warehouse SKU and a quantity from 1 to 1,000,000."""
    flaws: list[Flaw] = []
    if not sku:
        flaws.append(Flaw("sku", "missing"))
    if not quantity:
        flaws.append(Flaw("quantity", "missing"))
        return None, flaws
    parsed = parse_quantity("quantity", quantity)
    if isinstance(parsed, Flaw):
        flaws.append(parsed)
        return None, flaws
    return (SkuLine(sku, parsed) if sku else None), flaws


def build_order(clean: Mapping[str, object], lines: tuple[SkuLine, ...]) -> Order:
    """The :class:`Order` for fields that passed :func:`check_order_fields`."""

    def text(field: str) -> str:
        return str(clean[field])

    def optional(field: str) -> str | None:
        value = clean[field]
        return None if value is None else str(value)

    def amount(field: str) -> Decimal | None:
        value = clean[field]
        return value if isinstance(value, Decimal) else None

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
        country=text("country"),
        brand=optional("brand"),
        product_url=optional("product_url"),
        delivery_message=optional("delivery_message"),
        payment=Payment(amount("order_amount"), amount("paid_amount"), amount("total_amount")),
    )

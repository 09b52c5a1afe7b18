"""Order value types: frozen, slotted, and plain data all the way down."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

__all__ = ["Address", "Order", "OrderStatus", "Payment", "Recipient", "SkuLine"]


class OrderStatus(enum.StrEnum):
    """Where an order stands. A cancelled order never returns to registered."""

    REGISTERED = "registered"
    CANCELLED = "cancelled"


@attrs.frozen
class Address:
    postal_code: str
    base: str
    """기본 주소: the base address."""
    detail: str | None = None
    """상세 주소: building, floor, unit."""


@attrs.frozen
class Recipient:
    name: str
    phone: str
    address: Address


@attrs.frozen
class Payment:
    order_amount: Decimal | None = None
    paid_amount: Decimal | None = None
    total_amount: Decimal | None = None


@attrs.frozen
class SkuLine:
    sku: str
    quantity: int


def _check_cancellation(order: Order, _: attrs.Attribute[Any], value: datetime | None) -> None:
    if (value is None) != (order.status is OrderStatus.REGISTERED):
        raise ValueError("cancelled_at is set exactly when the order is cancelled")


@attrs.frozen
class Order:
    """One validated order: who gets what, where, and what was paid.

    Build one with :func:`orderkit.order_from_dict`, which applies every rule; the
    constructor itself trusts its arguments.
    """

    platform: str
    order_number: str
    recipient: Recipient
    lines: tuple[SkuLine, ...]
    country: str = "KR"
    brand: str | None = None
    product_url: str | None = None
    delivery_message: str | None = None
    payment: Payment = Payment()
    status: OrderStatus = OrderStatus.REGISTERED
    cancelled_at: datetime | None = attrs.field(default=None, validator=_check_cancellation)

    @property
    def key(self) -> tuple[str, str]:
        """``(platform, order_number)``: what makes an order unique in a store."""
        return (self.platform, self.order_number)

    def to_dict(self) -> dict[str, Any]:
        """The order as plain, JSON-ready data (nested; money and times as text)."""
        from orderkit.model.convert import unstructure_order

        return unstructure_order(self)

    @classmethod
    def from_dict(cls, data: Any) -> Order:
        """The inverse of :meth:`to_dict`; raises ``ValidationError`` on malformed data."""
        from orderkit.model.convert import structure_order

        return structure_order(data)

    def to_record(self) -> dict[str, Any]:
        """The flat canonical fields (SPEC §1) plus ``lines``: what ``order_from_dict`` takes."""
        address = self.recipient.address
        return {
            "platform": self.platform,
            "brand": self.brand,
            "order_number": self.order_number,
            "country": self.country,
            "product_url": self.product_url,
            "recipient_name": self.recipient.name,
            "phone": self.recipient.phone,
            "postal_code": address.postal_code,
            "address": address.base,
            "address_detail": address.detail,
            "delivery_message": self.delivery_message,
            "order_amount": _text(self.payment.order_amount),
            "paid_amount": _text(self.payment.paid_amount),
            "total_amount": _text(self.payment.total_amount),
            "lines": [{"sku": line.sku, "quantity": line.quantity} for line in self.lines],
        }

    def cancel(self, at: datetime) -> Order:
        """A copy of this order, cancelled at ``at``."""
        return attrs.evolve(self, status=OrderStatus.CANCELLED, cancelled_at=at)


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)

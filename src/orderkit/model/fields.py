"""The canonical fields of SPEC §1: names, labels and which level they belong to.

This is the one place that says whether a field is order-level (one value per order; the
rows of an order must agree on it) or line-level (one value per SKU line). A per-line
value, like an amount per product line, never feeds an order-level field.
"""

from __future__ import annotations

from typing import Final

__all__ = ["FIELDS", "LINE_FIELDS", "ORDER_FIELDS", "label", "level"]

# Order-level fields, in the order the standard sheet shows them.
ORDER_FIELDS: Final = (
    "platform",
    "brand",
    "order_number",
    "recipient_name",
    "phone",
    "postal_code",
    "address",
    "address_detail",
    "delivery_message",
    "order_amount",
    "total_amount",
    "product_url",
    "country",
    "paid_amount",
)
LINE_FIELDS: Final = ("sku", "quantity")
FIELDS: Final = ORDER_FIELDS + LINE_FIELDS
# `option` is mapped like a field but only picks a warehouse SKU: it belongs to a line.
_LINE_LEVEL: Final = frozenset({*LINE_FIELDS, "option"})

_LABELS: Final[dict[str, tuple[str, str]]] = {
    "platform": ("판매 플랫폼", "sales platform"),
    "brand": ("브랜드", "brand"),
    "order_number": ("주문 번호", "order number"),
    "country": ("도착국가", "destination country"),
    "product_url": ("판매 상품 URL", "product URL"),
    "recipient_name": ("수취인명", "recipient name"),
    "phone": ("전화번호", "phone"),
    "postal_code": ("우편번호", "postal code"),
    "address": ("기본 주소", "address"),
    "address_detail": ("상세 주소", "address detail"),
    "delivery_message": ("배송 메세지", "delivery message"),
    "order_amount": ("주문 금액", "order amount"),
    "paid_amount": ("결제 금액", "paid amount"),
    "total_amount": ("총 결제 금액", "total amount"),
    "sku": ("SKU", "SKU"),
    "quantity": ("수량", "quantity"),
    "option": ("옵션", "option"),
    "lines": ("SKU 목록", "SKU lines"),
    "order": ("주문", "order"),
}


def label(field: str, locale: str) -> str:
    """The human name of a canonical field; unknown names are shown as given."""
    pair = _LABELS.get(field)
    if pair is None:
        return field
    return pair[0] if locale == "ko" else pair[1]


def level(field: str) -> str:
    """``"order"`` or ``"line"``: whether a field has one value per order or per SKU line."""
    if field in _LINE_LEVEL:
        return "line"
    if field in ORDER_FIELDS:
        return "order"
    raise ValueError(f"{field!r} is not a canonical field")

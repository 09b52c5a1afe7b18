"""orderkit: validate, map and upload e-commerce order sheets for a Korean 3PL warehouse."""

from orderkit.errors import InvalidArgument, OrderkitError, ValidationError
from orderkit.model import Address, Order, OrderStatus, Payment, Recipient, SkuLine
from orderkit.orders import order_from_dict, validate_order
from orderkit.problems import Code, Problem, Severity

__all__ = [
    "Address",
    "Code",
    "InvalidArgument",
    "Order",
    "OrderStatus",
    "OrderkitError",
    "Payment",
    "Problem",
    "Recipient",
    "Severity",
    "SkuLine",
    "ValidationError",
    "order_from_dict",
    "validate_order",
]

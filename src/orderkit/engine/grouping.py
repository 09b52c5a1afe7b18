"""Orders into upload groups: counted in orders, never splitting one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeVar

from orderkit.model.error_texts import error
from orderkit.model.errors import InvalidArgument

__all__ = ["GROUP_SIZE", "MAX_ORDERS", "SMALL_LIMIT", "group_orders", "upload_mode"]

# The upload limits, shared by upload and validate: a file that validates is one that uploads.
GROUP_SIZE: Final = 100
SMALL_LIMIT: Final = 300
MAX_ORDERS: Final = 5000

T = TypeVar("T")


def upload_mode(orders: int, *, small_limit: int, max_orders: int) -> str:
    """``"small"`` (one group), ``"bulk"`` (groups in sequence) or ``"refused"``."""
    if orders > max_orders:
        return "refused"
    return "small" if orders <= small_limit else "bulk"


def group_orders(
    orders: Sequence[T], *, group_size: int, small_limit: int, max_orders: int
) -> list[list[T]]:
    """Split ``orders`` (in file order) into groups; ``[]`` when the upload is refused.

    Small uploads are one group; bulk uploads are groups of ``group_size`` orders. Each item
    is a whole order, so no order is ever split across groups.
    """
    if group_size < 1 or small_limit < 0 or max_orders < 1:
        raise error(InvalidArgument, "group_limits")
    mode = upload_mode(len(orders), small_limit=small_limit, max_orders=max_orders)
    if mode == "refused" or not orders:
        return []
    if mode == "small":
        return [list(orders)]
    return [list(orders[i : i + group_size]) for i in range(0, len(orders), group_size)]

"""What an upload can learn from the orders a store already holds: which fields of a
duplicate differ, which orders of a failed group are registered already, and which
platform the store spells in another case."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Final, Protocol, runtime_checkable

from orderkit.model.fields import label
from orderkit.model.values import Order
from orderkit.rules.identity import same_identity
from orderkit.store.sink import Sink
from orderkit.store.storage import Store, order_content

__all__ = ["KnowsPlatforms", "differing_fields", "registered_same", "similar_platforms"]

_FIELDS: Final[tuple[tuple[str, Callable[[Order], object]], ...]] = (
    ("recipient_name", lambda o: o.recipient.name),
    ("phone", lambda o: o.recipient.phone),
    ("postal_code", lambda o: o.recipient.address.postal_code),
    ("address", lambda o: o.recipient.address.base),
    ("address_detail", lambda o: o.recipient.address.detail),
    ("country", lambda o: o.country),
    ("brand", lambda o: o.brand),
    ("lines", lambda o: o.lines),
    ("product_url", lambda o: o.product_url),
    ("delivery_message", lambda o: o.delivery_message),
    ("order_amount", lambda o: o.payment.order_amount),
    ("paid_amount", lambda o: o.payment.paid_amount),
    ("total_amount", lambda o: o.payment.total_amount),
)


@runtime_checkable
class KnowsPlatforms(Protocol):
    """A store that can list the platforms of the orders it holds."""

    def platforms(self) -> list[str]: ...


def differing_fields(new: Order, stored: Order) -> list[str]:
    """The canonical fields in which ``new`` differs from ``stored``, in field order."""
    return [field for field, value in _FIELDS if value(new) != value(stored)]


def field_names(fields: Iterable[str], locale: str) -> str:
    """Fields as a person reads them: labels in Korean, field names in English."""
    return ", ".join(label(f, locale) if locale == "ko" else f for f in fields)


def stored_order(sink: Sink, key: tuple[str, str]) -> Order | None:
    """The stored order of ``key``, when ``sink`` is a store that can tell."""
    if not isinstance(sink, Store):
        return None
    return sink.get(*key)


def registered_same(sink: Sink, orders: Sequence[Order]) -> set[tuple[str, str]]:
    """The keys of ``orders`` that ``sink`` holds, live, with exactly the same content."""
    if not isinstance(sink, Store) or not orders:
        return set()
    keys = [(o.platform, o.order_number) for o in orders]
    stored = sink.existing(keys)
    same: set[tuple[str, str]] = set()
    for order, key in zip(orders, keys, strict=True):
        if key not in stored:
            continue
        found = sink.get(*key)
        if (
            found is not None
            and found.cancelled_at is None
            and order_content(found) == order_content(order)
        ):
            same.add(key)
    return same


def similar_platforms(sink: Sink, platforms: Iterable[str]) -> dict[str, str]:
    """For each of ``platforms`` the store does not hold but holds in another case, the
    stored spelling."""
    if not isinstance(sink, KnowsPlatforms):
        return {}
    stored = sink.platforms()
    found: dict[str, str] = {}
    for platform in platforms:
        if platform in stored:
            continue
        for other in stored:
            if same_identity(platform, other):
                found[platform] = other
                break
    return found

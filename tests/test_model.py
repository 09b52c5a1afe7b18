"""Value types: immutable, and faithful through unstructure → structure."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given

import orderkit
from orderkit import Order, OrderStatus

from .strategies import valid_order_data
from .test_rules import base


def test_value_types_are_frozen_and_slotted() -> None:
    order = orderkit.order_from_dict(base())
    for value in (order, order.recipient, order.recipient.address, order.payment, order.lines[0]):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.__setattr__("x", 1)
        assert not hasattr(value, "__dict__")


@given(valid_order_data())
def test_every_valid_order_survives_unstructure_then_structure(data: dict[str, Any]) -> None:
    order = orderkit.order_from_dict(data)
    plain = order.to_dict()
    assert Order.from_dict(plain) == order


def test_to_dict_is_json_ready() -> None:
    import json

    order = orderkit.order_from_dict(base(order_amount="1,000.50"))
    plain = order.to_dict()
    assert json.loads(json.dumps(plain)) == plain
    assert plain["payment"]["order_amount"] == "1000.50"
    assert plain["status"] == "registered"


def test_a_cancelled_order_round_trips_with_its_time() -> None:
    at = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    order = orderkit.order_from_dict(base()).cancel(at)
    assert order.status is OrderStatus.CANCELLED
    assert Order.from_dict(order.to_dict()) == order


def test_cancelled_at_goes_with_the_cancelled_status_only() -> None:
    order = orderkit.order_from_dict(base())
    with pytest.raises(ValueError, match="cancelled_at"):
        attrs.evolve(order, cancelled_at=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError, match="cancelled_at"):
        attrs.evolve(order, status=OrderStatus.CANCELLED)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("recipient"),
        lambda d: d.update(extra=1),
        lambda d: d["payment"].update(order_amount="abc"),
        lambda d: d["lines"][0].update(quantity="2"),
        lambda d: d.update(lines="x"),
        lambda d: d.update(status="lost"),
    ],
)
def test_malformed_stored_data_is_a_validation_error(mutate: Any) -> None:
    plain = orderkit.order_from_dict(base()).to_dict()
    mutate(plain)
    with pytest.raises(orderkit.ValidationError) as caught:
        Order.from_dict(plain)
    assert caught.value.problems
    assert all(p.code == "bad_type" for p in caught.value.problems)

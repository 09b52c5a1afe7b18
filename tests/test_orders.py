"""order_from_dict and validate_order: the individual registration path."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

import orderkit
from orderkit import Code

from .strategies import junk_order_data, valid_order_data
from .test_rules import base


def test_order_from_dict_builds_the_whole_order() -> None:
    order = orderkit.order_from_dict(
        base(
            brand="하루상점",
            address_detail="3층",
            delivery_message="문 앞",
            order_amount="32,000",
            total_amount="35000",
            lines=[{"sku": "A", "quantity": 2}, {"sku": "B", "quantity": "1"}],
        )
    )
    assert order.platform == "네이버"
    assert order.brand == "하루상점"
    assert order.order_number == "A-1"
    assert order.country == "KR"
    assert order.product_url is None
    assert order.delivery_message == "문 앞"
    assert order.recipient.name == "홍길동"
    assert order.recipient.phone == "010-1234-5678"
    assert order.recipient.address.postal_code == "04524"
    assert order.recipient.address.base == "서울특별시 중구 세종대로 110"
    assert order.recipient.address.detail == "3층"
    assert str(order.payment.order_amount) == "32000"
    assert str(order.payment.total_amount) == "35000"
    assert order.payment.paid_amount is None
    assert [(line.sku, line.quantity) for line in order.lines] == [("A", 2), ("B", 1)]
    assert order.status is orderkit.OrderStatus.REGISTERED
    assert order.cancelled_at is None


def test_order_from_dict_raises_with_every_problem() -> None:
    with pytest.raises(orderkit.ValidationError) as caught:
        orderkit.order_from_dict(base(phone="", recipient_name="가" * 21, postal_code="1"))
    found = [(p.field, p.code) for p in caught.value.problems]
    assert found == [
        ("recipient_name", "too_long"),
        ("phone", "missing"),
        ("postal_code", "bad_postal_code"),
    ]
    assert isinstance(caught.value, orderkit.OrderkitError)
    assert "3" in str(caught.value)


def test_problems_of_a_dict_have_no_row_but_lines_have_their_index() -> None:
    problems = orderkit.validate_order(
        base(lines=[{"sku": "A", "quantity": 1}, {"sku": "B", "quantity": 0}])
    )
    assert [(p.row, p.line, p.field, p.code) for p in problems] == [
        (None, 1, "quantity", "out_of_range")
    ]


def test_messages_come_in_english_on_request() -> None:
    (problem,) = orderkit.validate_order(base(phone=""), locale="en")
    assert problem.message == "phone is empty. It is required: fill it in."


def test_an_unknown_locale_is_an_invalid_argument() -> None:
    with pytest.raises(orderkit.InvalidArgument, match="locale"):
        orderkit.validate_order(base(), locale="fr")
    with pytest.raises(ValueError, match="locale"):
        orderkit.order_from_dict(base(), locale="jp")


@pytest.mark.parametrize("data", [None, "order", 42, ["a"], b"{}"])
def test_a_non_mapping_is_a_problem_not_a_crash(data: Any) -> None:
    (problem,) = orderkit.validate_order(data)
    assert (problem.field, problem.code) == ("order", Code.BAD_TYPE)


@given(junk_order_data())
def test_junk_input_yields_problems_and_never_another_exception(data: Any) -> None:
    problems = orderkit.validate_order(data)
    assert all(isinstance(p, orderkit.Problem) for p in problems)
    assert all(p.message for p in problems)
    if any(p.is_error for p in problems):
        with pytest.raises(orderkit.ValidationError) as caught:
            orderkit.order_from_dict(data)
        assert caught.value.problems == tuple(problems)
    else:
        assert isinstance(orderkit.order_from_dict(data), orderkit.Order)


@given(valid_order_data())
def test_a_valid_order_round_trips_through_its_record(data: dict[str, Any]) -> None:
    order = orderkit.order_from_dict(data)
    assert orderkit.order_from_dict(order.to_record()) == order

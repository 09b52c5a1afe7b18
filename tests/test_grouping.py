"""Grouping partitions orders in file order and never splits one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.engine.grouping import group_orders, upload_mode


@pytest.mark.parametrize(
    ("orders", "mode"),
    [(1, "small"), (300, "small"), (301, "bulk"), (5000, "bulk"), (5001, "refused")],
)
def test_the_mode_counts_orders(orders: int, mode: str) -> None:
    assert upload_mode(orders, small_limit=300, max_orders=5000) == mode


def test_a_small_upload_is_one_group() -> None:
    assert group_orders(list(range(300)), group_size=100, small_limit=300, max_orders=5000) == [
        list(range(300))
    ]


def test_a_bulk_upload_is_groups_of_group_size() -> None:
    groups = group_orders(list(range(301)), group_size=100, small_limit=300, max_orders=5000)
    assert [len(g) for g in groups] == [100, 100, 100, 1]


def test_a_refused_upload_has_no_groups() -> None:
    assert group_orders(list(range(11)), group_size=5, small_limit=5, max_orders=10) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"group_size": 0, "small_limit": 1, "max_orders": 1},
        {"group_size": 1, "small_limit": -1, "max_orders": 1},
        {"group_size": 1, "small_limit": 1, "max_orders": 0},
    ],
)
def test_nonsense_limits_are_invalid_arguments(kwargs: dict[str, int]) -> None:
    with pytest.raises(orderkit.InvalidArgument):
        group_orders([1], **kwargs)


@given(
    st.integers(0, 400),
    st.integers(1, 50),
    st.integers(0, 100),
    st.integers(1, 400),
)
def test_grouping_partitions_its_input_in_order(
    count: int, group_size: int, small_limit: int, max_orders: int
) -> None:
    orders = list(range(count))
    groups = group_orders(
        orders, group_size=group_size, small_limit=small_limit, max_orders=max_orders
    )
    if count > max_orders or count == 0:
        assert groups == []
        return
    assert [o for g in groups for o in g] == orders
    if count <= small_limit:
        assert len(groups) == 1
    else:
        assert all(len(g) == group_size for g in groups[:-1])
        assert 1 <= len(groups[-1]) <= group_size

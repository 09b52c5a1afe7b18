"""Reading ahead in a worker thread: the same items and errors, in order, no thread left."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.engine.read_ahead import read_ahead


def _threads() -> set[str]:
    return {thread.name for thread in threading.enumerate()}


def _made(items: list[int], fail_at: int | None, closed: list[bool]) -> Iterator[int]:
    try:
        for n, item in enumerate(items):
            if n == fail_at:
                raise ValueError(f"broken at {n}")
            yield item
    finally:
        closed.append(True)


@given(st.lists(st.integers(), max_size=20), st.none() | st.integers(0, 20), st.integers(1, 3))
def test_items_and_the_error_come_out_as_the_iterator_makes_them(
    items: list[int], fail_at: int | None, depth: int
) -> None:
    closed: list[bool] = []
    got: list[int] = []
    failing = fail_at is not None and fail_at < len(items)
    if failing:
        with pytest.raises(ValueError, match=f"broken at {fail_at}"):
            got.extend(read_ahead(_made(items, fail_at, closed), depth=depth))
        assert got == items[:fail_at]
    else:
        got.extend(read_ahead(_made(items, fail_at, closed), depth=depth))
        assert got == items
    assert closed == [True]
    assert "orderkit-read-ahead" not in _threads()


def test_a_caller_that_stops_early_stops_the_worker_and_closes_the_iterator() -> None:
    closed: list[bool] = []
    made: list[int] = []

    def counted() -> Iterator[int]:
        for item in _made(list(range(1_000)), None, closed):
            made.append(item)
            yield item

    ahead = read_ahead(counted(), depth=2)
    assert [next(ahead), next(ahead)] == [0, 1]
    ahead.close()
    assert closed == [True]
    assert len(made) <= 2 + 2 + 1  # the two taken, two waiting, one being made
    assert "orderkit-read-ahead" not in _threads()


def test_an_error_of_the_caller_stops_the_worker() -> None:
    closed: list[bool] = []

    def use() -> None:
        for item in read_ahead(_made(list(range(100)), None, closed)):
            if item == 3:
                raise KeyError(item)

    with pytest.raises(KeyError):
        use()
    assert closed == [True]
    assert "orderkit-read-ahead" not in _threads()


def test_items_are_made_in_another_thread() -> None:
    def names() -> Iterator[str]:
        yield threading.current_thread().name

    assert list(read_ahead(names())) == ["orderkit-read-ahead"]

"""Template patterns cannot hang: refused shapes at load time, a time bound when they run
(issue 11, item 6)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import TemplateError
from orderkit.rules.patterns import COLUMN_SECONDS, compile_pattern, pattern_flaws, run_pattern

from .sheets import STANDARD_HEADER, standard_row, write_csv

# Generous bounds that prove a hang is gone, not speed asserts.
AT_ONCE = 10.0

CATASTROPHIC = [
    "(?P<value>(a+)+$)",
    "(?P<value>(a+)+)$",
    "(?P<value>(a*)*b)",
    "(?P<value>(a|aa)+$)",
    "(?P<value>(a|a)+$)",
    r"(?P<value>(\w+\s?)+$)",
    r"(?P<value>(\d+-?)+)x",
    r"(?P<value>(.*a){12})",
    r"(?P<value>a)(?P=value)",
    r"(?P<value>(a))\2",
    "(?P<value>((a{10}){10}){100})",
    "(?P<value>a{100000})",
    "(?P<value>" + "a?" * 600 + ")",
]


T = TypeVar("T")


def outcome(call: Callable[[], T]) -> T | TemplateError:
    """What ``call`` returned, or the TemplateError it raised: either ends it at once."""
    try:
        return call()
    except TemplateError as error:
        return error


def fields(pattern: str) -> dict[str, object]:
    return {
        "fields": {
            "order_number": "주문번호",
            "postal_code": {"column": "우편번호", "pattern": pattern},
        }
    }


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_catastrophic_pattern_is_refused_when_the_template_loads(pattern: str) -> None:
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        orderkit.load_template(fields(pattern))
    assert time.perf_counter() - started < AT_ONCE
    assert "fields.postal_code.pattern: refused because it" in str(caught.value)
    assert "템플릿 형식이 올바르지 않습니다" in caught.value.localized("ko")
    with pytest.raises(TemplateError):
        orderkit.Column(("우편번호",), pattern=pattern)  # built in Python: the same check


@pytest.mark.parametrize(
    "pattern",
    [
        "〒?(?P<value>.+)",
        r"(?P<value>\d{3}-?\d{4})",
        "(?P<value>[0-9]+)",
        "(?P<value>(a|b)+)",
        r"(?P<value>[^(]+)\(.*\)",
        r"\s*(?P<value>.+?)\s*",
    ],
)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert pattern_flaws(pattern) == []
    orderkit.load_template(fields(pattern))


SLOW_FOR_RE = ["(?P<value>.*).*x", "(?P<value>.+)x", "(?P<value>a*)a*b", ".*(?P<value>\\d+).*"]


@pytest.mark.parametrize("pattern", SLOW_FOR_RE)
def test_accepted_patterns_finish_at_once_on_the_longest_cells(
    tmp_path: Path, pattern: str
) -> None:
    # Polynomial patterns the shape check lets through: Python's re takes minutes on these
    # cells; the bounded engine finishes at once, or stops with an error naming the row.
    template = orderkit.load_template(
        {
            "platform": "수기",
            "fields": {
                **orderkit.standard_template().to_dict()["fields"],
                "address": {"column": "기본주소", "pattern": pattern},
            },
        }
    )
    rows = [STANDARD_HEADER, *(standard_row(f"A-{i}", address="a" * 32_767) for i in range(3))]
    path = write_csv(tmp_path / "long.csv", rows)
    started = time.perf_counter()
    result = outcome(lambda: orderkit.validate_file(path, template))
    if isinstance(result, TemplateError):
        assert "row" in str(result)
    else:
        assert result.counts.rows == 3
    assert time.perf_counter() - started < AT_ONCE + COLUMN_SECONDS


@pytest.mark.parametrize("pattern", ["(a|aa)+$", "(a+)+$", r"(\w+\s?)+$"])
def test_whatever_slips_through_is_stopped_by_the_time_bound(pattern: str) -> None:
    # The run-time bound on its own, as if the shape check had missed these.
    compiled = compile_pattern(pattern)
    texts = ["a" * 30 + "!", "a" * 5_000 + "!"]
    started = time.perf_counter()
    result = outcome(lambda: list(run_pattern(compiled, texts, field="address", rows=[2, 3])))
    if isinstance(result, TemplateError):
        assert "fields.address" in str(result)
        assert "row" in str(result)
        assert "fields.address" in result.localized("ko")
    else:
        assert result == [None, None]
    assert time.perf_counter() - started < AT_ONCE


@given(st.text(alphabet="a!x1-", max_size=40))
def test_the_bounded_engine_agrees_with_re_on_ordinary_patterns(text: str) -> None:
    import re

    for pattern in ("〒?(?P<value>.+)", r"(?P<value>\d+)", "(?P<value>a+)!?"):
        ours = orderkit.Column(("c",), pattern=pattern).transform(text) if text else text
        theirs = re.fullmatch(pattern, text) or re.search(pattern, text)
        expected = theirs.group("value").strip() if theirs else text
        assert ours == (expected if text else text)

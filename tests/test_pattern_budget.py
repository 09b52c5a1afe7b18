"""Template patterns: one time budget per file, not per field, and the polynomial shapes
refused when the template loads (issue 11, red-team round two, item 2)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import orderkit
from orderkit import TemplateError
from orderkit.rules.patterns import (
    CELL_SECONDS,
    FILE_SECONDS,
    PatternBudget,
    compile_pattern,
    pattern_flaws,
    run_pattern,
)

from .sheets import write_csv

POLYNOMIAL = [
    "(?P<value>a+a+a+b)",
    "(?P<value>.*.*.*=.*)",
    r"(?P<value>\d+\d*\d+)-",
    "(?P<value>(a?){30}a{30})",
    "(?P<value>(a?){30})",
    r"(?P<value>(\d|[0-9])+)",
    "(?P<value>([a-z]|[a-c])+)",
    "(?P<value>(ab|a.)+)",
    "(?P<value>(?:x|[x-z]){2,})",
    "(?i)(?P<value>(A|a)+)",
]


@pytest.mark.parametrize("pattern", POLYNOMIAL)
def test_a_polynomial_shape_is_refused_when_the_template_loads(pattern: str) -> None:
    field = {"column": "주문번호", "pattern": pattern}
    with pytest.raises(TemplateError) as caught:
        orderkit.load_template({"fields": {"order_number": field}})
    assert "fields.order_number.pattern: refused because it has" in str(caught.value)
    korean = caught.value.localized("ko")
    assert "끝없이 되짚을 수 있는 정규식이라 쓸 수 없습니다" in korean
    assert "단순하게 고치세요" not in korean  # each reason has its own Korean


@pytest.mark.parametrize(
    "pattern",
    [
        "(?P<value>(a|b)+)",
        "(?P<value>(ab|ac)+)",
        "(?P<value>(a|[^a])+)",
        r"\s*(?P<value>.+?)\s*",
        r"(?P<value>.+)\s+\d+",
        r"(?P<value>[가-힣]+)\s*\d+",
        r"(?P<value>\d{3}-?\d{4})",
        r"(?P<value>(\d{2,3}-)?\d{3,4}-\d{4})",
    ],
)
def test_ordinary_patterns_stay_accepted(pattern: str) -> None:
    assert pattern_flaws(pattern) == []


def test_a_spent_budget_stops_the_next_field_naming_field_and_row() -> None:
    budget = PatternBudget(0.0)
    with pytest.raises(TemplateError) as caught:
        list(run_pattern(compile_pattern("(?P<value>a+)"), ["", "a"], field="sku", rows=[7, 8],
                         budget=budget))  # fmt: skip
    assert "fields.sku" in str(caught.value)
    assert "at row 8" in str(caught.value)
    assert "8행에서" in caught.value.localized("ko")


@pytest.mark.parametrize(
    "how",
    [{}, {"keep_orders": False, "chunk_rows": 2}],
    ids=["whole file", "in chunks of 2 rows"],
)
def test_fields_and_chunks_share_one_budget(tmp_path: Path, how: dict[str, object]) -> None:
    # The red-team's file: twelve fields of one slow pattern (a pair of repetitions, which
    # the shape check lets through), each column under the old 5 s per column, together
    # twelve times that. Cells are sized so one takes a quarter of the cell limit here:
    # 1.9 s a column, 3.8 s a chunk of two rows, 23 s the file without a shared budget.
    slow = compile_pattern("(?P<value>a+a+)b")
    length = 120
    while True:
        started = time.perf_counter()
        list(run_pattern(slow, ["a" * length], field="x", rows=[1]))  # as a cell is run
        if time.perf_counter() - started > CELL_SECONDS / 4 or length > 20_000:
            break
        length = int(length * 1.2)
    names = ["recipient_name", "phone", "postal_code", "address", "address_detail",
             "delivery_message", "order_amount", "total_amount", "product_url", "country",
             "paid_amount", "sku"]  # fmt: skip
    columns = [f"c{n}" for n in range(len(names))]
    fields = {"order_number": "주문번호", "quantity": "수량"} | {
        name: {"column": column, "pattern": "(?P<value>a+a+)b"}
        for name, column in zip(names, columns, strict=True)
    }
    template = orderkit.load_template({"platform": "수기", "fields": fields})
    rows = [["주문번호", "수량", *columns]]
    rows += [[f"A-{i}", "1", *(["a" * length] * len(columns))] for i in range(30)]
    path = write_csv(tmp_path / "slow.csv", rows)
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        orderkit.validate_file(path, template, **how)  # type: ignore[arg-type]
    # Generous: the file's budget and the machine's load, not twelve columns' worth.
    assert time.perf_counter() - started < FILE_SECONDS * 3
    assert "the pattern of fields." in str(caught.value)
    assert "row" in str(caught.value)

"""A row with a SKU line but no order number: one error that says how to fix it.

Such a row is most likely another line of the order above whose number was left out, or an
order whose number and recipient were both forgotten. orderkit does not guess: the row gets
one ``missing`` error on its order number saying both fixes, not an error for every empty
recipient field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import orderkit

from .sheets import STANDARD_HEADER, standard_row, write_csv

FULL = {
    "order_number": "A1",
    "sku": "S1",
    "quantity": "1",
    "recipient_name": "홍길동",
    "phone": "010-1234-5678",
    "postal_code": "06236",
    "address": "서울특별시 강남구 테헤란로 1",
}
ORPHAN_EN = "holds a SKU line but no order number"


def _problems(records: list[dict[str, Any]]) -> list[orderkit.Problem]:
    return list(orderkit.validate_records(records, platform="P", locale="en").problems)


def test_a_line_without_its_number_gets_one_error_saying_both_fixes() -> None:
    problems = _problems([FULL, {"order_number": "", "sku": "S2", "quantity": "2"}])
    assert [(p.row, p.field, p.code) for p in problems] == [(2, "order_number", "missing")]
    assert ORPHAN_EN in problems[0].message
    assert "repeat that order's number" in problems[0].message


def test_korean_says_the_same() -> None:
    records = [FULL, {"order_number": "", "sku": "S2", "quantity": "2"}]
    (problem,) = orderkit.validate_records(records, platform="P").problems
    assert "주문 번호가 비어 있고 SKU 줄만 있습니다" in problem.message


def test_a_row_with_its_own_recipient_is_an_order_missing_its_number() -> None:
    own = {**FULL, "order_number": "", "recipient_name": "김철수"}
    problems = _problems([FULL, own])
    assert [(p.row, p.field, p.code) for p in problems] == [(2, "order_number", "missing")]
    assert ORPHAN_EN not in problems[0].message


def test_the_row_alone_decides_so_every_path_agrees() -> None:
    # The first row too: the message offers both fixes, and nothing depends on other rows.
    problems = _problems([{"order_number": "", "sku": "S2", "quantity": "2"}, FULL])
    assert [(p.row, p.field) for p in problems] == [(1, "order_number")]
    assert ORPHAN_EN in problems[0].message


def test_a_value_every_row_holds_is_not_the_rows_own() -> None:
    # A country (a template's default fills it) does not make the line an order of its own.
    records = [{**FULL, "country": "KR"}, {"order_number": "", "sku": "S2", "quantity": "1",
                                          "country": "KR"}]  # fmt: skip
    problems = _problems(records)
    assert [(p.row, p.field) for p in problems] == [(2, "order_number")]
    assert ORPHAN_EN in problems[0].message


def test_the_lines_own_problems_stay() -> None:
    problems = _problems([FULL, {"order_number": "", "sku": "S2", "quantity": "0"}])
    assert {(p.field, p.code) for p in problems} == {
        ("order_number", "missing"),
        ("quantity", "out_of_range"),
    }


def test_a_streamed_file_says_the_same_as_a_whole_read(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("A-1")]
    rows += [standard_row("", name="", phone="", postal="", address="", sku="SKU-2")]
    rows += [standard_row(f"B-{n}") for n in range(50)]
    path = write_csv(tmp_path / "orphan.csv", rows)
    whole = orderkit.validate_file(path, "standard", platform="P")
    streamed = orderkit.validate_file(path, "standard", platform="P", keep_orders=False)
    assert list(streamed.problems) == list(whole.problems)
    assert [(p.row, p.field) for p in whole.problems] == [(3, "order_number")]


_FIELDS = ("recipient_name", "phone", "postal_code", "address")


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "order_number": st.sampled_from(["", "A1", "A2"]),
                "sku": st.sampled_from(["", "S1"]),
                "quantity": st.sampled_from(["", "1"]),
                **{f: st.sampled_from(["", FULL[f]]) for f in _FIELDS},
            }
        ),
        min_size=1,
        max_size=6,
    )
)
def test_only_rows_with_nothing_but_a_line_get_the_one_error(
    records: list[dict[str, str]],
) -> None:
    problems = _problems(records)
    for row, record in enumerate(records, start=1):
        own = [p for p in problems if p.row == row]
        orphan = (
            not record["order_number"]
            and bool(record["sku"] or record["quantity"])
            and not any(record[f] for f in _FIELDS)
        )
        said = [p for p in own if ORPHAN_EN in p.message]
        if orphan:
            assert [p.field for p in said] == ["order_number"]
            lost = [p.field for p in own if p.code == "missing" and p.field in _FIELDS]
            assert not lost
        else:
            assert not said

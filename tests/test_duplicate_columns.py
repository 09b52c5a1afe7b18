"""A header the template reads that stands twice: named at every position, never picked
quietly, unless the template says which (issue 12, item 1)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit import Code, DuplicateColumns, TemplateError
from orderkit.model.columns import column_letters
from orderkit.templates.fitting import map_file

from .sheets import STANDARD_HEADER, write_csv, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

HEADER = ["주문수량", "주문번호", "수취인명", "전화번호", "우편번호", "주소", "SKU", "주문수량"]
FIELDS: dict[str, Any] = {
    "order_number": "주문번호",
    "recipient_name": "수취인명",
    "phone": "전화번호",
    "postal_code": "우편번호",
    "address": "주소",
    "sku": "SKU",
    "quantity": "주문수량",
}


def row(count: int, number: str, quantity: int) -> list[Any]:
    return [count, number, "홍길동", "010-1234-5678", "04524", "서울시 중구", "S-1", quantity]


def sheet(tmp_path: Path, name: str = "dup.xlsx") -> Path:
    rows = [HEADER, row(1, "A-1", 7), row(2, "A-2", 9)]
    if name.endswith(".csv"):
        return write_csv(tmp_path / name, rows)
    return write_xlsx(tmp_path / name, rows)


def template(**quantity: Any) -> orderkit.Template:
    fields = dict(FIELDS)
    if quantity:
        fields["quantity"] = {"column": "주문수량", **quantity}
    return orderkit.load_template({"platform": "수기", "header_row": 1, "fields": fields})


@pytest.mark.parametrize("name", ["dup.xlsx", "dup.csv"])
def test_a_repeated_header_is_an_error_naming_every_position(tmp_path: Path, name: str) -> None:
    path = sheet(tmp_path, name)
    for keep_orders in (True, False):
        with pytest.raises(DuplicateColumns) as caught:
            orderkit.validate_file(path, template(), keep_orders=keep_orders)
        (problem,) = caught.value.problems
        assert problem.code is Code.DUPLICATE_COLUMN
        assert (problem.row, problem.field, problem.column) == (1, "quantity", "주문수량")
        assert "A, H" in problem.message
        assert isinstance(caught.value, orderkit.TemplateMismatch)
    with pytest.raises(DuplicateColumns) as english:
        orderkit.validate_file(path, template(), locale="en")
    assert "columns A, H" in english.value.problems[0].message
    assert "occurrence" in str(english.value)
    assert "occurrence" in english.value.localized("ko")


def test_upload_refuses_it_before_anything_is_stored(tmp_path: Path) -> None:
    with orderkit.SqliteSink(tmp_path / "s.db") as sink:
        with pytest.raises(DuplicateColumns):
            orderkit.upload_file(sheet(tmp_path), sink, template=template())
        assert sink.count() == 0


@pytest.mark.parametrize(
    ("pick", "quantities"),
    [
        ({"occurrence": 2}, [7, 9]),
        ({"occurrence": 1}, [1, 2]),
        ({"position": "H"}, [7, 9]),
        ({"position": 1}, [1, 2]),
    ],
)
def test_the_template_can_say_which_one_to_read(
    tmp_path: Path, pick: dict[str, Any], quantities: list[int]
) -> None:
    loaded = template(**pick)
    report = orderkit.validate_file(sheet(tmp_path), loaded)
    assert report.ok, report.problems
    assert [o.lines[0].quantity for o in report.orders] == quantities
    # and the choice survives a TOML round trip
    assert orderkit.load_template(loaded.to_toml()) == loaded


def test_a_pick_that_is_not_there_is_a_missing_column(tmp_path: Path) -> None:
    for pick in ({"occurrence": 3}, {"position": "C"}):
        with pytest.raises(orderkit.TemplateMismatch) as caught:
            orderkit.validate_file(sheet(tmp_path), template(**pick))
        assert [p.code for p in caught.value.problems] == [Code.MISSING_COLUMN]


@pytest.mark.parametrize(
    "spec",
    [
        {"column": "주문수량", "occurrence": 0},
        {"column": "주문수량", "occurrence": "2"},
        {"column": "주문수량", "position": "XFE"},
        {"column": "주문수량", "position": 0},
        {"column": "주문수량", "position": "E1"},
        {"column": "주문수량", "occurrence": 2, "position": "E"},
        {"column": ["주문수량", "수량"], "occurrence": 2},
        {"columns": ["주문수량", "수량"], "occurrence": 2},
    ],
)
def test_malformed_picks_are_template_errors(spec: dict[str, Any]) -> None:
    with pytest.raises(TemplateError, match=r"fields\.quantity"):
        orderkit.load_template({"fields": {**FIELDS, "quantity": spec}})


@fixture_ok
@given(
    copies=st.integers(min_value=2, max_value=4),
    duplicated=st.sampled_from(STANDARD_HEADER[:9]),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_shuffled_duplicate_columns_never_silently_pick_one(
    tmp_path: Path, copies: int, duplicated: str, seed: int
) -> None:
    shuffler = random.Random(seed)
    header = STANDARD_HEADER + [duplicated] * (copies - 1)
    order = list(range(len(header)))
    shuffler.shuffle(order)
    shuffled = [header[i] for i in order]
    values = [f"v{i}" for i in range(len(header))]
    path = write_csv(tmp_path / "shuffled.csv", [shuffled, [values[i] for i in order]])
    with pytest.raises(DuplicateColumns) as caught:
        orderkit.validate_file(path, "standard", platform="수기")
    (problem,) = caught.value.problems
    expected = [column_letters(c + 1) for c, h in enumerate(shuffled) if h == duplicated]
    assert f"{copies}번" in problem.message
    assert ", ".join(expected) in problem.message
    # With the occurrence given, exactly that copy's cells are read.
    standard = orderkit.standard_template()
    field = next(f for f, spec in standard.fields.items() if duplicated in spec.headers)
    nth = shuffler.randint(1, copies)
    fields = dict(standard.fields)
    fields[field] = orderkit.Column((duplicated,), occurrence=nth)
    picked = orderkit.Template(fields=fields, header_row=1, platform="수기")
    mapped = map_file(path, picked)
    column = [c for c, h in enumerate(shuffled) if h == duplicated][nth - 1]
    assert mapped.table.column(field)[0] == values[order[column]]


@pytest.mark.parametrize("name", ["dup.xlsx", "dup.csv"])
def test_a_missing_column_does_not_hide_a_repeated_one(tmp_path: Path, name: str) -> None:
    path = sheet(tmp_path, name)
    fields = dict(FIELDS, address_detail="상세주소")  # a column the sheet lacks
    needs_more = orderkit.load_template({"platform": "수기", "header_row": 1, "fields": fields})
    for keep_orders in (True, False):
        with pytest.raises(orderkit.TemplateMismatch) as caught:
            orderkit.validate_file(path, needs_more, keep_orders=keep_orders, locale="en")
        assert not isinstance(caught.value, DuplicateColumns)  # a column is missing too
        found = [(p.code, p.field, p.column) for p in caught.value.problems]
        assert found == [
            (Code.MISSING_COLUMN, "address_detail", "상세주소"),
            (Code.DUPLICATE_COLUMN, "quantity", "주문수량"),
        ]
        assert "lacks 1 column(s) the template needs: '상세주소'" in str(caught.value)
        assert "also holds '주문수량' more than once" in str(caught.value)
        assert "'주문수량' 열이 두 번 이상" in caught.value.localized("ko")

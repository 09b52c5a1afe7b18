"""Validating large CSV files in chunks: the same problems, bounded memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit import Code
from orderkit.engine.assemble import Singles

from .sheets import STANDARD_HEADER, standard_row, write_csv

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def rows_for(shape: list[tuple[int, bool]]) -> list[list[Any]]:
    rows: list[list[Any]] = [STANDARD_HEADER]
    for n, (lines, bad) in enumerate(shape):
        for line in range(lines):
            quantity = 0 if bad and line == lines - 1 else 1
            name = "가" * 21 if bad and line == 0 else "홍길동"
            rows.append(standard_row(f"O-{n}", sku=f"S-{line}", quantity=quantity, name=name))
    return rows


@fixture_ok
@given(
    st.lists(st.tuples(st.integers(1, 3), st.booleans()), min_size=1, max_size=30),
    st.integers(1, 7),
)
def test_chunks_give_the_same_problems_and_counts_as_one_read(
    tmp_path: Path, shape: list[tuple[int, bool]], chunk_rows: int
) -> None:
    path = write_csv(tmp_path / "o.csv", rows_for(shape))
    whole = orderkit.validate_file(path, "standard", platform="P")
    streamed = orderkit.validate_file(
        path, "standard", platform="P", keep_orders=False, chunk_rows=chunk_rows
    )
    assert streamed.problems == whole.problems
    assert streamed.summary() == whole.summary()


def test_rows_of_one_order_far_apart_in_different_chunks_are_one_order(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(4)]
    rows.append(standard_row("O-0", sku="S-2"))
    path = write_csv(tmp_path / "o.csv", rows)
    whole = orderkit.validate_file(path, "standard", platform="P")
    assert whole.ok, "read at once, the rows are one order"
    streamed = orderkit.validate_file(
        path, "standard", platform="P", keep_orders=False, chunk_rows=2
    )
    assert streamed.ok, "the scattered rows are checked together in a second pass"
    assert streamed.summary() == whole.summary()
    assert streamed.summary()["orders"] == 4


def test_a_conflict_between_rows_in_different_chunks_is_found(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("O-0")]
    rows += [standard_row(f"O-{n}") for n in range(1, 4)]
    rows.append(standard_row("O-0", sku="S-2", name="김철수"))
    path = write_csv(tmp_path / "o.csv", rows)
    streamed = orderkit.validate_file(
        path, "standard", platform="P", keep_orders=False, chunk_rows=2
    )
    (problem,) = streamed.problems
    assert (problem.row, problem.field, problem.value) == (6, "recipient_name", "김철수")
    assert problem.code == Code.CONFLICTING_ROWS
    assert streamed.summary()["invalid_orders"] == 1
    assert Code.SPLIT_ORDER not in {p.code for p in streamed.problems}


_NUMBERS = st.sampled_from(["O-0", "O-1", "O-2", "O-１", "Ｏ-2", "", " O-1 "])
_SCATTERED_ROW = st.fixed_dictionaries(
    {
        "number": _NUMBERS,
        "name": st.sampled_from(["홍길동", "", "", "김철수", "가" * 21]),
        "phone": st.sampled_from(["010-1234-5678", "", "1012345678", "010 1234 5678"]),
        "postal": st.sampled_from(["04524", "4524", "", "999999"]),
        "sku": st.sampled_from(["S-1", "S-2", ""]),
        "quantity": st.sampled_from(["1", "0", "", "x", "1,000", "２"]),
        "country": st.sampled_from(["", "", "JP", "jp", "KR"]),
        "url": st.sampled_from(["", "https://shop.example.jp/1"]),
    }
)


@fixture_ok
@given(st.lists(_SCATTERED_ROW, min_size=1, max_size=25), st.integers(1, 5))
def test_scattered_orders_in_tiny_chunks_give_the_problems_of_one_read(
    tmp_path: Path, generated: list[dict[str, str]], chunk_rows: int
) -> None:
    rows: list[list[Any]] = [STANDARD_HEADER]
    for row in generated:
        rows.append(
            standard_row(
                row["number"], sku=row["sku"], quantity=row["quantity"], name=row["name"],
                phone=row["phone"], postal=row["postal"], 국가코드=row["country"],
                상품URL=row["url"],
            )
        )  # fmt: skip
    path = write_csv(tmp_path / "o.csv", rows)
    whole = orderkit.validate_file(path, "standard", platform="P")
    streamed = orderkit.validate_file(
        path, "standard", platform="P", keep_orders=False, chunk_rows=chunk_rows
    )
    assert streamed.problems == whole.problems
    assert streamed.summary() == whole.summary()


def test_a_streamed_report_keeps_no_orders(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", rows_for([(1, False)]))
    report = orderkit.validate_file(path, "standard", platform="P", keep_orders=False)
    assert report.ok
    with pytest.raises(orderkit.InvalidArgument, match="keep_orders"):
        _ = report.orders
    with pytest.raises(orderkit.InvalidArgument, match="chunk_rows"):
        orderkit.validate_file(path, "standard", platform="P", chunk_rows=0)


def test_a_bad_byte_deep_in_a_large_file_names_its_line(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(30_000)]
    path = write_csv(tmp_path / "o.csv", rows)
    data = path.read_bytes()
    cut = data.index(b"O-25000")
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    with pytest.raises(orderkit.UnreadableFile, match="line 25002"):
        orderkit.validate_file(path, "standard", platform="P", keep_orders=False)


def test_a_cp949_file_whose_start_is_plain_ascii_is_still_cp949(tmp_path: Path) -> None:
    rows = [["order"] * 3] * 50_000 + [["홍길동", "서울", "010"]]
    path = write_csv(tmp_path / "o.csv", rows, encoding="cp949")
    sheet = orderkit.read_sheet(path)
    assert sheet.rows[-1] == ("홍길동", "서울", "010")


def test_every_row_its_own_order_is_a_cheap_sequence() -> None:
    singles = Singles(3)
    assert list(singles) == [(0,), (1,), (2,)]
    assert singles[-1] == (2,)
    assert singles[1:] == [(1,), (2,)]
    with pytest.raises(IndexError):
        singles[3]

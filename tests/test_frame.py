"""validate_frame: a frame of one seller layout gives exactly the problems of validate_file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pa_csv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.engine.frame import PROBLEM_FIELDS, problem_schema, validate_frame

from . import scale_data
from .scale_data import CATALOGUE, HEADER, TEMPLATE

# The same layout, with only the columns a required field needs.
_PLAIN: dict[str, Any] = {
    "header_row": 1,
    "fields": {
        "order_number": "주문번호",
        "recipient_name": "受取人名",
        "phone": "電話番号",
        "postal_code": "郵便番号",
        "address": "住所",
        "sku": "상품코드",
        "quantity": "数量",
    },
}


def _read_arrow(path: Path) -> pa.Table:
    types = {name: pa.string() for name in HEADER}
    return pa_csv.read_csv(path, convert_options=pa_csv.ConvertOptions(column_types=types))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, orderkit.Report]:
    path = scale_data.write_csv(tmp_path_factory.mktemp("frame") / "orders.csv", 3000, scatter=0.2)
    report = orderkit.validate_file(path, TEMPLATE, platform="P", catalogue=CATALOGUE)
    return path, report


def test_an_arrow_table_gives_the_problems_of_the_file(
    small: tuple[Path, orderkit.Report],
) -> None:
    path, report = small
    found = orderkit.validate_frame(_read_arrow(path), TEMPLATE, platform="P", catalogue=CATALOGUE)
    assert found.schema == problem_schema()
    assert found.column_names == list(PROBLEM_FIELDS)
    # The same problems, in the same order, with the same columns and values.
    assert found.equals(report.to_arrow())
    codes = set(found.column("code").to_pylist())
    assert {"conflicting_rows", "unknown_sku", "missing", "normalized_text"} <= codes


def test_polars_and_pandas_frames_give_the_same_table(small: tuple[Path, orderkit.Report]) -> None:
    path, report = small
    expected = report.to_arrow()
    from_polars = pl.read_csv(path, infer_schema=False)
    from_pandas = pd.read_csv(path, dtype=str)  # empty cells become NaN: still empty
    for frame in (from_polars, from_pandas):
        found = validate_frame(frame, TEMPLATE, platform="P", catalogue=CATALOGUE)
        assert found.equals(expected)


def test_each_problem_names_its_order(small: tuple[Path, orderkit.Report]) -> None:
    path, report = small
    found = validate_frame(_read_arrow(path), TEMPLATE, platform="P", catalogue=CATALOGUE)
    numbers = {row: order.order_number for order in report.assembled for row in order.rows}
    for record in found.to_pylist():
        assert record["order_number"] == numbers[record["row"]]


def test_english_messages(small: tuple[Path, orderkit.Report]) -> None:
    path, korean = small
    report = orderkit.validate_file(path, TEMPLATE, platform="P", locale="en")
    found = validate_frame(_read_arrow(path), TEMPLATE, platform="P", locale="en")
    assert found.equals(report.to_arrow())
    english = set(found.column("message").to_pylist())
    assert english.isdisjoint(p.message for p in korean.problems)


def test_number_cells_read_from_a_workbook_are_numbers_as_in_the_file(tmp_path: Path) -> None:
    # Excel typed the phone and postal code as numbers: both lost their leading zero.
    path = tmp_path / "orders.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["주문번호", "受取人名", "電話番号", "郵便番号", "住所", "상품코드", "数量"])
    sheet.append([1001, "김하늘", 1012345678, 4524, "서울특별시 중구 세종대로 110", "S-1", 2])
    sheet.append(
        [1002.0, "이도윤", "010-1234-5678", "04524", "서울특별시 중구 세종대로 110", "S-2", 1.5]
    )
    sheet.append([12345678901234567890, "박서연", "010-1234-5678", "04524", "서울", "S-3", 1])
    workbook.save(path)
    template = _PLAIN
    report = orderkit.validate_file(path, template, platform="P")
    # dtype=object: pandas would otherwise read the text "04524" as the number 4524.
    frame = pd.read_excel(path, engine="calamine", dtype=object)
    found = validate_frame(frame, template, platform="P")
    assert found.equals(report.to_arrow())
    codes = set(found.column("code").to_pylist())
    assert {"lost_leading_zero", "restored_leading_zero", "not_integer"} <= codes


def test_row_numbers_from_a_column_or_a_sequence() -> None:
    frame = pa.table(
        {
            "줄": [7, 3],
            "주문번호": ["A1", "A1"],
            "受取人名": ["김하늘", "이도윤"],
            "電話番号": ["010-1234-5678", "010-1234-5678"],
            "郵便番号": ["04524", "04524"],
            "住所": ["서울", "서울"],
            "상품코드": ["S-1", "S-2"],
            "数量": ["1", "0"],
        }
    )
    by_column = validate_frame(frame, _PLAIN, platform="P", rows="줄")
    assert sorted(by_column.column("row").to_pylist()) == [3, 7]
    records = {(r["row"], r["code"]) for r in by_column.to_pylist()}
    # Checked in row order: row 3 comes first, row 7 is the later row that disagrees.
    assert (7, "conflicting_rows") in records
    assert (3, "out_of_range") in records
    for sequence in ([7, 3], np.array([7, 3]), pd.Series([7.0, 3.0])):
        by_sequence = validate_frame(
            frame.drop_columns(["줄"]), _PLAIN, platform="P", rows=sequence
        )
        assert by_sequence.equals(by_column)
    # Without row numbers, rows count from under the template's header row.
    counted = validate_frame(frame.drop_columns(["줄"]), {**_PLAIN, "header_row": 4}, platform="P")
    assert set(counted.column("row").to_pylist()) == {6}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("없는열", "없는열"),
        ([2], r"1 row number\(s\) for 2 rows"),
        ([2, 2.5], "whole numbers"),
        ([2, None], "whole numbers"),
    ],
)
def test_bad_row_numbers_are_refused(rows: Any, message: str) -> None:
    frame = pa.table({"주문번호": ["A1", "A2"]})
    with pytest.raises(orderkit.InvalidArgument, match=message) as raised:
        validate_frame(frame, TEMPLATE, platform="P", rows=rows)
    assert "행" in raised.value.localized("ko") or "열" in raised.value.localized("ko")


def test_a_frame_without_the_template_columns_is_refused_whole() -> None:
    frame = pa.table({"주문번호": ["A1"], "受取人名": ["김하늘"]})
    with pytest.raises(orderkit.TemplateMismatch) as raised:
        validate_frame(frame, TEMPLATE, platform="P")
    missing = {p.value for p in raised.value.problems}
    assert {"郵便番号", "数量", "상품코드"} <= missing
    assert {p.code for p in raised.value.problems} == {orderkit.Code.MISSING_COLUMN}


def test_something_that_is_no_frame_is_refused() -> None:
    with pytest.raises(orderkit.InvalidArgument, match="cannot validate a list"):
        validate_frame([{"주문번호": "A1"}], TEMPLATE, platform="P")


def test_a_report_without_orders_still_names_each_problem_s_order(
    small: tuple[Path, orderkit.Report],
) -> None:
    path, report = small
    streamed = orderkit.validate_file(path, TEMPLATE, platform="P", keep_orders=False)
    table = streamed.to_arrow()
    assert table.schema == problem_schema()
    assert table.num_rows > 0
    whole = orderkit.validate_file(path, TEMPLATE, platform="P")
    assert table.equals(whole.to_arrow())
    polars = streamed.to_polars()
    assert polars.columns == list(PROBLEM_FIELDS)
    assert polars.height == table.num_rows
    assert report.to_polars().equals(pl.from_arrow(report.to_arrow()))


_SCRIPT = """
import sys
sys.modules[{module!r}] = None  # as if the extra were not installed
import orderkit
try:
    {code}
except orderkit.MissingExtra as error:
    assert isinstance(error, ImportError)
    print(error)
    print(error.localized("ko"))
"""


@pytest.mark.parametrize(
    ("module", "code", "command"),
    [
        ("pyspark", "import orderkit.spark", 'pip install "orderkit[spark]"'),
        ("dask.dataframe", "import orderkit.dask", 'pip install "orderkit[dask]"'),
        (
            "polars",
            "orderkit.validate_records([], platform='P').to_polars()",
            'pip install "orderkit[polars]"',
        ),
        (
            "pyarrow",
            "orderkit.validate_records([], platform='P').to_arrow()",
            'pip install "orderkit[arrow]"',
        ),
    ],
)
def test_a_missing_extra_names_the_pip_command(module: str, code: str, command: str) -> None:
    script = _SCRIPT.format(module=module, code=code)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    english, korean = done.stdout.strip().splitlines()
    assert command in english
    assert command in korean
    assert "설치" in korean


# Any split of whole orders into parts, checked part by part, finds what the whole finds:
# the premise of the Spark and Dask adapters.
@settings(max_examples=15, deadline=None)
@given(parts=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_orders_checked_in_parts_find_what_the_whole_finds(parts: int, seed: int) -> None:
    import random

    records = scale_data.rows(120, seed=seed, scatter=0.3)
    table = pa.Table.from_pylist([{h: r.get(h, "") for h in HEADER} for r in records])
    rows = list(range(2, 2 + table.num_rows))
    whole = validate_frame(table, TEMPLATE, platform="P", catalogue=CATALOGUE)
    part_of: dict[str, int] = {}
    rng = random.Random(seed)
    positions: list[list[int]] = [[] for _ in range(parts)]
    for position, number in enumerate(table.column("주문번호").to_pylist()):
        part = part_of.setdefault(number, rng.randrange(parts)) if number else rng.randrange(parts)
        positions[part].append(position)
    found: set[tuple[Any, ...]] = set()
    for chosen in positions:
        piece = table.take(chosen)
        problems = validate_frame(
            piece, TEMPLATE, platform="P", catalogue=CATALOGUE, rows=[rows[p] for p in chosen]
        )
        found |= scale_data.problem_set(problems)
    assert found == scale_data.problem_set(whole)

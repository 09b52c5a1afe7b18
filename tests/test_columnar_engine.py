"""Orders over columns give exactly what the row-by-row path gives.

Each property builds the same input twice over and compares every problem (row, order
number, field, column, code, severity, message, value), the grouping, the counts and the
orders built.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.engine.assemble import Assembly, assemble_orders
from orderkit.engine.catalogue import load_catalogue
from orderkit.engine.frame import assembly_problems
from orderkit.files.table import column_texts, per_value_texts, table_from_records

# Whitespace Python strips that Rust's trim does not (\x1c-\x1f), and some both strip.
_EDGE_TEXTS = [
    "",
    " ",
    "홍길동",
    unicodedata.normalize("NFD", "홍길동"),
    "１２３",
    "Ｏ-１",
    "🙂 emoji",
    "\x1c O-1 \x1f",
    "\x85수취인\u3000",
    "\u2028line\u2029",
    "e\u0301",
    "  padded  ",
]
_VALUES = st.one_of(
    st.sampled_from(_EDGE_TEXTS),
    st.text(max_size=8),
    st.none(),
    st.integers(-(10**16), 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)


@given(st.lists(_VALUES, max_size=30), st.sampled_from(["phone", "recipient_name", "quantity"]))
def test_a_whole_column_reads_as_its_values_one_by_one(values: list[Any], field: str) -> None:
    whole_flaws: list[Any] = []
    one_by_one_flaws: list[Any] = []
    whole = column_texts(field, values, whole_flaws)
    one_by_one = per_value_texts(field, values, one_by_one_flaws)
    assert whole == one_by_one
    assert whole_flaws == one_by_one_flaws


@given(st.lists(st.one_of(st.sampled_from(_EDGE_TEXTS), st.text(max_size=8)), max_size=30))
def test_a_text_only_column_reads_as_its_values_one_by_one(values: list[str]) -> None:
    whole_flaws: list[Any] = []
    assert column_texts("address", values, whole_flaws) == per_value_texts("address", values, [])
    assert whole_flaws == []


_NUMBERS = ["O-1", "O-2", "O-3", "O-１", "Ｏ-2", "", "O-3 "]
_RECORD = st.fixed_dictionaries(
    {
        "order_number": st.sampled_from(_NUMBERS),
        "sku": st.sampled_from(["S-1", "S-2", "S-9", ""]),
        "quantity": st.sampled_from(["1", "0", "", "x", "1,000", "600000", "２", 3, 2.5, None]),
    },
    optional={
        "platform": st.sampled_from(["P", "Q", "", "네이버"]),
        "recipient_name": st.sampled_from(["홍길동", "", "", "김철수", "가" * 21, None]),
        "phone": st.sampled_from(["010-1234-5678", "", "1012345678", "010 1234 5678", 1012345678]),
        "postal_code": st.sampled_from(["04524", "4524", "", "999999", 4524]),
        "address": st.sampled_from(["서울 중구 1", "", "東京都 1"]),
        "country": st.sampled_from(["", "", "JP", "jp", "KR", "Japan"]),
        "product_url": st.sampled_from(["", "https://shop.example.jp/1", "ftp://x"]),
        "paid_amount": st.sampled_from(["", "3,980", "39,800원", "¥3,980", "1.5", "0"]),
        "option": st.sampled_from(["", "red"]),
        "colour": st.sampled_from(["red"]),
    },
)
_CATALOGUE = load_catalogue({"S-1": "W-1", ("S-2", "red"): [("W-2", 2), ("W-3", 1)]})


def _same(over_columns: Assembly, row_by_row: Assembly) -> None:
    assert assembly_problems(over_columns) == assembly_problems(row_by_row)
    assert [list(g) for g in over_columns.groups] == [list(g) for g in row_by_row.groups]
    assert over_columns.keys() == row_by_row.keys()
    assert over_columns.failed == row_by_row.failed
    orders = range(len(row_by_row))
    assert [over_columns.order(i) for i in orders] == [row_by_row.order(i) for i in orders]


@given(st.lists(_RECORD, min_size=1, max_size=25), st.booleans())
def test_orders_over_columns_equal_orders_row_by_row(
    records: list[dict[str, Any]], with_catalogue: bool
) -> None:
    catalogue = _CATALOGUE if with_catalogue else None
    table = table_from_records(records, first_row=2)
    over_columns = assemble_orders(table, catalogue=catalogue, columnar=True)
    row_by_row = assemble_orders(table, catalogue=catalogue, columnar=False)
    _same(over_columns, row_by_row)


@given(st.lists(st.sampled_from(["A", "B", "C", "A", ""]), min_size=1, max_size=40))
def test_blank_later_cells_mean_same_as_above_over_columns(numbers: list[str]) -> None:
    records = [
        {
            "platform": "P",
            "order_number": number,
            "recipient_name": "홍길동" if n % 3 == 0 else ("" if n % 3 == 1 else "김철수"),
            "phone": "010-1234-5678" if n % 2 == 0 else "",
            "postal_code": "04524",
            "address": "서울",
            "sku": "S-1",
            "quantity": "1",
        }
        for n, number in enumerate(numbers)
    ]
    table = table_from_records(records)
    _same(assemble_orders(table, columnar=True), assemble_orders(table, columnar=False))


_FRAME_RECORD = st.fixed_dictionaries(
    {
        "order_number": st.sampled_from(_NUMBERS),
        "recipient_name": st.sampled_from([*_EDGE_TEXTS, "홍길동", "가" * 21]),
        "phone": st.sampled_from(["010-1234-5678", "", "010 1234 5678", "０１０-1234-5678"]),
        "postal_code": st.sampled_from(["04524", "4524", "", "〒100-0001"]),
        "address": st.sampled_from(["서울 중구 1", "", "東京都 1"]),
        "country": st.sampled_from(["", "JP", "jp"]),
        "sku": st.sampled_from(["S-1", ""]),
        "quantity": st.sampled_from(["1", "0", "", "x", "1,000", "２"]),
        "colour": st.sampled_from(["red", ""]),
    }
)


@given(
    st.lists(_FRAME_RECORD, min_size=1, max_size=20), st.sampled_from(["polars", "pandas", "arrow"])
)
def test_a_frame_read_as_columns_gives_the_problems_of_its_rows_as_dicts(
    records: list[dict[str, Any]], kind: str
) -> None:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    frame: Any = {
        "polars": pl.DataFrame,
        "pandas": pd.DataFrame,
        "arrow": pa.Table.from_pylist,
    }[kind](records)
    as_frame = orderkit.validate_records(frame, platform="P", first_row=2)
    as_dicts = orderkit.validate_records(records, platform="P", first_row=2)
    assert as_frame.problems == as_dicts.problems
    assert as_frame.summary() == as_dicts.summary()
    assert as_frame.orders == as_dicts.orders

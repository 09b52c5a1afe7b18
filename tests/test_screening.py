"""Screening orders over columns: a streamed file gives exactly the report of a whole read.

The screen only decides which orders surely have nothing to report; every other order goes
to the engine. These tests feed it what could fool a screen: text Python and polars trim
differently, text not in NFC, full-width and marked numbers, platforms spelled two ways,
rows of one order far apart or contradicting each other, blank and ragged rows, and the
template features the screen reads itself (several columns for one field, a map, a
default).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.engine.screening import screen_batch, screen_plan
from orderkit.files.arrow_rows import column_name
from orderkit.templates.mapper import header_positions, resolve_fields
from orderkit.templates.template import load_template

from .sheets import STANDARD_HEADER, junk_around, standard_row, write_csv

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

TEMPLATE: dict[str, Any] = {
    "name": "screened",
    "fields": {
        "platform": "몰",
        "order_number": "번호",
        "recipient_name": "이름",
        "phone": ["휴대폰", "전화"],
        "postal_code": "우편",
        "address": "주소",
        "sku": "SKU",
        "quantity": "수량",
        "country": {"column": "국가", "map": {"日本": "JP", "한국": "KR"}, "default": "KR"},
        "product_url": "URL",
        "paid_amount": "결제",
        "delivery_message": "메모",
    },
}
HEADER = [
    "몰",
    "번호",
    "이름",
    "휴대폰",
    "전화",
    "우편",
    "주소",
    "SKU",
    "수량",
    "국가",
    "URL",
    "결제",
    "메모",
]

# Characters on which readings differ: what Python strips and polars does not (U+001C–
# U+001F), whitespace both strip, invisible and combining characters, full-width forms,
# Hangul in NFD, marks, emoji.
_TRICKY = "\x1c\x1f\x85\xa0\u3000\u200b\t \u1100\u1161e\u0301１２－ｱ〒¥円?😀가-"
_JUNK = st.text(alphabet=_TRICKY + "A1", max_size=4)


def _values(*clean: str) -> st.SearchStrategy[str]:
    strategy: st.SearchStrategy[str] = junk_around(_JUNK, *clean)
    return strategy


_ROW = st.fixed_dictionaries(
    {
        "몰": _values("shop", "shop", "Shop", "ｓｈｏｐ", "shop  mall", "몰"),
        "번호": _values("O-1", "O-2", "O-3", "O-4", "O-5", "O-6", "Ｏ-1", ""),
        "이름": _values("홍길동", "김철수", "", "山田 太郎", "가" * 21),
        "휴대폰": _values("010-1234-5678", "", "010 1234 5678", "090-1234-5678"),
        "전화": _values("02-123-4567", "", "1012345678"),
        "우편": _values("04524", "4524", "100-0001", "", "999999"),
        "주소": _values("서울특별시 중구 세종대로 110", "東京都千代田区千代田1-1", ""),
        "SKU": _values("S-1", "S-2", ""),
        "수량": _values("1", "2", "0", "", "1,000", "x"),
        "국가": _values("", "KR", "JP", "日本", "한국", "Japan"),
        "URL": _values("", "https://shop.example.jp/1", "https://smartstore.naver.com/a"),
        "결제": _values("", "1000", "1,000", "12.5", "0"),
        "메모": _values("", "문 앞", "?", "ok"),
    }
)
# A row as written: all its cells, cut short, or blank.
_WRITTEN = st.tuples(_ROW, st.integers(0, 3), st.integers(1, len(HEADER)))


def _row(generated: tuple[dict[str, str], int, int]) -> list[str]:
    values, shape, width = generated
    cells = [values[h] for h in HEADER]
    if shape == 0:
        return cells[:width]  # ragged: the csv module reads it shorter
    if shape == 1:
        return ["", " ", "\u3000", ""][: width % 4 + 1]  # a row with nothing to read
    return cells


@fixture_ok
@given(st.lists(_WRITTEN, min_size=1, max_size=30), st.sampled_from([1, 2, 3, 5, 8, 1000]))
def test_screened_batches_give_the_report_of_a_whole_read(
    tmp_path: Path, generated: list[tuple[dict[str, str], int, int]], chunk_rows: int
) -> None:
    path = write_csv(tmp_path / "o.csv", [HEADER, *(_row(g) for g in generated)])
    try:
        whole = orderkit.validate_file(path, TEMPLATE)
    except orderkit.NoOrders:
        with pytest.raises(orderkit.NoOrders):
            orderkit.validate_file(path, TEMPLATE, keep_orders=False, chunk_rows=chunk_rows)
        return
    streamed = orderkit.validate_file(path, TEMPLATE, keep_orders=False, chunk_rows=chunk_rows)
    assert streamed.problems == whole.problems
    assert streamed.summary() == whole.summary()


@fixture_ok
@given(st.lists(_ROW, min_size=1, max_size=20))
def test_a_screened_clean_order_has_nothing_to_report(
    tmp_path: Path, generated: list[dict[str, str]]
) -> None:
    """Every order the screen passes as clean has no problem when read whole."""
    rows = [[values[h] for h in HEADER] for values in generated]
    path = write_csv(tmp_path / "o.csv", [HEADER, *rows])
    try:
        whole = orderkit.validate_file(path, TEMPLATE)
    except orderkit.NoOrders:
        return
    template = load_template(TEMPLATE)
    specs = resolve_fields(template, None, None)
    plan = screen_plan(specs, header_positions(HEADER), encoding="utf-8", catalogue=None)
    assert plan is not None
    frame = pl.DataFrame(
        {column_name(c): [row[c] for row in rows] for c in range(len(HEADER))},
        schema=dict.fromkeys([column_name(c) for c in range(len(HEADER))], pl.String),
    )
    screen = screen_batch(frame, plan)
    flagged_rows = {p + 2 for p in screen.engine_rows}
    problem_rows = {p.row for p in whole.problems}
    assert problem_rows <= flagged_rows, "a row with a problem was screened clean"
    assert screen.clean_rows + len(flagged_rows) >= whole.summary()["rows"]


def test_most_rows_of_a_plain_file_are_screened_clean() -> None:
    rows = [standard_row(f"O-{n}") for n in range(50)]
    rows[7] = standard_row("O-7", quantity=0)
    template = orderkit.standard_template()
    specs = resolve_fields(template, "P", None)
    plan = screen_plan(specs, header_positions(STANDARD_HEADER), encoding="utf-8", catalogue=None)
    assert plan is not None
    frame = pl.DataFrame(
        {column_name(c): [str(row[c]) for row in rows] for c in range(len(STANDARD_HEADER))}
    )
    screen = screen_batch(frame, plan)
    assert list(screen.engine_rows) == [7]
    assert screen.clean_rows == 49
    assert screen.clean_keys.height == 49


def test_templates_the_screen_cannot_read_go_row_by_row(tmp_path: Path) -> None:
    template = orderkit.standard_template()
    specs = dict(resolve_fields(template, "P", None))
    positions = header_positions(STANDARD_HEADER)
    catalogue = orderkit.load_catalogue({"SKU-1": "W-1"})
    assert screen_plan(specs, positions, encoding="utf-8", catalogue=catalogue) is None
    patterned = load_template(
        {
            "name": "p",
            "fields": {**TEMPLATE["fields"], "sku": {"column": "SKU", "pattern": "(?P<value>.*)"}},
        }
    )
    specs = resolve_fields(patterned, None, None)
    assert screen_plan(specs, header_positions(HEADER), encoding="utf-8", catalogue=None) is None
    # …and still gives the report of a whole read.
    rows = [HEADER, ["shop", "O-1", "홍길동", "010-1234-5678", "", "04524", "서울", "S-1", "0"]]
    path = write_csv(tmp_path / "o.csv", rows)
    whole = orderkit.validate_file(path, patterned)
    streamed = orderkit.validate_file(path, patterned, keep_orders=False, chunk_rows=1)
    assert streamed.problems == whole.problems
    assert [p.code for p in streamed.problems] == [orderkit.Code.OUT_OF_RANGE]


def test_an_order_cut_by_a_batch_boundary_is_one_order(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER] + [standard_row("O-1", sku=f"S-{n}") for n in range(5)]
    rows.append(standard_row("O-1", sku="S-9", name="김철수"))
    path = write_csv(tmp_path / "o.csv", rows)
    streamed = orderkit.validate_file(
        path, "standard", platform="P", keep_orders=False, chunk_rows=2
    )
    assert streamed.summary()["orders"] == 1
    assert [(p.row, p.code) for p in streamed.problems] == [(7, orderkit.Code.CONFLICTING_ROWS)]


def test_a_bad_row_of_an_order_seen_in_an_earlier_batch_is_reported_once(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("O-1"), standard_row("O-2"), standard_row("O-3")]
    # The later row of O-1 leaves the order's fields blank ("same as above").
    rows.append(
        standard_row("O-1", sku="S-2", quantity=0, name="", phone="", postal="", address="")
    )
    path = write_csv(tmp_path / "o.csv", rows)
    whole = orderkit.validate_file(path, "standard", platform="P")
    for chunk_rows in (1, 2, 3, 100):
        streamed = orderkit.validate_file(
            path, "standard", platform="P", keep_orders=False, chunk_rows=chunk_rows
        )
        assert [(p.row, p.code) for p in streamed.problems] == [(5, orderkit.Code.OUT_OF_RANGE)]
        assert streamed.problems == whole.problems
        assert streamed.summary() == whole.summary()
        assert streamed.summary()["orders"] == 3
        assert streamed.summary()["invalid_orders"] == 1


@given(st.lists(_ROW, min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_a_screened_frame_gives_the_problems_of_the_engine_alone(
    generated: list[dict[str, str]], random: Any
) -> None:
    """validate_frame screens Arrow, polars and pandas frames of text; with the screen
    off, every row goes to the engine. The problems are the same, row numbers in any
    order included."""
    import pyarrow as pa

    from orderkit.engine import frame as frame_module

    numbers = list(range(2, 2 + len(generated)))
    random.shuffle(numbers)
    columns = {h: [values[h] for values in generated] for h in HEADER}
    arrow = pa.table({**columns, "줄": pa.array(numbers, pa.int64())})
    screen = frame_module.screen_frame
    frame_module.screen_frame = lambda *args, **kwargs: None  # the engine alone
    try:
        engine_alone = orderkit.validate_frame(arrow, TEMPLATE, rows="줄")
    finally:
        frame_module.screen_frame = screen
    for frame in (arrow, pl.from_arrow(arrow), arrow.to_pandas()):
        assert orderkit.validate_frame(frame, TEMPLATE, rows="줄").equals(engine_alone)


def test_a_frame_with_number_columns_is_checked_by_the_engine() -> None:
    import pyarrow as pa

    table = pa.table(
        {
            **{h: ["x"] for h in STANDARD_HEADER},
            "주문번호": ["O-1"],
            "수량": pa.array([0], pa.int64()),
        }
    )
    problems = orderkit.validate_frame(table, "standard", platform="P")
    assert "quantity" in problems.column("field").to_pylist()


@given(st.lists(_ROW, min_size=1, max_size=25))
def test_order_keys_read_over_columns_are_the_mapper_s(generated: list[dict[str, str]]) -> None:
    import pyarrow as pa

    from orderkit.engine.frame import _mapped_keys, order_keys
    from orderkit.engine.frame_sheet import FrameLayout

    table = pa.table({h: [values[h] for values in generated] for h in HEADER})
    rows = list(range(2, 2 + len(generated)))
    specs = resolve_fields(load_template(TEMPLATE), None, None)
    wanted = {f: specs[f] for f in ("platform", "order_number")}
    assert order_keys(table, TEMPLATE, rows=rows) == _mapped_keys(
        FrameLayout.of(table), wanted, rows
    )


def test_a_streamed_report_names_the_order_of_each_problem(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("O-1"), standard_row("O-2", quantity=0)]
    rows += [standard_row("O-3"), standard_row("O-1", sku="S-2", quantity=0)]
    path = write_csv(tmp_path / "o.csv", rows)
    whole = orderkit.validate_file(path, "standard", platform="P").to_arrow()
    for chunk_rows in (1, 2, 100):
        streamed = orderkit.validate_file(
            path, "standard", platform="P", keep_orders=False, chunk_rows=chunk_rows
        ).to_arrow()
        assert streamed.equals(whole)
        assert streamed.column("order_number").to_pylist() == ["O-2", "O-1"]


def test_a_template_choosing_another_sheet_of_a_csv_is_refused_streamed_too(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, standard_row("O-1")])
    template = {**load_template("standard").to_dict(), "sheet": 2}
    for keep_orders in (True, False):
        with pytest.raises(orderkit.OrderkitError) as raised:
            orderkit.validate_file(path, template, platform="P", keep_orders=keep_orders)
        assert "sheet" in str(raised.value).lower()


def test_a_pandas_frame_of_text_is_screened_and_one_of_numbers_is_not() -> None:
    import pandas as pd

    from orderkit.engine.frame_screen import screen_frame

    specs = resolve_fields(load_template("standard"), "P", None)
    text = pd.DataFrame({h: ["1"] for h in STANDARD_HEADER})
    assert screen_frame(text, STANDARD_HEADER, specs, encoding=None, catalogue=None) is not None
    numbers = text.assign(수량=[1])
    assert screen_frame(numbers, STANDARD_HEADER, specs, encoding=None, catalogue=None) is None
    raw = text.assign(수량=[b"1"])
    assert screen_frame(raw, STANDARD_HEADER, specs, encoding=None, catalogue=None) is None

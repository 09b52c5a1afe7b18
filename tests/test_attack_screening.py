"""Attacks on streamed validation and validate_frame: inputs where the promise might break.

The promise (docs/files.md "Large files", docs/scale.md): ``validate_file(path, template,
keep_orders=False)`` gives exactly the report of a whole read — the same problems in the
same order and the same counts — for any ``chunk_rows``, and ``validate_frame`` on a
frame of a file's cells gives ``validate_file(...).to_arrow()``.

The property tests here vary what the screen's own tests keep fixed (the template's
shape, title rows, line endings, CP949 with lost characters, frames in any row order) and
pass. Each test named for a difference was a break found in streaming, kept with the
smallest file that showed it.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit

from .sheets import STANDARD_HEADER, junk_around, standard_row, write_csv

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

# Characters readings may differ on: controls Python strips and Rust does not, every kind
# of space, invisible and combining characters, NFD Hangul, full-width forms, marks, a
# lone CR and LF inside a quoted cell, the delimiter and the quote.
_TRICKY = (
    "\x1c\x1f\x85\xa0\u3000\u200b\ufeff\u00ad\t \r\n\u1100\u1161e\u0301１２－ｱ〒¥円?😀가-"
    "\u2028\u180e,\"'"
)
_JUNK = st.text(alphabet=_TRICKY + "A1", max_size=3)


def _values(*clean: str) -> st.SearchStrategy[str]:
    strategy: st.SearchStrategy[str] = junk_around(_JUNK, *clean)
    return strategy


_POOL = {
    "몰": _values("shop", "Shop", "ｓｈｏｐ", "shop  mall", "몰", "shop\u200b", ""),
    "브랜드": _values("", "하루", "하루 상점", "ＨＡＲＵ"),
    "번호": _values("O-1", "O-2", "O-3", "Ｏ-1", "O-１", "", " O-1", "1", "01"),
    "이름": _values("홍길동", "김철수", "", "山田 太郎", "가" * 21),
    "휴대폰": _values("010-1234-5678", "", "010 1234 5678", "1012345678"),
    "전화": _values("02-123-4567", ""),
    "우편": _values("04524", "4524", "", "100-0001"),
    "주소": _values("서울특별시 중구 세종대로 110", "", "東京都千代田区千代田1-1"),
    "상세": _values("", "101호"),
    "SKU": _values("S-1", "S-2", "", "Ｓ-1"),
    "옵션": _values("", "블랙/M"),
    "수량": _values("1", "2", "0", "", "x", "１"),
    "국가": _values("", "KR", "JP", "日本", "jp"),
    "URL": _values("", "https://shop.example.jp/1"),
    "결제": _values("", "1000", "1,000", "¥1000"),
    "메모": _values("", "문 앞", "?"),
}
_HEADER = list(_POOL)
_ROW = st.fixed_dictionaries(_POOL)
# A row as written: all its cells, cut short, or nothing but spaces.
_WRITTEN = st.tuples(_ROW, st.integers(0, 5), st.integers(1, len(_HEADER)))


def _row(generated: tuple[dict[str, str], int, int]) -> list[str]:
    values, shape, width = generated
    cells = [values[h] for h in _HEADER]
    if shape == 0:
        return cells[:width]
    if shape == 1:
        return ["", " ", "\u3000", ""][: width % 4 + 1]
    return cells


def _template(shape: int) -> dict[str, Any]:
    """One of 32 template shapes: platform constant, read, or read through a map and a
    default; brand, address detail and option columns or none."""
    fields: dict[str, Any] = {
        "order_number": "번호",
        "recipient_name": "이름",
        "phone": ["휴대폰", "전화"],
        "postal_code": "우편",
        "address": "주소",
        "sku": "SKU",
        "quantity": "수량",
        "country": {"column": "국가", "map": {"日本": "JP", "jp": "JP"}, "default": "KR"},
        "product_url": "URL",
        "paid_amount": "결제",
        "delivery_message": "메모",
    }
    template: dict[str, Any] = {"name": "attack", "fields": fields}
    if shape & 1:
        fields["platform"] = "몰"
    else:
        template["platform"] = "P"
    if shape & 2:
        fields["brand"] = "브랜드"
    if shape & 4:
        fields["address_detail"] = "상세"
    if shape & 8:
        fields["option"] = "옵션"
    if shape & 16:
        fields["platform"] = {
            "column": "몰",
            "map": {"Shop": "shop", "몰": "ｓｈｏｐ"},
            "default": "shop",
        }
    return template


def _write(path: Path, rows: list[list[str]], encoding: str, newline: str) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    # CP949 cannot hold every character: it gets the "?" a real export leaves.
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    return path


def _outcome(call: Any, *, words: bool = True) -> tuple[Any, ...]:
    """What a call gave: its problems and counts, or the error it raised (with its
    message unless ``words`` is false)."""
    try:
        report = call()
    except orderkit.OrderkitError as error:
        return ("raised", type(error).__name__, str(error) if words else "")
    return ("report", report.problems, report.summary())


@fixture_ok
@given(
    st.lists(_WRITTEN, min_size=1, max_size=20),
    st.sampled_from([1, 2, 3, 5, 1000]),
    st.integers(0, 31),
    st.integers(0, 2),
    st.sampled_from(["utf-8", "cp949"]),
    st.sampled_from(["\r\n", "\n", "\r"]),
)
def test_any_template_shape_streams_to_the_report_of_a_whole_read(
    tmp_path: Path,
    generated: list[tuple[dict[str, str], int, int]],
    chunk_rows: int,
    shape: int,
    titles: int,
    encoding: str,
    newline: str,
) -> None:
    rows = [["주문 목록"]] * titles + [_HEADER] + [_row(g) for g in generated]
    path = _write(tmp_path / "o.csv", rows, encoding, newline)
    template = _template(shape)
    # An error's words are compared by the tests of the breaks below (NoOrders).
    whole = _outcome(lambda: orderkit.validate_file(path, template), words=False)
    streamed = _outcome(
        lambda: orderkit.validate_file(path, template, keep_orders=False, chunk_rows=chunk_rows),
        words=False,
    )
    assert streamed == whole


@given(
    st.lists(_WRITTEN, min_size=1, max_size=20),
    st.integers(0, 31),
    st.sampled_from(["utf-8", "cp949"]),
    st.booleans(),
    st.randoms(use_true_random=False),
)
def test_a_frame_of_a_file_s_cells_gives_the_file_s_problems(
    generated: list[tuple[dict[str, str], int, int]],
    shape: int,
    encoding: str,
    as_polars: bool,
    random: Any,
) -> None:
    """validate_frame on the cells of a file (as the csv module reads them), its rows in
    any order and numbered by ``rows``, equals ``validate_file(...).to_arrow()``."""
    import tempfile

    import polars as pl

    template = _template(shape)
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder) / "o.csv", [_HEADER] + [_row(g) for g in generated],
                      encoding, "\n")  # fmt: skip
        try:
            whole = orderkit.validate_file(path, template).to_arrow()
        except orderkit.NoOrders:
            return
        body = [list(row) for row in orderkit.read_sheet(path).rows[1:]]
    columns = [
        pa.array([row[c] if c < len(row) else None for row in body], pa.string())
        for c in range(len(_HEADER))
    ]
    order = list(range(len(body)))
    random.shuffle(order)
    numbers = pa.array(range(2, 2 + len(body)), pa.int64())
    table = pa.table([*columns, numbers], names=[*_HEADER, "줄"]).take(pa.array(order))
    frame = pl.from_arrow(table) if as_polars else table
    given_encoding = encoding if encoding == "cp949" else None
    problems = orderkit.validate_frame(frame, template, rows="줄", encoding=given_encoding)
    assert problems.equals(whole)


# Breaks found on main. Each test states the promise; the mark says how it breaks.


def _both(path: Path, template: Any, **options: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    whole = _outcome(lambda: orderkit.validate_file(path, template, **options))
    streamed = _outcome(
        lambda: orderkit.validate_file(path, template, keep_orders=False, chunk_rows=2, **options)
    )
    return whole, streamed


def test_a_header_row_below_row_30_streams_like_a_whole_read(tmp_path: Path) -> None:
    template = {**orderkit.standard_template().to_dict(), "header_row": 31, "platform": "P"}
    rows = [["주문 목록"]] * 30 + [STANDARD_HEADER, standard_row("O-1", quantity=0)]
    path = write_csv(tmp_path / "o.csv", rows)
    whole, streamed = _both(path, template)
    assert whole[0] == "report"
    assert streamed == whole


def test_a_header_in_nfd_streams_like_a_whole_read(tmp_path: Path) -> None:
    header = [unicodedata.normalize("NFD", h) for h in STANDARD_HEADER]
    assert header != STANDARD_HEADER
    path = write_csv(tmp_path / "o.csv", [header, standard_row("O-1", quantity=0)])
    whole, streamed = _both(path, "standard", platform="P")
    assert whole[0] == "report"
    assert streamed == whole


def test_a_frame_with_nfd_column_names_gives_the_file_s_problems(tmp_path: Path) -> None:
    header = [unicodedata.normalize("NFD", h) for h in STANDARD_HEADER]
    row = [str(cell) for cell in standard_row("O-1", quantity=0)]
    path = write_csv(tmp_path / "o.csv", [header, row])
    whole = orderkit.validate_file(path, "standard", platform="P").to_arrow()
    frame = pa.table({name: [cell] for name, cell in zip(header, row, strict=True)})
    assert orderkit.validate_frame(frame, "standard", platform="P").equals(whole)


@pytest.mark.parametrize("sheet", ["주문목록", 2])
def test_a_template_naming_a_sheet_streams_like_a_whole_read(
    tmp_path: Path, sheet: str | int
) -> None:
    template = {**orderkit.standard_template().to_dict(), "sheet": sheet}
    path = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, standard_row("O-1")])
    whole, streamed = _both(path, template, platform="P")
    assert whole[:2] == ("raised", "InvalidArgument")
    assert streamed == whole


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\n\n\n", b"  \n \n", b",,,\n,,,\n"])
def test_a_csv_file_without_text_streams_like_a_whole_read(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "o.csv"
    path.write_bytes(data)
    whole, streamed = _both(path, "standard", platform="P")
    assert whole[:2] == ("raised", "EmptyFile")
    assert streamed == whole


def test_no_orders_under_the_header_is_worded_as_in_a_whole_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, [" "] * len(STANDARD_HEADER)])
    whole, streamed = _both(path, "standard", platform="P")
    assert whole[:2] == ("raised", "NoOrders")
    assert streamed == whole


def test_the_file_size_limit_bounds_whole_reads_only(tmp_path: Path) -> None:
    """A streamed CSV file is read in bounded memory: its size is not limited (a 1,000,000-
    row file is larger than the default 100 MiB), as docs/security.md says."""
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(40)]
    path = write_csv(tmp_path / "o.csv", rows)
    limits = orderkit.Limits(file_size=1024)
    assert path.stat().st_size > limits.file_size
    whole, streamed = _both(path, "standard", platform="P", limits=limits)
    assert whole[:2] == ("raised", "FileTooLarge")
    assert streamed[0] == "report"


def test_too_many_rows_is_worded_as_in_a_whole_read(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(9)]
    path = write_csv(tmp_path / "o.csv", rows)
    whole, streamed = _both(path, "standard", platform="P", limits=orderkit.Limits(rows=9))
    assert whole[:2] == ("raised", "FileTooLarge")
    assert streamed == whole


# A template may fill an empty order number cell with a `default`: every row without a
# number is then one order. Reading only the key columns, a row whose key cells are all
# empty looks blank and is left out, though its order number is the default.
_DEFAULT_NUMBER: dict[str, Any] = {
    "name": "default-number",
    "platform": "P",
    "fields": {
        "order_number": {"column": "번호", "default": "O-9"},
        "recipient_name": "이름",
        "phone": "폰",
        "postal_code": "우편",
        "address": "주소",
        "sku": "SKU",
        "quantity": "수량",
    },
}
_DEFAULT_HEADER = ["번호", "이름", "폰", "우편", "주소", "SKU", "수량"]
# One order (O-9 by the default): its second row leaves the order's fields blank ("same as
# above") and has the quantity 0.
_DEFAULT_ROWS = [
    ["", "홍길동", "010-1234-5678", "04524", "서울", "S-1", "1"],
    ["", "", "", "", "", "S-2", "0"],
]


@pytest.mark.parametrize("pattern", [False, True], ids=["screened", "row-by-row"])
def test_an_order_numbered_by_a_default_keeps_its_problems_when_streamed(
    tmp_path: Path, pattern: bool
) -> None:
    template = {**_DEFAULT_NUMBER, "fields": dict(_DEFAULT_NUMBER["fields"])}
    if pattern:  # a pattern sends every row through the engine instead of the screen
        template["fields"]["postal_code"] = {"column": "우편", "pattern": "(?P<value>.*)"}
    path = write_csv(tmp_path / "o.csv", [_DEFAULT_HEADER, *_DEFAULT_ROWS])
    whole = _outcome(lambda: orderkit.validate_file(path, template))
    assert whole[0] == "report"
    assert [(p.row, p.code) for p in whole[1]] == [(3, orderkit.Code.OUT_OF_RANGE)]
    streamed = _outcome(
        lambda: orderkit.validate_file(path, template, keep_orders=False, chunk_rows=1)
    )
    assert streamed == whole


def test_order_keys_give_rows_numbered_by_a_default_one_key() -> None:
    from orderkit.engine.frame import order_keys

    table = pa.table({h: [row[c] for row in _DEFAULT_ROWS] for c, h in enumerate(_DEFAULT_HEADER)})
    problems = orderkit.validate_frame(table, _DEFAULT_NUMBER)
    assert problems.column("order_number").to_pylist() == ["O-9"]  # the rows are one order
    first, second = order_keys(table, _DEFAULT_NUMBER, rows=[2, 3])
    assert first == second


def test_a_small_file_size_limit_is_shown_in_a_unit_that_tells_the_sizes_apart(
    tmp_path: Path,
) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(40)]
    path = write_csv(tmp_path / "o.csv", rows)
    with pytest.raises(orderkit.FileTooLarge) as raised:
        orderkit.validate_file(
            path, "standard", platform="P", limits=orderkit.Limits(file_size=1024)
        )
    assert "KiB, more than the 1 KiB allowed" in str(raised.value)
    assert "0 MiB" not in str(raised.value)

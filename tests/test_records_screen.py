"""validate_records screened over columns gives exactly the report of the whole engine.

Records of text are screened (:mod:`orderkit.engine.records_screen`): only the records of
orders that may have something to report reach the engine. These tests feed the screen what
could fool it — junk around values, text Python and polars trim differently, text not in
NFC, full-width numbers, platforms spelled two ways, repeated order numbers whose rows
contradict each other, blank records — as dicts and as frames, and compare every problem,
count and order with the engine's report of all the records. Records the screen cannot
read exactly (numbers, mixed kinds, unknown keys, a catalogue) go to the engine whole.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.engine.records_screen import screen_records
from orderkit.engine.report import Report
from orderkit.engine.validate import records_assembly

from .sheets import junk_around

# Characters on which readings differ: what Python strips and polars does not (U+001C–
# U+001F), whitespace both strip, invisible and combining characters, full-width forms,
# Hangul in NFD, marks, emoji.
_TRICKY = "\x1c\x1f\x85\xa0\u3000\u200b\t \u1100\u1161e\u0301１２－ｱ〒¥円?😀가-"
_JUNK = st.text(alphabet=_TRICKY + "A1", max_size=3)


# Small generated inputs are screened too, to hold the screen to the engine.
pytestmark = pytest.mark.usefixtures("screen_every_count")


def _values(*clean: str) -> st.SearchStrategy[str | None]:
    text: st.SearchStrategy[str] = junk_around(_JUNK, *clean)
    return st.one_of(text, text, text, st.none())


_FIELDS: dict[str, st.SearchStrategy[str | None]] = {
    "platform": _values("", "shop", "Shop", "ｓｈｏｐ", "shop  mall"),
    "brand": _values("", "B", "Ｂ"),
    "order_number": _values("O-1", "O-2", "O-3", "O-4", "Ｏ-1", "１２", "12", ""),
    "recipient_name": _values("홍길동", "김철수", "", "山田 太郎", "가" * 21),
    "phone": _values("010-1234-5678", "", "010 1234 5678", "090-1234-5678", "1012345678"),
    "postal_code": _values("04524", "4524", "100-0001", "", "999999"),
    "address": _values("서울특별시 중구 세종대로 110", "東京都千代田区千代田1-1", ""),
    "address_detail": _values("", "3층", "101호"),
    "sku": _values("S-1", "S-2", "", "Ｓ-1"),
    "quantity": _values("1", "2", "0", "", "1,000", "x", "２"),
    "country": _values("", "KR", "JP", "Japan"),
    "product_url": _values("", "https://shop.example.jp/1"),
    "paid_amount": _values("", "1000", "1,000", "12.5", "¥1000"),
    "order_amount": _values("", "10000", "₩1,000"),
    "delivery_message": _values("", "문 앞", "ok"),
}
# Whole numbers, in fields whose rules read a number as its digits (phone's do not).
_NUMBERS: dict[str, st.SearchStrategy[int]] = {
    "order_number": st.sampled_from([12, 0, -1]),
    "recipient_name": st.sampled_from([7]),
    "postal_code": st.sampled_from([4524, 1000001, 99999999]),
    "sku": st.sampled_from([1, 12]),
    "quantity": st.sampled_from([1, 2, 0, -3, 1_000_001, 2**70]),
    "paid_amount": st.sampled_from([1000, 0]),
    "order_amount": st.sampled_from([10000]),
}


def _value(field: str) -> st.SearchStrategy[str | int | None]:
    """A field's value: text, nothing, or now and then a whole number."""
    if field not in _NUMBERS:
        return _FIELDS[field]
    return st.one_of(_FIELDS[field], _FIELDS[field], _FIELDS[field], _NUMBERS[field])


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Records of text: some share an order number (lines of one order, agreeing or not),
    some lack fields or are blank; every record has the same keys or not."""
    present = draw(st.sets(st.sampled_from(sorted(_FIELDS)), min_size=1))
    present |= {"order_number"} if draw(st.booleans()) else set()
    same_keys = draw(st.booleans())
    count = draw(st.integers(1, 14))
    made: list[dict[str, Any]] = []
    for _ in range(count):
        if made and draw(st.integers(0, 3)) == 0:
            # A later line of an earlier order: its fields repeated, left blank or changed.
            base = dict(draw(st.sampled_from(made)))
            for field in draw(st.sets(st.sampled_from(sorted(present)))):
                base[field] = draw(_value(field))
            made.append(base)
            continue
        if draw(st.integers(0, 9)) == 0:
            made.append(dict.fromkeys(present, ""))  # a blank record
            continue
        fields = present if same_keys else draw(st.sets(st.sampled_from(sorted(present))))
        made.append({field: draw(_value(field)) for field in sorted(fields)})
    return made


def _as(kind: str, records: list[dict[str, Any]]) -> Any:
    """The records as a list of dicts or as a frame of text columns."""
    if kind == "dicts":
        return records
    # A frame's column holds one kind: its whole numbers are written as text here (frames
    # of number columns are tested on their own).
    records = [{k: str(v) if type(v) is int else v for k, v in r.items()} for r in records]
    names = sorted({key for record in records for key in record})
    columns = {name: [record.get(name) for record in records] for name in names}
    if kind == "polars":
        return pl.DataFrame(columns, schema=dict.fromkeys(names, pl.String))
    if kind == "arrow":
        return pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    return pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})


def _engine(records: Any, **arguments: Any) -> Report:
    """The report of every record checked by the engine (no screen)."""
    return Report(records_assembly(records, catalogue=None, locale="ko", **arguments))


def _assert_same_report(screened: Report, whole: Report) -> None:
    assert screened.problems == whole.problems
    assert screened.counts == whole.counts
    assert screened.summary() == whole.summary()
    assert list(screened.problems_with_orders()) == list(whole.problems_with_orders())
    assert screened.to_arrow().equals(whole.to_arrow())
    assert screened.to_frame().equals(whole.to_frame())
    assert screened.orders == whole.orders
    assert screened.assembled == whole.assembled
    assert screened.orders_frame().equals(whole.orders_frame())


@given(
    _records(),
    st.sampled_from(["dicts", "dicts", "polars", "pandas", "arrow"]),
    st.sampled_from([None, "", "P", "shop", "쿠팡"]),
    st.sampled_from([None, "B"]),
    st.sampled_from([1, 0, 2, None]),
)
def test_screened_records_give_the_report_of_the_whole_engine(
    records: list[dict[str, Any]],
    kind: str,
    platform: str | None,
    brand: str | None,
    first_row: int | None,
) -> None:
    given = _as(kind, records)
    arguments = {"platform": platform, "brand": brand, "first_row": first_row}
    if any(records):  # records with no key at all are the engine's
        assert screen_records(given, platform=platform, brand=brand) is not None
    screened = orderkit.validate_records(given, **arguments)
    _assert_same_report(screened, _engine(given, **arguments))


def test_screened_report_is_complete_in_every_form() -> None:
    records = [
        {"order_number": "O-1", "recipient_name": "홍길동", "phone": "010-1234-5678",
         "postal_code": "04524", "address": "서울특별시 중구 세종대로 110", "sku": "S-1",
         "quantity": "1"},
        {"order_number": "O-1", "recipient_name": "김철수", "sku": "S-2", "quantity": "2"},
        {"order_number": "O-2", "recipient_name": "홍길동", "phone": "010-1234-5678",
         "postal_code": "04524", "address": "서울특별시 중구 세종대로 110", "sku": "S-1",
         "quantity": "0"},
        {"order_number": "O-3", "recipient_name": "홍길동", "phone": "010-1234-5678",
         "postal_code": "04524", "address": "서울특별시 중구 세종대로 110", "sku": "S-1",
         "quantity": "3"},
    ]  # fmt: skip
    for kind in ("dicts", "polars", "pandas", "arrow"):
        given = _as(kind, records)
        report = orderkit.validate_records(given, platform="P", first_row=2)
        assert [(p.row, p.code) for p in report.problems] == [
            (3, orderkit.Code.CONFLICTING_ROWS),
            (4, orderkit.Code.OUT_OF_RANGE),
        ], kind
        assert report.summary()["orders"] == 3
        assert [o.order_number for o in report.orders] == ["O-3"]
        _assert_same_report(report, _engine(given, platform="P", brand=None, first_row=2))


def test_a_clean_record_joins_the_order_the_engine_reads_it_into() -> None:
    """Full-width digits send a record to the engine, which reads them as ASCII: the
    screened-clean record with the same number is the same order."""
    base = {"recipient_name": "홍길동", "phone": "010-1234-5678", "postal_code": "04524",
            "address": "서울특별시 중구 세종대로 110", "sku": "S-1", "quantity": "1"}  # fmt: skip
    records = [{"order_number": "１２", **base}, {"order_number": "12", **base, "sku": "S-2"}]
    report = orderkit.validate_records(records, platform="P")
    assert report.summary()["orders"] == 1
    _assert_same_report(report, _engine(records, platform="P", brand=None, first_row=1))


def test_a_blank_record_is_a_row_the_engine_checks() -> None:
    records = [{"order_number": "", "sku": "", "quantity": None}]
    report = orderkit.validate_records(records, platform="P")
    assert report.summary()["rows"] == 1
    assert orderkit.Code.MISSING in {p.code for p in report.problems}
    _assert_same_report(report, _engine(records, platform="P", brand=None, first_row=1))


class _Text(str):
    """Text that trims otherwise: only the engine's reading gets it right."""

    def strip(self, chars: str | None = None) -> str:
        return "stripped"


@pytest.mark.parametrize(
    "change",
    [
        {"phone": 1012345678},  # a number where it reads otherwise than its digits
        {"postal_code": 4524.0},  # a float
        {"quantity": True},  # a boolean
        {"colour": "red"},  # no field
        {"delivery_message": _Text(" x ")},  # a subclass of str
    ],
)
def test_records_that_are_not_all_text_go_to_the_engine_whole(change: dict[str, Any]) -> None:
    records = [
        {"order_number": "O-1", "sku": "S-1", "quantity": "1"},
        {"order_number": "O-2", "sku": "S-1", "quantity": "1", **change},
    ]
    assert screen_records(records, platform="P", brand=None) is None
    report = orderkit.validate_records(records, platform="P")
    whole = _engine(records, platform="P", brand=None, first_row=1)
    assert report.problems == whole.problems
    assert report.summary() == whole.summary()


def test_a_column_of_mixed_kinds_goes_to_the_engine_whole() -> None:
    frame = pd.DataFrame({"order_number": ["O-1", 2], "sku": ["S-1", "S-2"], "quantity": ["1", 1]})
    assert screen_records(frame, platform="P", brand=None) is None
    numbers = pl.DataFrame({"order_number": ["O-1", "O-2"], "quantity": [1.0, 2.5]})
    assert screen_records(numbers, platform="P", brand=None) is None
    report = orderkit.validate_records(numbers, platform="P")
    assert report.summary() == _engine(numbers, platform="P", brand=None, first_row=1).summary()


def test_a_platform_the_engine_spells_another_way_goes_to_the_engine_whole() -> None:
    records = [{"order_number": "O-1", "sku": "S-1", "quantity": "1"}]
    assert screen_records(records, platform="ｓｈｏｐ", brand=None) is None
    report = orderkit.validate_records(records, platform="ｓｈｏｐ")
    whole = _engine(records, platform="ｓｈｏｐ", brand=None, first_row=1)
    assert report.problems == whole.problems
    assert report.orders == whole.orders


def test_records_with_a_catalogue_are_checked_by_the_engine() -> None:
    catalogue = orderkit.load_catalogue({"SKU-1": "W-1"})
    records = [
        {"order_number": "O-1", "recipient_name": "홍길동", "phone": "010-1234-5678",
         "postal_code": "04524", "address": "서울특별시 중구 세종대로 110", "sku": "SKU-1",
         "quantity": "2"},
        {"order_number": "O-2", "recipient_name": "홍길동", "phone": "010-1234-5678",
         "postal_code": "04524", "address": "서울특별시 중구 세종대로 110", "sku": "SKU-9",
         "quantity": "1"},
    ]  # fmt: skip
    report = orderkit.validate_records(records, platform="P", catalogue=catalogue)
    assert [(p.row, p.code) for p in report.problems] == [(2, orderkit.Code.UNKNOWN_SKU)]
    (order,) = report.orders
    assert [(line.sku, line.quantity) for line in order.lines] == [("W-1", 2)]


def test_without_polars_every_record_is_the_engines() -> None:
    code = """
import sys
sys.modules['polars'] = None  # as if the extra were not installed
import orderkit
import orderkit.engine.validate as validate
validate.SCREEN_FROM = 0  # screened however few
records = [{"order_number": "O-1", "sku": "S-1", "quantity": "0"}]
report = orderkit.validate_records(records, platform="P")
print(sorted({str(p.code) for p in report.problems}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "out_of_range" in done.stdout


def test_a_column_with_nothing_in_it_is_empty_text_in_every_frame() -> None:
    """A column of missing values (all NaN: a float column to pandas) is screened as empty."""
    records = [
        {"order_number": f"O-{n}", "recipient_name": "홍길동", "phone": "010-1234-5678",
         "postal_code": "04524", "address": "서울특별시 중구 세종대로 110", "sku": "S-1",
         "quantity": "1"}
        for n in range(3)
    ]  # fmt: skip
    frames = [
        pd.DataFrame(records).assign(delivery_message=float("nan"), order_amount=pd.NaT),
        pl.DataFrame(records).with_columns(delivery_message=pl.lit(None, pl.Int64)),
        pa.Table.from_pylist(records).append_column("paid_amount", pa.nulls(3, pa.float64())),
    ]
    for frame in frames:
        assert screen_records(frame, platform="P", brand=None) is not None
        report = orderkit.validate_records(frame, platform="P")
        whole = _engine(frame, platform="P", brand=None, first_row=1)
        assert report.ok
        _assert_same_report(report, whole)


def test_whole_numbers_read_as_their_digits_are_screened_in_every_frame() -> None:
    columns: dict[str, list[Any]] = {
        "order_number": [1, 2, 3],
        "recipient_name": ["홍길동"] * 3,
        "phone": ["010-1234-5678"] * 3,
        "postal_code": [4524, 4524, 999999],
        "address": ["서울특별시 중구 세종대로 110"] * 3,
        "sku": ["S-1"] * 3,
        "quantity": [1, 0, 2],
    }
    records = [
        dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
    ]
    nullable = pd.DataFrame(columns).astype({"quantity": "Int64"})
    frames = [records, pl.DataFrame(columns), pa.table(columns), pd.DataFrame(columns), nullable]
    for frame in frames:
        assert screen_records(frame, platform="P", brand=None) is not None
        report = orderkit.validate_records(frame, platform="P")
        assert {p.code for p in report.errors} == {
            orderkit.Code.OUT_OF_RANGE,
            orderkit.Code.BAD_POSTAL_CODE,
        }
        _assert_same_report(report, _engine(frame, platform="P", brand=None, first_row=1))
    phones = pl.DataFrame(columns).with_columns(phone=pl.lit(1012345678))
    assert screen_records(phones, platform="P", brand=None) is None


def test_a_screened_report_pickles_with_its_orders() -> None:
    import pickle

    records = [
        {"order_number": "O-1", "recipient_name": "홍길동", "phone": "010-1234-5678",
         "postal_code": "04524", "address": "서울특별시 중구 세종대로 110", "sku": "S-1",
         "quantity": "1"},
        {"order_number": "O-2", "sku": "S-1", "quantity": "0"},
    ]  # fmt: skip
    report = orderkit.validate_records(records, platform="P")
    again = pickle.loads(pickle.dumps(report.with_file_problems(())))
    _assert_same_report(again, _engine(records, platform="P", brand=None, first_row=1))


def test_records_changed_after_the_call_do_not_change_the_reports_orders() -> None:
    import pandas as pd

    clean = {
        "order_number": "A1", "sku": "S1", "quantity": "1", "recipient_name": "홍길동",
        "phone": "010-1234-5678", "postal_code": "06236", "address": "서울특별시 강남구 테헤란로 1",
    }  # fmt: skip
    rows = [dict(clean, order_number=f"A{i}") for i in range(5)]
    given: list[object] = [rows, pd.DataFrame(rows), pl.DataFrame(rows)]
    reports = [orderkit.validate_records(g, platform="P") for g in given]  # type: ignore[arg-type]
    rows[0]["sku"] = "CHANGED"
    given[1].loc[0, "sku"] = "CHANGED"  # type: ignore[attr-defined]
    given[2][0, "sku"] = "CHANGED"  # type: ignore[index]
    for report in reports:
        assert [order.lines[0].sku for order in report.orders] == ["S1"] * 5


def test_few_records_go_straight_to_the_engine_and_many_are_screened() -> None:
    # The screen's fixed cost (a few dozen polars calls) outweighs checking a few records.
    code = """
import sys
import orderkit
from orderkit.engine.validate import SCREEN_FROM
record = {"order_number": "O-1", "sku": "S-1", "quantity": "1"}
few = [dict(record, order_number=f"O-{n}") for n in range(SCREEN_FROM - 1)]
orderkit.validate_records(few, platform="P")
print("orderkit.engine.records_report" in sys.modules)
orderkit.validate_records([*few, dict(record, order_number="last")], platform="P")
print("orderkit.engine.records_report" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]

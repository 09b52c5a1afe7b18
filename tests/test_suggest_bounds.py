"""The suggester on awkward workbooks: duplicated headers, a notice sheet first, hostile sizes,
and what the draft's TOML says."""

from __future__ import annotations

import random
import re
import time
import tomllib
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.engine.matching import map_by_account
from orderkit.templates.suggest import MAX_COLUMNS

from .sheets import write_xlsx

BASE = ["주문번호", "수취인명", "받는분 핸드폰", "우편번호", "주소", "SKU", "수량", "배송메세지"]


def test_a_duplicated_header_is_never_mapped_and_the_draft_says_where(tmp_path: Path) -> None:
    headers = ["주문번호", "받는분 핸드폰", "수취인명", "우편번호", "주소", "받는분 핸드폰"]
    template = orderkit.suggest_template(headers, locale="en")
    assert "phone" not in template.fields
    note = next(line for line in template.notes if "appears in columns" in line)
    assert "'받는분 핸드폰'" in note
    assert "B, F" in note
    assert "phone" in next(line for line in template.notes if "fill in" in line)


@given(st.sampled_from(BASE), st.permutations([*BASE, "비고"]), st.integers(0, len(BASE)))
def test_shuffled_duplicates_are_never_picked(dup: str, layout: list[str], at: int) -> None:
    headers = [*layout[:at], dup, *layout[at:]]
    template = orderkit.suggest_template(headers)
    for field, spec in template.fields.items():
        assert dup not in spec.headers, field
        assert len(set(spec.headers)) == len(spec.headers), field


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


NOTICE = [["주문서 작성 안내"], ["1. 주문번호는 판매처의 번호를 그대로"], ["2. 수량은 숫자"]]
ORDERS = [
    ["주문번호", "수취인명", "전화번호", "우편번호", "기본주소", "SKU", "수량"],
    ["A-1", "홍길동", "010-1234-5678", "04524", "서울특별시 중구 세종대로 110", "WH-1", 2],
]


def test_the_orders_sheet_is_picked_over_a_notice_and_recorded(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "book.xlsx", {"안내": NOTICE, "주문목록": ORDERS})
    draft = orderkit.suggest_template(path, locale="en")
    assert draft.sheet == "주문목록"
    assert len(draft.fields) >= 7
    assert any("주문목록" in line for line in draft.notes)
    reloaded = orderkit.load_template(draft.to_toml())
    assert reloaded.sheet == "주문목록"
    report = orderkit.validate_file(path, reloaded, platform="수기")
    assert report.errors == ()
    assert [o.order_number for o in report.orders] == ["A-1"]


def test_a_sheet_can_be_named_or_numbered(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "book.xlsx", {"안내": NOTICE, "주문목록": ORDERS})
    assert orderkit.suggest_template(path, sheet=2).sheet == "주문목록"
    assert orderkit.suggest_template(path, sheet="안내").fields == {}


def test_the_first_sheet_is_not_recorded(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "book.xlsx", {"주문": ORDERS, "메모": NOTICE})
    assert orderkit.suggest_template(path).sheet is None


def _long_header_workbook(path: Path) -> Path:
    rng = random.Random(11)
    alphabet = "가나다라마바사아자차카타파하주문번호수취인우편ABCDEFGHabcdefgh0123456789 "
    rows = [["".join(rng.choice(alphabet) for _ in range(1_500)) for _ in range(24)]]
    rows *= 2
    return write_xlsx(path, rows)


def test_long_header_cells_are_suggested_within_seconds(tmp_path: Path) -> None:
    path = _long_header_workbook(tmp_path / "long.xlsx")
    assert path.stat().st_size > 40_000
    started = time.perf_counter()
    template = orderkit.suggest_template(path, locale="en")
    assert time.perf_counter() - started < 10, "refused within 10 s"
    assert template.fields == {}
    assert any("longer than" in line for line in template.notes)


def test_many_columns_are_bounded(tmp_path: Path) -> None:
    headers = [f"열{i}" for i in range(5_000)] + ["주문번호"]
    started = time.perf_counter()
    template = orderkit.suggest_template(headers, locale="en")
    assert time.perf_counter() - started < 10, "refused within 10 s"
    assert "order_number" not in template.fields
    assert any(f"first {MAX_COLUMNS}" in line for line in template.notes)


def test_a_drift_draft_over_long_headers_is_bounded(tmp_path: Path) -> None:
    store = orderkit.SqliteSink(tmp_path / "store.db")
    account = store.register_account("수기", "long-headers")
    store.match_template(account, "standard")
    path = _long_header_workbook(tmp_path / "long.xlsx")
    started = time.perf_counter()
    with pytest.raises(orderkit.TemplateMismatch) as caught:
        map_by_account(path, store, account)
    assert time.perf_counter() - started < 10, "refused within 10 s"
    assert caught.value.draft is not None


# The draft's TOML -----------------------------------------------------------------------


def test_the_draft_carries_its_notes_and_a_commented_platform_line() -> None:
    text = orderkit.suggest_template(["주문번호", "수취인명"], locale="ko").to_toml()
    lines = text.splitlines()
    assert lines[0].startswith("# orderkit이")
    assert '# platform = ""' in lines
    assert any("직접 채우세요" in line and "postal_code" in line for line in lines)
    uncommented = text.replace('# platform = ""', 'platform = "네이버"')
    assert orderkit.load_template(uncommented).platform == "네이버"


def test_english_notes_are_english() -> None:
    notes = orderkit.suggest_template(["주문번호", "수취인명", "주문번호"], locale="en").notes
    hangul_outside_quotes = [
        line for line in notes if any("\uac00" <= ch <= "\ud7a3" for ch in _unquoted(line))
    ]
    assert hangul_outside_quotes == []


def _unquoted(line: str) -> str:
    return "".join(part for i, part in enumerate(line.split("'")) if i % 2 == 0)


def test_a_header_with_a_newline_cannot_break_out_of_its_comment() -> None:
    headers = ['x\n[fields]\norder_number = "pwned"', 'x\n[fields]\norder_number = "pwned"']
    text = orderkit.suggest_template([*headers, "주문번호"]).to_toml()
    data = tomllib.loads(text)
    assert data["fields"] == {"order_number": "주문번호"}


def test_every_draft_note_reads_in_its_own_language() -> None:
    import string

    from orderkit.templates.draft_notes import NOTES, note

    hangul = re.compile("[\uac00-\ud7a3]")
    for key, (ko, _) in NOTES.items():
        params = {name: "X" for _, name, _, _ in string.Formatter().parse(ko) if name}
        assert hangul.search(note(key, "ko", **params)), key
        assert not hangul.search(note(key, "en", **params)), key

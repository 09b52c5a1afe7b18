"""Shift_JIS (CP932) and tab-separated exports (issue 13, items 1 and 2).

Yahoo!ショッピング, Rakuten RMS and Amazon JP export Shift_JIS; Korean Excel saves CP949.
Many byte strings are valid in both: the text decides, and a file it cannot decide is
refused, never guessed. The files here are real CP932/CP949 bytes.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import Code, UnreadableFile, read_sheet

from .languages import english_in_korean, korean_in_english

JAPANESE = ["山田", "花子", "鈴木 一郎", "東京都", "千代田区千代田1-1", "大阪府大阪市北区梅田",
            "やまだ はなこ", "スズキ イチロウ", "髙橋 美咲", "北海道札幌市中央区", "佐藤 健",
            "神奈川県横浜市", "福岡県福岡市博多区", "渡辺", "伊藤 さくら"]  # fmt: skip
KOREAN = ["홍길동", "김하늘", "서울특별시 중구 세종대로 110", "이구매", "부산광역시 해운대구",
          "박서준", "경기도 성남시 분당구", "최지우", "3층", "대구광역시 수성구",
          "정민호"]  # fmt: skip

HEADER = ["order_id", "name", "address", "sku", "quantity"]


def _csv_bytes(rows: list[list[str]], encoding: str, delimiter: str = ",") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def _write(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    path.write_bytes(_csv_bytes(rows, encoding, delimiter))
    return path


@pytest.mark.parametrize(
    "cells",
    [["山田", "東京都"], ["鈴木 一郎", "千代田区"], ["やまだ", "とうきょう"], ["髙橋", "北海道"]],
)
def test_a_shift_jis_file_is_read_as_japanese(tmp_path: Path, cells: list[str]) -> None:
    path = _write(tmp_path / "yahoo.csv", [["OrderId", "ShipName"], cells], "cp932")
    sheet = read_sheet(path)
    assert sheet.encoding == "cp932"
    assert list(sheet.rows[1]) == cells


@pytest.mark.parametrize("cells", [["홍길동", "서울특별시"], ["김하늘", "3층"], ["이구매", "부산"]])
def test_a_cp949_file_is_still_read_as_korean(tmp_path: Path, cells: list[str]) -> None:
    path = _write(tmp_path / "kr.csv", [["a", "b"], cells], "cp949")
    sheet = read_sheet(path)
    assert sheet.encoding == "cp949"
    assert list(sheet.rows[1]) == cells


def test_bytes_only_cp932_can_hold_are_read_as_cp932(tmp_path: Path) -> None:
    # ① (0x8740) is a CP932 byte pair that CP949 has no character for.
    path = _write(tmp_path / "x.csv", [["a"], ["①番"]], "cp932")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("cp949")
    assert read_sheet(path).encoding == "cp932"


def test_a_file_both_readings_fit_equally_is_refused_with_both(tmp_path: Path) -> None:
    # Symbols only: "◆￡" in CP949, half-width marks "｡ﾟ｡ﾌ" in CP932; no letters to tell.
    path = tmp_path / "odd.csv"
    path.write_bytes(b"a,b\r\n1,\xa1\xdf\xa1\xcc\r\n")
    with pytest.raises(UnreadableFile) as raised:
        read_sheet(path)
    error = raised.value
    korean, japanese = "◆￡", "｡ﾟ｡ﾌ"
    for message in (str(error), error.ko):
        assert korean in message
        assert japanese in message
        assert "CSV UTF-8" in message
    assert "row 2, column 2" in str(error)
    assert "2행 2열" in error.ko
    assert not english_in_korean(error.ko)
    assert not korean_in_english(str(error))


def test_bytes_of_no_encoding_are_refused_in_one_language_each(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"a,b\r\n1,ok\r\n2,\x85\x40\r\n")
    with pytest.raises(UnreadableFile) as raised:
        read_sheet(path)
    error = raised.value
    assert "3번째 줄" in error.ko
    assert "line 3" in str(error)
    assert "CP932" in error.ko
    assert "CP932" in str(error)
    assert " or " not in error.ko
    assert not english_in_korean(error.ko)
    assert not korean_in_english(str(error))


names = st.lists(st.sampled_from(JAPANESE), min_size=1, max_size=4) | st.lists(
    st.sampled_from(KOREAN), min_size=1, max_size=4
)


@given(cells=names, encoding=st.sampled_from(["cp932", "cp949"]))
def test_japanese_or_korean_text_comes_back_as_written_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, cells: list[str], encoding: str
) -> None:
    try:
        data = _csv_bytes([["id", *(f"c{i}" for i in range(len(cells)))], ["1", *cells]], encoding)
    except UnicodeEncodeError:
        return  # Hangul has no place in Shift_JIS, nor every kanji in CP949
    path = tmp_path_factory.mktemp("enc") / "o.csv"
    path.write_bytes(data)
    try:
        sheet = read_sheet(path)
    except UnreadableFile:
        return
    assert list(sheet.rows[1][1:]) == cells


def _template() -> dict[str, object]:
    return {
        "name": "yahoo",
        "platform": "Yahoo",
        "fields": {
            "order_number": "OrderId",
            "recipient_name": "ShipName",
            "phone": "ShipPhone",
            "postal_code": "ShipZip",
            "address": "ShipAddress",
            "sku": "ItemId",
            "quantity": "Quantity",
        },
    }


YAHOO_HEADER = ["OrderId", "ShipName", "ShipPhone", "ShipZip", "ShipAddress", "ItemId", "Quantity"]


def test_a_yahoo_shift_jis_order_keeps_its_names(tmp_path: Path) -> None:
    row = ["store-1", "山田 花子", "010-1234-5678", "04524", "東京都千代田区", "tee", "1"]
    path = _write(tmp_path / "yahoo.csv", [YAHOO_HEADER, row], "cp932")
    report = orderkit.validate_file(path, _template(), keep_orders=True)
    assert not [p for p in report.problems if p.is_error]
    (order,) = report.orders
    assert order.recipient.name == "山田 花子"
    assert order.recipient.address.base == "東京都千代田区"


def test_a_question_mark_in_a_shift_jis_name_is_a_lost_character(tmp_path: Path) -> None:
    # A Korean name typed into a Japanese sheet: Shift_JIS stores "?" for the Hangul.
    row = ["store-1", "山田 ?子", "010-1234-5678", "04524", "東京都千代田区", "tee", "1"]
    path = _write(tmp_path / "yahoo.csv", [YAHOO_HEADER, row], "cp932")
    report = orderkit.validate_file(path, _template())
    assert [(p.field, p.code) for p in report.problems] == [("recipient_name", Code.LOST_CHARACTER)]
    assert "Shift_JIS" in report.problems[0].message
    english = orderkit.validate_file(path, _template(), locale="en").problems[0]
    assert "Shift_JIS" in english.message
    assert "Hangul" in english.message


# tab-separated text ------------------------------------------------------------------


AMAZON = ["order-id", "recipient-name", "ship-phone-number", "ship-postal-code",
          "ship-address-1", "sku", "quantity-purchased", "product-name"]  # fmt: skip
AMAZON_ROW = ["250-1", "山田 花子", "090-1234-5678", "100-0001", "千代田1-1", "TEE", "1",
              "T-shirt, black"]  # fmt: skip


@pytest.mark.parametrize("name", ["report.txt", "report.tsv", "report.csv", "noext"])
@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_tab_separated_text_is_read_in_columns(tmp_path: Path, name: str, encoding: str) -> None:
    # The header decides: tabs and no commas; a comma inside a product name is only data.
    path = _write(tmp_path / name, [AMAZON, AMAZON_ROW], encoding, delimiter="\t")
    sheet = read_sheet(path)
    assert list(sheet.rows[0]) == AMAZON
    assert list(sheet.rows[1]) == AMAZON_ROW


def test_a_comma_file_with_a_tab_in_a_cell_stays_comma_separated(tmp_path: Path) -> None:
    path = _write(tmp_path / "o.csv", [["a", "b"], ["x\ty", "z"]], "utf-8")
    assert [list(r) for r in read_sheet(path).rows] == [["a", "b"], ["x\ty", "z"]]


def test_a_header_with_commas_and_tabs_in_a_csv_file_is_comma_separated(tmp_path: Path) -> None:
    path = _write(tmp_path / "o.csv", [["a\tb", "c"], ["1", "2"]], "utf-8")
    assert list(read_sheet(path).rows[0]) == ["a\tb", "c"]


# nothing mapped ----------------------------------------------------------------------

SCRIPT = str(Path(sys.executable).with_name("orderkit"))


def _run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *map(str, args)], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_suggesting_for_a_file_where_nothing_maps_fails_and_says_why(
    tmp_path: Path, delimiter: str
) -> None:
    path = _write(tmp_path / "stock.txt", [["foo", "bar"], ["1", "2"]], "utf-8", delimiter)
    korean = _run("template", "suggest", path)
    english = _run("template", "suggest", path, "--locale", "en")
    for result in (korean, english):
        assert result.returncode != 0
        assert result.stdout == ""
        assert "[fields]" in result.stderr
    assert "주문 항목으로 보이는 열" in korean.stderr
    assert "looks like an order field" in english.stderr
    assert not english_in_korean(korean.stderr.removeprefix("orderkit: "))


def test_a_draft_with_an_empty_fields_table_says_it_maps_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    draft.write_text('name = "d"\nheader_row = 1\n\n[fields]\n', encoding="utf-8")
    orders = _write(tmp_path / "o.csv", [AMAZON, AMAZON_ROW], "utf-8")
    english = _run("validate", orders, "--template", draft, "--locale", "en")
    korean = _run("validate", orders, "--template", draft)
    assert english.returncode != 0
    assert korean.returncode != 0
    assert "the template maps no fields" in english.stderr
    assert "must be a table" not in english.stderr
    assert "항목이 하나도 없습니다" in korean.stderr
    with pytest.raises(orderkit.TemplateError, match="maps no fields"):
        orderkit.load_template(draft)


def test_a_fields_value_that_is_not_a_table_is_still_told_so(tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    draft.write_text('name = "d"\nfields = "order_id"\n', encoding="utf-8")
    with pytest.raises(orderkit.TemplateError, match="must be a table"):
        orderkit.load_template(draft)


@pytest.mark.parametrize("keep_orders", [True, False])
def test_a_tab_separated_shift_jis_report_validates_whole_and_streamed(
    tmp_path: Path, keep_orders: bool
) -> None:
    template = {
        "name": "amazon",
        "platform": "Amazon",
        "fields": {
            "order_number": "order-id", "recipient_name": "recipient-name",
            "phone": "ship-phone-number", "postal_code": "ship-postal-code",
            "address": "ship-address-1", "sku": "sku", "quantity": "quantity-purchased",
            "country": {"value": "JP"}, "paid_amount": {"value": "3980"},
            "product_url": {"value": "https://www.amazon.co.jp/dp/B000000000"},
        },
    }  # fmt: skip
    second = ["250-2", "鈴木 一郎", "03-1234-5678", "530-0001", "梅田3-1", "CAP", "2", "cap"]
    path = _write(tmp_path / "orders.txt", [AMAZON, AMAZON_ROW, second], "cp932", delimiter="\t")
    report = orderkit.validate_file(path, template, keep_orders=keep_orders, chunk_rows=1)
    assert report.errors == ()
    assert report.summary()["orders"] == 2

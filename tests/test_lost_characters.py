"""A ``?`` where CP949 could not store a character (issue 12, item 7).

Excel's "CSV (쉼표로 분리)" on Korean Windows writes CP949 and turns every character it cannot
hold (most kanji, emoji) into ``?``. The files here are real CP949 and UTF-8 bytes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import orderkit
from orderkit import Code, Problem, Severity

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx


def _problems(path: Path, *, locale: str = "ko", keep_orders: bool = True) -> list[Problem]:
    report = orderkit.validate_file(
        path, "standard", platform="네이버", locale=locale, keep_orders=keep_orders
    )
    return report.problems


def _lost(problems: list[Problem]) -> list[tuple[int | None, str, str | None]]:
    return [(p.row, p.field, p.value) for p in problems if p.code == Code.LOST_CHARACTER]


def test_a_question_mark_in_a_name_of_a_cp949_file_is_a_warning(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row(name="鈴木 一?"), standard_row("A-2")]
    problems = _problems(write_csv(tmp_path / "o.csv", rows, encoding="cp949"))
    assert _lost(problems) == [(2, "recipient_name", "鈴木 一?")]
    (warning,) = problems
    assert warning.severity is Severity.WARNING
    assert "CSV UTF-8" in warning.message
    assert "CP949" in warning.message


def test_the_warning_says_how_to_save_in_english_too(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row(name="鈴木 一?")]
    (warning,) = _problems(write_csv(tmp_path / "o.csv", rows, encoding="cp949"), locale="en")
    assert "Save As" in warning.message
    assert "CSV UTF-8" in warning.message


def excel_cp949_csv(path: Path, rows: list[list[object]]) -> Path:
    """What Excel's "CSV (쉼표로 분리)" writes on Korean Windows: CP949, with every character
    CP949 cannot hold replaced by ``?``."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp949", errors="replace"))
    return path


@pytest.mark.parametrize(
    ("field", "original"),
    [
        ("name", "鈴木 一𠮷"),
        ("name", "髙橋 美咲"),
        ("name", "김철수😀"),
        ("address", "東京都千代田区丸の内 1-1"),
        ("상세주소", "山﨑ビル 3階"),
        ("postal", "〒100-0001"),  # CP949 has no postal mark either
    ],
)
def test_a_character_cp949_lost_in_a_name_or_address_is_flagged(
    tmp_path: Path, field: str, original: str
) -> None:
    saved = original.encode("cp949", errors="replace").decode("cp949")
    assert "?" in saved  # the character really is gone from the file
    rows = [STANDARD_HEADER, standard_row(**{field: original})]
    path = excel_cp949_csv(tmp_path / "o.csv", rows)
    report = orderkit.validate_file(path, "standard", platform="네이버")
    assert [value for _, _, value in _lost(report.problems)] == [saved]
    # A warning: the seller decides (a Korean postal code "?100-0001" is wrong either way).
    assert report.ok is (field != "postal")


@pytest.mark.parametrize(
    "row",
    [
        standard_row(배송메세지="문 앞에 두어도 될까요?"),  # a question, in a message
        standard_row(name="홍길동 ?"),  # a lone mark, not inside a word
        standard_row(),
    ],
)
def test_a_question_mark_elsewhere_stays_quiet(tmp_path: Path, row: list[object]) -> None:
    path = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, row], encoding="cp949")
    assert _lost(_problems(path)) == []


@pytest.mark.parametrize("suffix", ["utf-8", "xlsx"])
def test_a_question_mark_in_a_file_that_could_hold_any_character_is_real(
    tmp_path: Path, suffix: str
) -> None:
    rows = [STANDARD_HEADER, standard_row(name="鈴木 一?")]
    if suffix == "xlsx":
        path = write_xlsx(tmp_path / "o.xlsx", rows)
    else:
        path = write_csv(tmp_path / "o.csv", rows, encoding="utf-8")
    assert _lost(_problems(path)) == []


def test_a_streamed_cp949_file_gets_the_same_warning(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row(), standard_row("A-2", address="경기도 ?시 1")]
    path = write_csv(tmp_path / "o.csv", rows, encoding="cp949")
    assert (
        _lost(_problems(path, keep_orders=False))
        == _lost(_problems(path))
        == [(3, "address", "경기도 ?시 1")]
    )


def test_a_sheet_knows_the_encoding_it_was_decoded_from(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row()]
    assert orderkit.read_sheet(write_csv(tmp_path / "k.csv", rows, encoding="cp949")).encoding == (
        "cp949"
    )
    assert orderkit.read_sheet(write_csv(tmp_path / "u.csv", rows)).encoding == "utf-8"
    assert orderkit.read_sheet(write_xlsx(tmp_path / "o.xlsx", rows)).encoding is None


def test_records_and_dicts_have_no_encoding_to_blame() -> None:
    record = {
        "platform": "네이버",
        "order_number": "A-1",
        "recipient_name": "鈴木 一?",
        "phone": "010-1234-5678",
        "postal_code": "04524",
        "address": "서울",
        "sku": "S",
        "quantity": 1,
    }
    assert list(orderkit.validate_records([record]).problems) == []

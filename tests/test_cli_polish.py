"""The command line as a new user meets it (issue 14, second pass): sheet numbers counted
from 1, a sample being matched named and told in the user's language, English counts with
their noun in the right number, JSON failures per file, a refused upload that says what to
do, an aligned account list, and the documented screens compared with the real ones."""

from __future__ import annotations

import argparse
import json
import re
import string
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.cli.parser import build_parser
from orderkit.cli.store import aligned, display_width
from orderkit.cli.words import CLI_WORDS, words
from orderkit.engine.matching import map_by_account

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx
from .test_cli import NAVER, ROOT, run

SCHEMA = json.loads((ROOT / "docs" / "cli-output.schema.json").read_text(encoding="utf-8"))
HANGUL = re.compile("[\uac00-\ud7a3]")


def as_json(result: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(parsed, SCHEMA)
    return parsed


def workbook(path: Path, sheets: list[tuple[str, list[list[Any]]]]) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def notice_then_orders(tmp_path: Path) -> Path:
    orders = [STANDARD_HEADER, standard_row("N-1"), standard_row("N-2", sku="S-2")]
    return workbook(
        tmp_path / "notice.xlsx", [("안내", [["주문은 다음 시트에"]]), ("주문", orders)]
    )


# 1. sheet numbers count from 1 ------------------------------------------------------------------


@pytest.mark.parametrize(("sheets", "asked"), [(4, 5), (2, 3), (1, 2), (3, 9)])
def test_a_missing_sheet_is_told_by_the_number_typed(
    tmp_path: Path, sheets: int, asked: int
) -> None:
    book = workbook(tmp_path / "w.xlsx", [(f"S{n}", [["x"]]) for n in range(1, sheets + 1)])
    args = ("validate", book, "-t", "standard", "--platform", "P", "--sheet", asked)
    korean = run(*args)
    assert korean.returncode == 2
    assert f"{asked}번째 시트가 없습니다" in korean.stderr
    assert f"{sheets} 'S{sheets}'" in korean.stderr  # the list is numbered as typed, too
    english = run(*args, "--locale", "en")
    assert f"has no sheet {asked};" in english.stderr
    assert not HANGUL.search(english.stderr)


def test_the_library_counts_sheets_from_1_in_its_messages_too(tmp_path: Path) -> None:
    book = workbook(tmp_path / "w.xlsx", [("a", [["x"]]), ("b", [["y"]])])
    with pytest.raises(orderkit.UnreadableFile) as raised:
        orderkit.read_sheet(book, sheet=2)  # 0-based: the third sheet
    assert "has no sheet 3" in str(raised.value)
    assert "3번째 시트" in raised.value.localized("ko")


def test_a_csv_has_one_sheet_told_in_both_languages(tmp_path: Path) -> None:
    file = write_csv(tmp_path / "orders.csv", [STANDARD_HEADER, standard_row("C-1")])
    args = ("validate", file, "-t", "standard", "--platform", "P", "--sheet", "2")
    korean = run(*args)
    assert korean.returncode == 2
    assert "CSV 파일이라 시트가 하나뿐인데 '2' 시트를 골랐습니다" in korean.stderr
    assert "sheet=1" not in korean.stderr
    english = run(*args, "--locale", "en")
    assert "sheet '2' was chosen" in english.stderr
    assert not HANGUL.search(english.stderr)
    assert run(*args[:-2], "--sheet", "1").returncode == 0


def test_template_check_tells_a_csv_given_a_sheet_per_file_and_goes_on(tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path / "orders.csv", [STANDARD_HEADER, standard_row("C-1")])
    book = notice_then_orders(tmp_path)
    result = run("template", "check", "standard", csv_file, book, "--sheet", "2", "--platform",
                 "P", "--format", "json")  # fmt: skip
    document = as_json(result)
    assert [f["ok"] for f in document["files"]] == [False, True]
    assert document["files"][0]["error"]["code"] == "invalid_argument"


# 2. template match with a sample that does not fit -------------------------------------------


def test_a_sample_that_does_not_fit_is_named_and_told_as_matching(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    assert run("account", "add", "네이버", "샵A", "--db", db).returncode == 0
    args = ("template", "match", "샵A", "standard", "--db", db, "--sample", NAVER)
    korean = run(*args)
    assert korean.returncode == 1
    first = korean.stdout.splitlines()[0]
    assert first.startswith(f"{NAVER.name}: 샘플 파일이 템플릿과 맞지 않아")
    assert "다시 하세요" not in korean.stdout  # the library's "match again" advice
    assert "orderkit template suggest naver-smartstore-orders.xlsx를 실행하세요" in korean.stdout

    english = run(*args, "--locale", "en")
    lines = english.stdout.splitlines()
    assert lines[0] == f"{NAVER.name}: the sample does not fit the template, so nothing was matched"
    # Headers are the seller's (Korean) values; everything else is English.
    told = english.stdout
    for header in STANDARD_HEADER:  # the template's headers, shown as they are
        told = told.replace(header, "")
    assert not HANGUL.search(told), told
    assert "match the template again" not in english.stdout
    assert "The sample has no column '전화번호' (phone)" in english.stdout

    document = as_json(run(*args, "--format", "json", "--locale", "en"))
    assert document["summary"]["file"] == NAVER.name
    assert all(p["message"].startswith("The sample has no column") for p in document["problems"])
    assert all(p["order_number"] is None for p in document["problems"])
    assert run("template", "history", "샵A", "--db", db).stdout == ""  # nothing was stored


# 3. English counts ---------------------------------------------------------------------------


COUNTED = {key: re.findall(r"\{(\w+)\} (\w+)\(s\)", en) for key, (_, en) in CLI_WORDS.items()}


@given(
    key=st.sampled_from(sorted(k for k, found in COUNTED.items() if found)),
    count=st.integers(0, 10**6),
)
def test_every_english_count_takes_its_noun_in_the_right_number(key: str, count: int) -> None:
    _, en = CLI_WORDS[key]
    names = {name for _, name, _, _ in string.Formatter().parse(en) if name}
    counted = {name for name, _ in COUNTED[key]}
    values = {name: count if name in counted else "-" for name in names}
    text = words(key, "en", **values)
    assert "(s)" not in text
    for _, noun in COUNTED[key]:
        expected = f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
        assert re.search(rf"\b{expected}\b", text), text
    korean = words(key, "ko", **values)
    assert "(s)" not in korean


def test_one_row_one_order_one_warning_one_file_one_group(tmp_path: Path) -> None:
    file = write_xlsx(tmp_path / "one.xlsx", [STANDARD_HEADER, standard_row("O-1", postal=4524)])
    common = ("-t", "standard", "--platform", "P", "--locale", "en")
    validated = run("validate", file, *common).stdout.splitlines()[0]
    assert validated.startswith("one.xlsx: 1 row, 1 order (1 valid, 0 with errors), 0 errors, ")
    assert validated.endswith("1 warning")
    checked = run("template", "check", "standard", file, "--platform", "P", "--locale", "en")
    assert checked.stdout.splitlines()[-1] == "1 of 1 file passed"
    uploaded = run("upload", file, *common, "--db", tmp_path / "o.db").stdout.splitlines()[0]
    assert "1 of 1 group committed" in uploaded


# 4. exactly one of, and --help in the user's language ---------------------------------------


def test_help_headings_follow_the_locale() -> None:
    korean = run("validate", "--help")
    assert korean.returncode == 0
    assert korean.stdout.startswith("사용법: orderkit validate")
    assert "위치 인자:" in korean.stdout
    english = run("validate", "--help", "--locale", "en")
    assert english.stdout.startswith("usage: orderkit validate")
    assert "positional arguments:" in english.stdout
    assert "위치 인자" not in english.stdout


# 5. JSON ---------------------------------------------------------------------------------------


def test_an_unreadable_sample_has_an_error_object_like_other_failures(tmp_path: Path) -> None:
    png = tmp_path / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    clean = write_xlsx(tmp_path / "clean.xlsx", [STANDARD_HEADER, standard_row("A-1")])
    for locale in ("ko", "en"):
        document = as_json(
            run(
                "template",
                "check",
                "standard",
                clean,
                png,
                "--platform",
                "P",
                "--format",
                "json",
                "--locale",
                locale,
            )
        )
        # A sample that cannot be read proves nothing: the check could not run (exit 2).
        assert document["exit_code"] == 2
        fine, broken = document["files"]
        assert "error" not in fine
        assert broken["summary"] == {"unreadable": True}
        assert re.fullmatch("[a-z_]+", broken["error"]["code"])
        assert "photo.xlsx" in broken["error"]["message"]
        assert bool(HANGUL.search(broken["error"]["message"])) is (locale == "ko")


def test_already_registered_names_the_order_and_its_key_column(tmp_path: Path) -> None:
    file = write_xlsx(tmp_path / "a.xlsx", [STANDARD_HEADER, standard_row("R-1")])
    db = tmp_path / "o.db"
    args = ("upload", file, "-t", "standard", "--platform", "P", "--db", db)
    assert run(*args).returncode == 0
    text = run(*args).stdout
    assert "2행 · 주문 R-1 · 주문번호 · 경고 already_registered" in text
    document = as_json(run(*args, "--format", "json"))
    (again,) = document["problems"]
    assert (again["code"], again["column"], again["field"], again["order_number"]) == (
        "already_registered", "주문번호", "order_number", "R-1"
    )  # fmt: skip


def test_a_missing_column_is_not_taken_for_an_order_number() -> None:
    document = as_json(run("validate", NAVER, "-t", "standard", "--platform", "P",
                           "--format", "json"))  # fmt: skip
    assert {p["order_number"] for p in document["problems"]} == {None}


# 6. a refused upload says what to do --------------------------------------------------------


@pytest.fixture(scope="module")
def too_many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    rows = [STANDARD_HEADER] + [standard_row(f"M-{n}") for n in range(5001)]
    return write_csv(folder / "many.csv", rows)


def test_a_refused_upload_says_to_split_the_file_and_to_validate(
    too_many: Path, tmp_path: Path
) -> None:
    args = ("upload", too_many, "-t", "standard", "--platform", "P", "--db", tmp_path / "o.db")
    korean = run(*args)
    assert korean.returncode == 1
    assert "주문 5,000건 이하씩 나누어" in korean.stdout
    assert "orderkit validate" in korean.stdout
    assert "주문 · 오류 too_many_orders" in korean.stdout  # the field in Korean, not "order"
    english = run(*args, "--locale", "en")
    assert "uploads of at most 5,000 orders each" in english.stdout
    document = as_json(run(*args, "--format", "json", "--locale", "en"))
    assert document["summary"]["upload_id"] is None
    assert "orderkit validate" in document["hint"]
    (refusal,) = document["problems"]
    assert (refusal["code"], refusal["field"]) == ("too_many_orders", None)


# 7. account list ----------------------------------------------------------------------------


@given(st.lists(st.lists(st.text("가나ＡBc 漢-", max_size=8), min_size=3, max_size=3), max_size=5))
def test_columns_line_up_by_display_width(rows: list[list[str]]) -> None:
    table = [["계정", "platform", "x"], *rows]
    for columns in (2, 3):  # the last column starts at one display cell on every line
        cut = [row[:columns] for row in table]
        lines = aligned(cut)
        starts = {
            display_width(line) - display_width(row[-1])
            for line, row in zip(lines, cut, strict=True)
        }
        assert len(starts) == 1, lines
        assert all(line.startswith(row[0]) for line, row in zip(lines, cut, strict=True))


def test_wide_characters_take_two_cells() -> None:
    assert display_width("샵A") == 3
    assert display_width("ＡＢ") == 4
    assert display_width("e\u0301") == 1
    assert all(unicodedata.east_asian_width(c) == "W" for c in "주문")


def test_account_list_has_a_heading_and_aligned_columns(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    for platform, name in (("네이버", "샵A"), ("Qoo10", "Long English Shop"), ("쿠팡", "ＡＢ상점")):
        assert run("account", "add", platform, name, "--db", db).returncode == 0
    for locale, heading in (("ko", "계정"), ("en", "account")):
        lines = run("account", "list", "--db", db, "--locale", locale).stdout.splitlines()
        assert lines[0].startswith(heading)
        assert len(lines) == 4
        # The platform column starts at one display cell on every line.
        cells = {display_width(line[: line.index(p)]) for line, p in zip(
            lines, [lines[0].split()[1], "네이버", "Qoo10", "쿠팡"], strict=True)}  # fmt: skip
        assert len(cells) == 1, lines


# 8. an upload with nothing failed says there is no failure file ----------------------------


def test_an_upload_with_only_warnings_says_there_is_no_failure_file(tmp_path: Path) -> None:
    file = write_xlsx(tmp_path / "w.xlsx", [STANDARD_HEADER, standard_row("W-1", postal=4524)])
    args = ("upload", file, "-t", "standard", "--platform", "P", "--db", tmp_path / "o.db")
    korean = run(*args)
    assert korean.returncode == 0
    assert korean.stdout.splitlines()[-1] == "실패한 행이 없어 실패 파일이 없습니다."
    english = run(*args, "--locale", "en")
    assert english.stdout.splitlines()[-1] == "no row failed, so there is no failure file."


# 9. the documented screen is the real one -----------------------------------------------------


def documented_block(starting: str) -> list[str]:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n(.*?)```", text, flags=re.S)
    (block,) = [b for b in blocks if b.startswith(starting)]
    return block.splitlines()


def test_the_documented_re_upload_screen_is_what_orderkit_prints(tmp_path: Path) -> None:
    first = [standard_row(f"A-{n:04}") for n in range(1, 1101)]
    write_xlsx(tmp_path / "first.xlsx", [STANDARD_HEADER, *first])
    again = [*first[:500], standard_row("A-1101", quantity=0), *first[500:]]
    write_xlsx(tmp_path / "orders.xlsx", [STANDARD_HEADER, *again])
    common = ("-t", "standard", "--platform", "수기", "--db", "orders.db")
    assert run("upload", "first.xlsx", *common, cwd=tmp_path).returncode == 0
    shown = run("upload", "orders.xlsx", *common, cwd=tmp_path)
    assert shown.returncode == 1
    assert shown.stdout.splitlines() == documented_block("업로드 2 (대량)")


# 10. --sheet with --account ------------------------------------------------------------------


def test_an_account_upload_reads_the_sheet_asked_for(tmp_path: Path) -> None:
    db, book = tmp_path / "o.db", notice_then_orders(tmp_path)
    assert run("account", "add", "수기", "샵B", "--db", db).returncode == 0
    assert run("template", "match", "샵B", "standard", "--db", db).returncode == 0
    first_sheet = run("upload", book, "--account", "샵B", "--db", db)
    assert first_sheet.returncode == 1
    assert "--sheet 2" in first_sheet.stdout  # the hint that fits an account upload now
    by_number = run("upload", book, "--account", "샵B", "--db", db, "--sheet", "2")
    assert by_number.returncode == 0, by_number.stdout + by_number.stderr
    assert "주문 등록 2건" in by_number.stdout
    by_name = run("upload", book, "--account", "샵B", "--db", db, "--sheet", "주문",
                  "--format", "json")  # fmt: skip
    assert as_json(by_name)["summary"]["skipped"] == 2


def test_the_library_takes_a_sheet_with_an_account(tmp_path: Path) -> None:
    book = notice_then_orders(tmp_path)
    with orderkit.SqliteSink(tmp_path / "o.db") as store:
        account = store.register_account("수기", "샵C")
        store.match_template(account, "standard")
        mapped, version = map_by_account(book, store, account, sheet="주문")
        assert len(mapped.table) == 2
        assert version.version == 1
        result = orderkit.upload_file(book, store, account=account, sheet=2)
        assert result.summary()["committed"] == 2
        with pytest.raises(orderkit.TemplateMismatch):
            orderkit.upload_file(book, store, account=account)  # the template's own: sheet 1


def every_help(parser: argparse.ArgumentParser) -> list[str]:
    """Every help text and heading of ``parser`` and of its sub-commands."""
    found = [parser.description or ""]
    for action in parser._actions:
        found.append(action.help if isinstance(action.help, str) else "")
        if isinstance(action, argparse._SubParsersAction):
            found += [choice.help or "" for choice in action._choices_actions]
            for sub in dict.fromkeys(action.choices.values()):
                found += every_help(sub)
    found += [group.title or "" for group in parser._action_groups]
    return [text for text in found if text and text != argparse.SUPPRESS]


def test_every_help_text_has_its_korean() -> None:
    english = every_help(build_parser("en"))
    assert "check an order file" in english
    korean = every_help(build_parser("ko"))
    assert len(korean) == len(english)
    for text in korean:
        assert HANGUL.search(text), text
    for text in english:
        assert not HANGUL.search(text), text


def test_the_library_takes_a_sheet_with_a_template_too(tmp_path: Path) -> None:
    book = notice_then_orders(tmp_path)
    with orderkit.SqliteSink(tmp_path / "o.db") as store:
        with pytest.raises(orderkit.TemplateMismatch):
            orderkit.upload_file(book, store, template="standard", platform="P")
        result = orderkit.upload_file(book, store, template="standard", platform="P", sheet=2)
        assert result.summary()["committed"] == 2

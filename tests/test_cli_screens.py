"""What a seller, an analyst and a CI job see: summaries first, the right sheet, accounts
named unambiguously, times in Korean time, progress on a terminal only."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.cli.output import summary_lines
from orderkit.model.problems import Code, Problem, Severity

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx
from .test_cli import SCRIPT, clean_file, run

# summaries first --------------------------------------------------------------------------------


def warnings_and_one_error(tmp_path: Path, warnings: int) -> Path:
    rows = [STANDARD_HEADER]
    rows += [standard_row(f"W-{n}", postal=4524) for n in range(warnings)]
    rows.insert(warnings // 2 + 1, standard_row("BAD-1", quantity=0))
    return write_xlsx(tmp_path / "mixed.xlsx", rows)


def test_one_error_among_many_warnings_is_on_the_first_screen(tmp_path: Path) -> None:
    file = warnings_and_one_error(tmp_path, 300)
    result = run("validate", file, "-t", "standard", "--platform", "P")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[1] == "오류 1개 (out_of_range 1)"
    assert lines[2] == "경고 300개 (restored_leading_zero 300)"
    assert "주문 BAD-1 · 수량 · 오류 out_of_range" in lines[3]
    assert "경고 restored_leading_zero" in lines[4]
    assert lines[5] == "    └ 같은 restored_leading_zero 경고 299건 더 (모두 보려면 --verbose)"
    assert len(lines) == 6

    english = run("validate", file, "-t", "standard", "--platform", "P", "--locale", "en")
    assert english.stdout.splitlines()[5] == (
        "    └ 299 more restored_leading_zero (warning; --verbose shows them all)"
    )
    verbose = run("validate", file, "-t", "standard", "--platform", "P", "--verbose")
    assert verbose.stdout.count("경고 restored_leading_zero") == 300


def test_one_bad_row_in_a_group_is_one_line_not_one_per_row(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"G-{n}") for n in range(10)]
    rows.append(standard_row("G-BAD", quantity=0))
    file = write_xlsx(tmp_path / "group.xlsx", rows)
    db = tmp_path / "o.db"
    result = run("upload", file, "-t", "standard", "--platform", "P", "--db", db)
    assert result.returncode == 1
    assert "group_failed:" not in result.stdout
    assert "같은 그룹이라 함께 실패한 행 10개" in result.stdout
    assert "주문 G-BAD" not in result.stdout or "out_of_range" in result.stdout
    assert result.stdout.count("오류 out_of_range") == 1
    verbose = run("upload", file, "-t", "standard", "--platform", "P", "--db", db, "-v")
    assert verbose.stdout.count("group_failed:") == 10


problems = st.lists(
    st.tuples(
        st.booleans(),
        st.sampled_from([Code.TOO_LONG, Code.MISSING, Code.ALREADY_REGISTERED]),
        st.integers(2, 50),
    ),
    max_size=60,
).map(
    lambda items: [
        Problem(row, "phone", code, Severity.ERROR if error else Severity.WARNING, "m")
        for error, code, row in items
    ]
)


@settings(max_examples=50)
@given(problems)
def test_summary_counts_every_problem_and_puts_errors_first(found: list[Problem]) -> None:
    lines = summary_lines(found, "en")
    if not found:
        assert lines == []
        return
    shown = [line for line in lines if line.startswith("  row")]
    folded = [line for line in lines if line.startswith("    └")]
    counted = sum(int(re.search(r"└ (\d+)", line)[1]) for line in folded)  # type: ignore[index]
    assert len(shown) + counted == len(found)
    kinds = [" error " in line for line in shown]
    assert kinds == sorted(kinds, reverse=True), "errors before warnings"
    every = summary_lines(found, "en", verbose=True)
    assert len([line for line in every if line.startswith("  row")]) == len(found)


def test_the_notebook_table_shows_errors_first_and_says_what_it_left_out(tmp_path: Path) -> None:
    file = warnings_and_one_error(tmp_path, 300)
    report = orderkit.validate_file(file, "standard", platform="P")
    html = report._repr_html_()
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "out_of_range" in first_row
    assert "Showing 200 of 301 problems, errors first: 101 rows left out" in html


def test_orders_that_were_only_validated_are_not_shown_as_registered(tmp_path: Path) -> None:
    report = orderkit.validate_file(clean_file(tmp_path), "standard", platform="P")
    assert set(report.orders_frame()["status"]) == {"validated"}


def test_groups_are_numbered_from_1_like_rows(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(5)]
    file = write_xlsx(tmp_path / "five.xlsx", rows)
    with orderkit.SqliteSink(tmp_path / "o.db") as store:
        result = orderkit.upload_file(file, store, template="standard", platform="P", group_size=2,
                                      small_limit=1)  # fmt: skip
    assert list(result.groups_frame()["group"]) == [1, 2, 3]


# the right sheet --------------------------------------------------------------------------------


def notice_first(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    notice = workbook.active
    assert notice is not None
    notice.title = "안내"
    notice["A1"] = "주문서 작성 안내: 두 번째 시트에 주문을 적으세요"
    orders = workbook.create_sheet("주문")
    for row in [STANDARD_HEADER, standard_row("S-1"), standard_row("S-2")]:
        orders.append(row)
    path = tmp_path / "notice-first.xlsx"
    workbook.save(path)
    return path


def test_a_notice_sheet_first_says_which_sheet_fits(tmp_path: Path) -> None:
    file = notice_first(tmp_path)
    result = run("validate", file, "-t", "standard", "--platform", "P")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "  시트 '주문'(2번째 시트)에는 템플릿의 열이 모두 있습니다. "
        "--sheet 2 옵션을 붙여 다시 실행하세요."
    )
    document = json.loads(
        run("validate", file, "-t", "standard", "--platform", "P", "--format", "json").stdout
    )
    assert document["other_sheet"] == {"number": 2, "name": "주문"}


def test_sheet_by_number_or_name_on_every_command(tmp_path: Path) -> None:
    file, db = notice_first(tmp_path), tmp_path / "o.db"
    for sheet in ("2", "주문"):
        result = run("validate", file, "-t", "standard", "--platform", "P", "--sheet", sheet)
        assert result.returncode == 0, result.stdout
        assert "2행, 주문 2건" in result.stdout
    check = run("template", "check", "standard", file, "--platform", "P", "--sheet", "2")
    assert check.returncode == 0, check.stdout
    unchosen = run("template", "check", "standard", file, "--platform", "P", "--locale", "en")
    assert unchosen.returncode == 1
    assert "sheet '주문' (sheet 2) has every column of the template: run again with --sheet 2." in (
        unchosen.stdout
    )
    suggested = run("template", "suggest", file, "--sheet", "2")
    template = orderkit.load_template(suggested.stdout)
    assert template.sheet == "주문"  # the draft records the chosen sheet by its name
    assert template.fields["recipient_name"].headers == ("수취인명",)
    upload = run("upload", file, "-t", "standard", "--platform", "P", "--db", db, "--sheet", "주문")
    assert upload.returncode == 0, upload.stdout + upload.stderr
    assert "주문 등록 2건" in upload.stdout


def test_a_suggested_draft_without_platform_says_to_use_platform(tmp_path: Path) -> None:
    file = clean_file(tmp_path)
    draft = tmp_path / "draft.toml"
    draft.write_text(run("template", "suggest", file).stdout, encoding="utf-8")
    for locale in ("ko", "en"):
        result = run("validate", file, "-t", draft, "--locale", locale)
        assert result.returncode == 2
        assert "--platform" in result.stderr
    assert run("validate", file, "-t", draft, "--platform", "네이버").returncode == 0


# accounts -----------------------------------------------------------------------------------------


def test_every_command_can_name_one_of_two_accounts_of_the_same_name(tmp_path: Path) -> None:
    db, file = tmp_path / "oms.db", clean_file(tmp_path)
    assert run("account", "add", "네이버", "haru", "--db", db).returncode == 0
    assert run("account", "add", "쿠팡", "haru", "--db", db).returncode == 0
    ambiguous = run("template", "match", "haru", "standard", "--db", db)
    assert ambiguous.returncode == 2
    assert "--platform" in ambiguous.stderr
    assert "haru (네이버)" in ambiguous.stderr
    assert "haru (쿠팡)" in ambiguous.stderr
    matched = run("template", "match", "haru", "standard", "--db", db, "--platform", "쿠팡")
    assert matched.returncode == 0, matched.stderr
    assert "haru (쿠팡)" in matched.stdout
    assert run("upload", file, "--account", "haru", "--db", db).returncode == 2
    uploaded = run("upload", file, "--account", "haru", "--platform", "쿠팡", "--db", db,
                   "--format", "json")  # fmt: skip
    assert uploaded.returncode == 0, uploaded.stdout + uploaded.stderr
    history = run("template", "history", "haru", "--platform", "쿠팡", "--db", db)
    assert history.stdout.startswith("v1  ")
    assert run("template", "history", "haru", "--platform", "네이버", "--db", db).stdout == ""


def test_platform_tells_accounts_apart_in_template_match(tmp_path: Path) -> None:
    db = tmp_path / "oms.db"
    assert (
        run("account", "add", "네이버", "haru", "--brand", "하루상점", "--db", db).returncode == 0
    )
    # Platform and name identify an account: another brand does not make a second one.
    again = run("account", "add", "네이버", "haru", "--brand", "하루키즈", "--db", db)
    assert again.returncode != 0
    assert "이미 등록" in again.stderr
    assert run("account", "add", "쿠팡", "haru", "--brand", "하루키즈", "--db", db).returncode == 0
    ambiguous = run("template", "match", "haru", "standard", "--db", db)
    assert ambiguous.returncode == 2
    assert "--platform" in ambiguous.stdout + ambiguous.stderr
    kids = run("template", "match", "haru", "standard", "--db", db, "--platform", "쿠팡")
    assert kids.returncode == 0
    assert "haru (쿠팡 / 하루키즈)" in kids.stdout
    by_brand = run("template", "match", "haru", "standard", "--db", db, "--brand", "하루상점")
    assert by_brand.returncode == 0
    assert "haru (네이버 / 하루상점)" in by_brand.stdout


# times --------------------------------------------------------------------------------------------


def test_times_are_korean_time_to_the_second_unless_tz_says_otherwise(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    run("upload", clean_file(tmp_path), "-t", "standard", "--platform", "P", "--db", db)
    with orderkit.SqliteSink(db) as store:
        stored = store.history("P", "A-1")[0].at
    korean = run("history", "--db", db, "P", "A-1").stdout
    expected = stored.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Seoul"))
    assert korean.startswith(f"{expected:%Y-%m-%d %H:%M:%S} KST  등록  업로드 1, 그룹 1")
    utc = run("history", "--db", db, "P", "A-1", "--tz", "UTC").stdout
    assert utc.startswith(f"{stored:%Y-%m-%d %H:%M:%S} UTC")
    assert "." not in utc.split()[1], "no microseconds"
    document = json.loads(run("history", "--db", db, "P", "A-1", "--format", "json").stdout)
    assert document["events"][0]["at"] == expected.replace(microsecond=0).isoformat()
    bad = run("history", "--db", db, "P", "A-1", "--tz", "Mars/Olympus")
    assert bad.returncode == 2
    assert "Asia/Seoul" in bad.stderr


# progress -----------------------------------------------------------------------------------------


def on_a_terminal(*args: object) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal; return the exit code, stdout and the terminal."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [SCRIPT, *map(str, args)], stdout=subprocess.PIPE, stderr=slave, text=True
    )
    os.close(slave)
    stdout, _ = process.communicate(timeout=120)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    return process.returncode, stdout, terminal.decode()


def test_template_check_shows_a_bar_per_file_on_a_terminal_only(tmp_path: Path) -> None:
    files = [
        write_csv(tmp_path / f"s{n}.csv", [STANDARD_HEADER, standard_row(f"C-{n}")])
        for n in range(3)
    ]
    code, stdout, terminal = on_a_terminal("template", "check", "standard", *files,
                                           "--platform", "P")  # fmt: skip
    assert code == 0, stdout
    assert "파일 3/3" in terminal
    assert "s2.csv" in terminal
    piped = run("template", "check", "standard", *files, "--platform", "P")
    assert piped.stderr == ""


def test_the_clock_for_long_work_draws_on_a_terminal_after_a_second_and_erases_itself() -> None:
    from orderkit.cli.progress import Ticker

    master, slave = pty.openpty()
    with open(slave, "w", encoding="utf-8", closefd=True) as terminal:
        with Ticker("long\x1b[2J.csv", "ko", terminal) as ticker:
            assert ticker.enabled
            time.sleep(Ticker.DELAY + 0.8)  # work that outlasts the delay
        chunks = []
        while select.select([master], [], [], 0.2)[0]:
            chunks.append(os.read(master, 65536))
        drawn = b"".join(chunks).decode()
    os.close(master)
    assert re.search(r"[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] 1초 long\\x1b\[2J\.csv", drawn), drawn
    assert drawn.endswith("\r\x1b[2K"), "the clock erases its line at the end"


def test_the_clock_stays_silent_off_a_terminal_and_for_short_work(tmp_path: Path) -> None:
    from orderkit.cli.progress import Ticker

    with (tmp_path / "log").open("w") as log, Ticker("x.csv", "en", log) as ticker:
        assert not ticker.enabled
        time.sleep(Ticker.DELAY + 0.3)
    assert (tmp_path / "log").read_text() == ""
    master, slave = pty.openpty()
    with open(slave, "w", encoding="utf-8") as terminal:
        with Ticker("x.csv", "en", terminal) as ticker:
            assert ticker.enabled  # a terminal, but the work is over at once
        ready, _, _ = select.select([master], [], [], 0.2)
        assert ready == [], "nothing was drawn"
    os.close(master)


def test_the_example_script_speaks_english_on_request_and_puts_errors_first() -> None:
    from .test_cli import EXAMPLE, ROOT

    result = subprocess.run(
        [sys.executable, "examples/validate_sheet.py", str(EXAMPLE), "--locale", "en"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "standard-orders.xlsx: 8 rows, 7 orders (3 valid, 4 with errors), 9 errors, 2 warnings"
    )
    kinds = [" error " in line for line in lines[1:]]
    assert kinds == [True] * 9 + [False] * 2
    assert all(line.startswith("  row ") for line in lines[1:])

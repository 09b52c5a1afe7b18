"""No path of the command line prints a traceback, and nothing from a file reaches the
terminal as a control sequence."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.cli.output import visible

from .sheets import STANDARD_HEADER, standard_row, write_csv
from .test_cli import SCRIPT, clean_file, run

DEV_FULL = Path("/dev/full")


def hostile_csv(tmp_path: Path) -> Path:
    """A CSV whose name and cells carry terminal control sequences."""
    rows = [
        STANDARD_HEADER,
        standard_row("A-\x1b[31m1", phone="010-12\x1b]0;pwned\x07", quantity="x\u202eyz"),
    ]
    return write_csv(tmp_path / "esc\x1b[2Jname.csv", rows)


# escaping -------------------------------------------------------------------------------------


def test_control_sequences_from_cells_and_names_are_shown_not_obeyed(tmp_path: Path) -> None:
    file = hostile_csv(tmp_path)
    for locale in ("ko", "en"):
        result = run("validate", file, "-t", "standard", "--platform", "P", "--locale", locale)
        assert result.returncode == 1
        for char in ("\x1b", "\x07", "\u202e"):
            assert char not in result.stdout + result.stderr
        assert "esc\\x1b[2Jname.csv" in result.stdout
        assert "A-\\x1b[31m1" in result.stdout
        assert "x\\u202eyz" in result.stdout


def test_json_keeps_the_exact_text(tmp_path: Path) -> None:
    file = hostile_csv(tmp_path)
    result = run("validate", file, "-t", "standard", "--platform", "P", "--format", "json")
    document = json.loads(result.stdout)
    assert document["summary"]["file"] == file.name
    assert {p["order_number"] for p in document["problems"]} == {"A-\x1b[31m1"}
    assert "010-12\x1b]0;pwned\x07" in {p["value"] for p in document["problems"]}


def test_upload_summary_and_failure_hint_are_escaped_too(tmp_path: Path) -> None:
    file = hostile_csv(tmp_path)
    result = run("upload", file, "-t", "standard", "--platform", "P", "--db", tmp_path / "o.db")
    assert result.returncode == 1
    assert "\x1b" not in result.stdout
    # The phone's characters are listed one by one (bad_chars), each shown escaped.
    assert "'\\x1b'" in result.stdout
    assert "'\\x07'" in result.stdout


@given(st.text())
def test_visible_text_has_no_control_character_and_keeps_the_rest(text: str) -> None:
    shown = visible(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\u202e" not in shown
    # Only the escaped characters changed: without them both sides read the same.
    plain = "".join(c for c in text if c.isprintable() or c == " ")
    assert all(c in shown for c in plain)
    if text.isprintable():
        assert shown == text


# output paths ---------------------------------------------------------------------------------


def uploads_in(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM uploads").fetchone()
    return int(count)


@pytest.mark.parametrize("option", ["--failure-file", "--draft"])
@pytest.mark.parametrize("where", ["folder", "missing folder", "under a file"])
def test_an_unwritable_output_path_is_refused_before_the_upload(
    tmp_path: Path, option: str, where: str
) -> None:
    file, db = clean_file(tmp_path), tmp_path / "o.db"
    target = {
        "folder": tmp_path,
        "missing folder": tmp_path / "nowhere" / "f.xlsx",
        "under a file": file / "f.xlsx",
    }[where]
    for locale, says in (("ko", "폴더"), ("en", "folder")):
        result = run("upload", file, "-t", "standard", "--platform", "P", "--db", db,
                     option, target, "--locale", locale)  # fmt: skip
        assert result.returncode == 2, result.stdout
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("orderkit: ")
        assert says in result.stderr
    assert uploads_in(db) == 0, "nothing was committed"


@pytest.mark.parametrize(
    "args",
    [
        ("template", "blank", "--out"),
        ("failures", "--db", "DB", "1", "--out"),
    ],
)
def test_out_pointing_at_a_folder_or_a_missing_folder_exits_2(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    db = tmp_path / "o.db"
    bad = write_csv(tmp_path / "bad.csv", [STANDARD_HEADER, standard_row("B-1", quantity=0)])
    run("upload", bad, "-t", "standard", "--platform", "P", "--db", db)
    argv = [str(db) if a == "DB" else a for a in args]
    for target in (tmp_path, tmp_path / "nowhere" / "x.xlsx"):
        result = run(*argv, target)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert str(target) in result.stderr


@pytest.mark.skipif(not DEV_FULL.exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = run("template", "blank", "--out", DEV_FULL)
    assert result.returncode == 2
    assert result.stderr == "orderkit: /dev/full: 디스크가 가득 차서 쓰지 못했습니다. " \
        "공간을 비운 뒤 다시 실행하세요.\n"  # fmt: skip
    with DEV_FULL.open("w") as full:
        listing = subprocess.run(
            [SCRIPT, "template", "list", "--locale", "en"],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert listing.returncode == 3
    assert listing.stderr == (
        "orderkit: stdout: the disk is full. Free some space and run it again.\n"
    )


# pipes and signals ----------------------------------------------------------------------------


def many_warnings(tmp_path: Path, count: int) -> Path:
    rows = [STANDARD_HEADER] + [standard_row(f"W-{n}", postal=4524) for n in range(count)]
    return write_csv(tmp_path / "many.csv", rows)


def test_a_closed_pipe_is_exit_3_without_a_traceback(tmp_path: Path) -> None:
    file = many_warnings(tmp_path, 3000)  # --verbose prints far more than a pipe buffers
    shell = subprocess.run(
        ["bash", "-c", f"'{SCRIPT}' validate '{file}' -t standard --platform P --verbose "
         "| head -1; echo \"exit=${PIPESTATUS[0]}\" >&2"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert shell.stdout.startswith("many.csv: 3,000행")
    assert shell.stdout.count("\n") == 1
    assert "Traceback" not in shell.stderr
    assert "Exception ignored" not in shell.stderr
    assert "출력을 받던 쪽이 닫혀" in shell.stderr
    assert "exit=3" in shell.stderr


def test_ctrl_c_is_a_message_and_exit_130(tmp_path: Path) -> None:
    file = many_warnings(tmp_path, 3000)
    # Nobody reads stdout: the command blocks on a full pipe until the interrupt comes.
    process = subprocess.Popen(
        [SCRIPT, "validate", str(file), "-t", "standard", "--platform", "P", "--verbose"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    text = stderr.decode()
    assert "Traceback" not in text
    assert text.startswith("orderkit: 중단했습니다 (Ctrl-C).")


def test_version_and_global_options_before_the_command(tmp_path: Path) -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("orderkit ")
    file = clean_file(tmp_path)
    before = run("--locale", "en", "--format", "json", "validate", file, "-t", "standard",
                 "--platform", "P")  # fmt: skip
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["command"] == "validate"
    english = run("--locale", "en", "validate", file, "-t", "standard", "--platform", "P")
    assert "0 errors" in english.stdout
    # given again after the command, the later one wins
    korean = run("--locale", "en", "validate", file, "-t", "standard", "--platform", "P",
                 "--locale", "ko")  # fmt: skip
    assert "오류 0개" in korean.stdout


def test_an_internal_error_is_a_message_and_exit_4(tmp_path: Path) -> None:
    # A store whose table lacks a column the code reads: a broken promise, not user input.
    db = tmp_path / "odd.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
    result = run("account", "list", "--db", db)
    assert result.returncode in (2, 4)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("orderkit: ")


def test_no_environment_variable_or_locale_changes_the_exit_codes(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
    result = subprocess.run(
        [SCRIPT, "validate", str(clean_file(tmp_path)), "-t", "standard", "--platform", "P"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert "오류 0개" in result.stdout

"""A header-only file, through the real console script: NoOrders, exit 2, nothing stored."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

SCRIPT = str(Path(sys.executable).with_name("orderkit"))


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *map(str, args)], capture_output=True, text=True, check=False)


@pytest.fixture(params=["csv", "xlsx"])
def header_only(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "csv":
        return write_csv(tmp_path / "header-only.csv", [STANDARD_HEADER])
    return write_xlsx(tmp_path / "header-only.xlsx", [STANDARD_HEADER])


def test_template_check_of_a_header_only_file_exits_2(tmp_path: Path, header_only: Path) -> None:
    for strict in ((), ("--strict",)):
        result = run("template", "check", "standard", header_only, "--platform", "P", *strict)
        assert result.returncode == 2, result.stdout
        assert "주문이 없습니다" in result.stdout
    english = run("template", "check", "standard", header_only, "--platform", "P",
                  "--locale", "en", "--format", "json")  # fmt: skip
    document = json.loads(english.stdout)
    assert (document["exit_code"], document["exit_meaning"]) == (2, "unusable_input")
    assert "no orders" in document["files"][0]["error"]["message"]
    clean = write_xlsx(tmp_path / "clean.xlsx", [STANDARD_HEADER, standard_row("A-1")])
    mixed = run("template", "check", "standard", clean, header_only, "--platform", "P")
    assert mixed.returncode == 2, "one sample with nothing in it is not a passed check"


def test_upload_of_a_header_only_file_exits_2_and_records_nothing(
    tmp_path: Path, header_only: Path
) -> None:
    db = tmp_path / "o.db"
    for locale, words in (("ko", "주문이 없습니다"), ("en", "no orders")):
        result = run("upload", header_only, "-t", "standard", "--db", db, "--platform", "P",
                     "--locale", locale)  # fmt: skip
        assert result.returncode == 2
        assert words in result.stderr + result.stdout
        assert "Traceback" not in result.stderr
    if db.exists():
        with sqlite3.connect(db) as connection:
            assert connection.execute("SELECT COUNT(*) FROM uploads").fetchone() == (0,)
    validate = run("validate", header_only, "-t", "standard", "--platform", "P")
    assert validate.returncode == 2

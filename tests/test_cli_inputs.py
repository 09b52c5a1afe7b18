"""A folder given where a file is read is told with the path as the user typed it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

SCRIPT = str(Path(sys.executable).with_name("orderkit"))


def run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [SCRIPT, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ko", "{path}: 파일이 아니라 폴더입니다. 폴더 안의 파일까지 경로로 주세요 "
               "(예: {path}/orders.xlsx)."),
        ("en", "{path} is a folder, not a file: give the path of a file in it "
               "(e.g. {path}/orders.xlsx)."),
    ],
)  # fmt: skip
def test_validate_a_folder_names_the_whole_path(tmp_path: Path, locale: str, expected: str) -> None:
    folder = tmp_path / "주문" / "11월"
    folder.mkdir(parents=True)
    text = run("validate", folder, "-t", "standard", "--platform", "P", "--locale", locale)
    assert text.returncode == 2
    assert text.stderr == f"orderkit: {expected.format(path=folder)}\n"
    as_json = run("validate", folder, "-t", "standard", "--platform", "P", "--locale", locale,
                  "--format", "json")  # fmt: skip
    error = json.loads(as_json.stdout)["error"]
    assert error == {"code": "not_a_regular_file", "message": expected.format(path=folder)}


def test_the_current_folder_is_named_too(tmp_path: Path) -> None:
    result = run("validate", ".", "-t", "standard", "--locale", "en", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("orderkit: . is a folder, not a file")
    assert "./orders.xlsx" in result.stderr


def test_a_folder_as_the_catalogue_is_named(tmp_path: Path) -> None:
    orders = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("A-1")])
    result = run("validate", orders, "-t", "standard", "--platform", "P", "--catalogue",
                 tmp_path, "--locale", "en")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(f"orderkit: {tmp_path} is a folder, not a file")
    assert f"{tmp_path}/catalogue.csv" in result.stderr


def test_uploading_a_folder_is_refused_before_the_store_is_made(tmp_path: Path) -> None:
    folder = tmp_path / "orders"
    folder.mkdir()
    db = tmp_path / "oms.db"
    result = run("upload", folder, "-t", "standard", "--platform", "P", "--db", db)
    assert result.returncode == 2
    assert result.stderr.startswith(f"orderkit: {folder}: 파일이 아니라 폴더입니다")
    assert not db.exists()

"""What the command line says first: a file that is no spreadsheet at all is refused as
such, before any question about the run (the platform) that no answer would help."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_catalogue_files import png
from .test_cli import clean_file, run
from .test_workbook_startup import loaded_by


@pytest.mark.parametrize("command", ["validate", "upload"])
def test_an_image_named_xlsx_is_refused_before_the_platform_is_asked_for(
    tmp_path: Path, command: str
) -> None:
    image = png(tmp_path / "orders.xlsx")
    extra = ("--db", tmp_path / "o.db") if command == "upload" else ()
    result = run("--locale", "en", command, image, "-t", "standard", *extra)
    assert result.returncode == 2
    assert "orders.xlsx" in result.stderr
    assert "PNG" in result.stderr
    assert "--platform" not in result.stderr
    assert not (tmp_path / "o.db").exists()


def test_a_web_page_named_xls_is_refused_before_the_platform_is_asked_for(
    tmp_path: Path,
) -> None:
    page = tmp_path / "orders.xls"
    page.write_text("<html><table><tr><td>1</td></tr></table></html>", encoding="utf-8")
    result = run("--locale", "en", "validate", page, "-t", "standard")
    assert result.returncode == 2
    assert "web page" in result.stderr
    assert "--platform" not in result.stderr


def test_a_spreadsheet_without_a_platform_is_still_asked_for_one(tmp_path: Path) -> None:
    result = run("--locale", "en", "validate", clean_file(tmp_path), "-t", "standard")
    assert result.returncode == 2
    assert "--platform" in result.stderr


def test_refusing_a_file_that_is_no_spreadsheet_loads_no_engine(tmp_path: Path) -> None:
    image = png(tmp_path / "orders.xlsx")
    loaded = loaded_by(
        "import contextlib, io\nfrom orderkit.cli.app import main\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n"
        f"    code = main(['validate', {str(image)!r}, '-t', 'standard', '--platform', 'P'])\n"
        "assert code == 2, code"
    )
    assert "orderkit.files.reader" in loaded  # the file was really looked at
    engine = ("orderkit.engine.validate", "orderkit.engine.assemble", "orderkit.engine.columnar")
    assert [name for name in engine if name in loaded] == []

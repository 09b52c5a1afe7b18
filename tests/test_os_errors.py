"""Operating-system errors are said in the user's language, with the path kept."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

import orderkit
from orderkit.model.oserrors import describe
from tests.languages import english_in_korean, korean_in_english


def _raised(action: object) -> OSError:
    try:
        action()  # type: ignore[operator]
    except OSError as exc:
        return exc
    raise AssertionError("the operation did not fail")


def _check_both(exc: OSError, path: Path, korean: str, english: str) -> None:
    ko, en = describe(exc, "ko", path), describe(exc, "en", path)
    assert str(path) in ko
    assert str(path) in en
    assert korean in ko
    assert english in en
    assert english_in_korean(ko.replace(str(path), "")) == []
    assert korean_in_english(en) == []
    assert (exc.strerror or "") not in ko


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    _check_both(_raised(path.read_bytes), path, "없습니다", "no such file")


def test_a_folder_where_a_file_belongs(tmp_path: Path) -> None:
    _check_both(_raised(tmp_path.read_bytes), tmp_path, "폴더입니다", "folder, not a file")


def test_a_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    path = tmp_path / "file" / "orders.xlsx"
    _check_both(_raised(path.read_bytes), path, "폴더가 아닙니다", "not a folder")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs the full device")
def test_a_full_disk() -> None:
    def write() -> None:
        with open("/dev/full", "wb") as handle:
            handle.write(b"x" * 65536)
            handle.flush()

    exc = _raised(write)
    assert exc.errno == errno.ENOSPC
    _check_both(exc, Path("/dev/full"), "디스크 공간이 부족합니다", "disk is full")


def _denied(tmp_path: Path) -> tuple[OSError, Path] | None:
    """A real 'permission denied': a file without rights, or (as root) a kernel file."""
    if os.name == "posix" and os.geteuid() != 0:
        path = tmp_path / "orders.csv"
        path.write_text("a,b\n")
        path.chmod(0)
        return _raised(path.read_bytes), path
    kernel = Path("/sys/kernel/notes")  # read-only even for root
    try:
        kernel.write_bytes(b"x")
    except PermissionError as exc:
        return exc, kernel
    except OSError:
        return None
    return None


def test_permission_denied(tmp_path: Path) -> None:
    found = _denied(tmp_path)
    if found is None:
        pytest.skip("no way to be denied here")
    exc, path = found
    assert exc.errno in (errno.EACCES, errno.EPERM)
    _check_both(exc, path, "권한이 없습니다", "permission denied")


def test_an_unlisted_error_names_its_errno(tmp_path: Path) -> None:
    exc = OSError(errno.ENOLINK, os.strerror(errno.ENOLINK))
    assert describe(exc, "ko", tmp_path) == f"{tmp_path}: 운영체제 오류 ENOLINK"
    assert describe(exc, "en") == "operating system error ENOLINK"


def test_reading_a_missing_sheet_says_so_in_korean(tmp_path: Path) -> None:
    path = tmp_path / "주문.xlsx"
    with pytest.raises(orderkit.UnreadableFile) as caught:
        orderkit.read_sheet(path)
    assert caught.value.localized("ko") == (
        f"{path} 파일을 열 수 없습니다: 파일이나 폴더가 없습니다. 경로를 확인하세요"
    )
    assert str(caught.value) == f"cannot open {path}: no such file or folder; check the path"


def test_a_template_folder_says_so_in_both_languages(tmp_path: Path) -> None:
    folder = tmp_path / "서울"
    folder.mkdir()
    with pytest.raises(orderkit.TemplateError) as caught:
        orderkit.load_template(folder)
    # A folder is refused before anything opens it (a special path could hang the read).
    assert caught.value.localized("ko").startswith("서울은 일반 파일이 아니라 폴더입니다")
    assert str(caught.value).startswith("서울 is a folder, not a file")


@pytest.mark.parametrize(
    ("locale", "expected"), [("ko", "파일이나 폴더가 없습니다"), ("en", "no such file or folder")]
)
def test_the_command_line_speaks_the_locale(tmp_path: Path, locale: str, expected: str) -> None:
    missing = tmp_path / "orders.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "orderkit", "validate", str(missing), "--template", "standard",
         "--locale", locale],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    message = done.stderr.replace(str(missing), "")
    if locale == "ko":
        assert english_in_korean(message) == []
        assert "No such file" not in message
    else:
        assert korean_in_english(message) == []


def test_a_folder_without_a_name_of_its_own_is_named_as_given() -> None:
    with pytest.raises(orderkit.OrderkitError) as raised:
        orderkit.validate_file(Path("/"), "standard", platform="P")
    assert str(raised.value).startswith("/ is a folder")

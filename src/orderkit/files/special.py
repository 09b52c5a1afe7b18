"""Refusing special files (pipes, devices, directories, sockets) before they are opened.

Opening a FIFO for reading blocks until a writer comes; reading the zero device never ends.
Every opener of a user-given path (order file, catalogue, template) asks here first, so a
path to anything but a regular file is refused with a clear error instead of a hang.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Final

from orderkit.model.errors import NotARegularFile

__all__ = ["check_regular_file"]

# What each kind of special file is called in the error, in English and Korean.
_KINDS: Final = (
    (stat.S_ISDIR, "a folder", "폴더"),
    (stat.S_ISFIFO, "a named pipe (FIFO)", "이름 있는 파이프(FIFO)"),
    (stat.S_ISCHR, "a character device", "문자 장치 파일"),
    (stat.S_ISBLK, "a block device", "블록 장치 파일"),
    (stat.S_ISSOCK, "a socket", "소켓"),
)


def check_regular_file(path: Path) -> None:
    """Refuse ``path`` unless it is (a link to) a regular file; never opens it.

    A path that cannot be looked at (missing, no permission) passes: the opener reports it
    in its own words.

    Raises:
        NotARegularFile: ``path`` is a folder, a FIFO, a device, a socket or another
            special file.
    """
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISREG(mode):
        return
    en, ko = "a special file", "특수 파일"
    for is_kind, kind_en, kind_ko in _KINDS:
        if is_kind(mode):
            en, ko = kind_en, kind_ko
    name = path.name or str(path)  # "." and "/" have no name of their own
    raise NotARegularFile(
        f"{name} is {en}, not a file; orderkit reads regular files only: give the path "
        "of a saved .xlsx, .csv or .toml file",
        ko=f"{name}은(는) 일반 파일이 아니라 {ko}입니다. orderkit은 일반 파일만 읽습니다. "
        "저장된 .xlsx, .csv 또는 .toml 파일의 경로를 주세요.",
    )

"""Operating-system errors in the user's language.

The system's own text (``No such file or directory``) is English whatever the locale; here
the error number chooses a sentence in both languages and the path is kept, so a Korean
user reads ``orders.xlsx: 파일이나 폴더가 없습니다`` and can act on it.
"""

from __future__ import annotations

import errno
from os import PathLike
from typing import Final, Literal, TypeVar

from orderkit.model.errors import OrderkitError
from orderkit.model.wording import phrasebook

__all__ = ["OS_ERRORS", "Action", "describe", "os_error"]

E = TypeVar("E", bound=OrderkitError)
Action = Literal["open", "read", "write"]

OS_ERRORS: Final = phrasebook("os_errors", {
    "not_found": (
        "파일이나 폴더가 없습니다. 경로를 확인하세요",
        "no such file or folder; check the path",
    ),
    "denied": (
        "권한이 없습니다. 파일 권한을 확인하거나 권한이 있는 위치를 쓰세요",
        "permission denied; check the file's permissions or use a place you may use",
    ),
    "is_a_directory": (
        "파일이 아니라 폴더입니다. 폴더 안의 파일 경로를 주세요",
        "it is a folder, not a file; give the path of a file in it",
    ),
    "not_a_directory": (
        "경로 중간의 이름이 폴더가 아닙니다. 경로를 확인하세요",
        "a part of the path is not a folder; check the path",
    ),
    "disk_full": (
        "디스크 공간이 부족합니다. 공간을 비운 뒤 다시 하세요",
        "the disk is full; free some space and try again",
    ),
    "read_only": (
        "읽기 전용 위치입니다. 쓸 수 있는 위치를 고르세요",
        "the place is read-only; choose a place that can be written",
    ),
    "name_too_long": (
        "경로나 이름이 너무 깁니다. 더 짧게 하세요",
        "the path or a name in it is too long; shorten it",
    ),
    "link_loop": (
        "심볼릭 링크가 서로를 가리켜 끝나지 않습니다",
        "symbolic links point at each other in a loop",
    ),
    "too_many_open": (
        "열린 파일이 너무 많습니다. 다른 프로그램을 닫고 다시 하세요",
        "too many files are open; close other programs and try again",
    ),
    "exists": ("이미 있습니다. 다른 이름을 쓰세요", "it already exists; use another name"),
    "busy": (
        "다른 프로그램이 쓰고 있습니다. 그 프로그램을 닫고 다시 하세요",
        "another program is using it; close that program and try again",
    ),
    "too_large": ("파일이 너무 큽니다", "the file is too large"),
    "io": (
        "디스크나 장치에서 읽고 쓰다 오류가 났습니다. 장치를 확인하세요",
        "the disk or device failed to read or write; check the device",
    ),
    "other": ("운영체제 오류 {name}", "operating system error {name}"),
    "with_path": ("{path}: {reason}", "{path}: {reason}"),
    "open": ("{path} 파일을 열 수 없습니다: {reason}", "cannot open {path}: {reason}"),
    "read": ("{path:을} 읽을 수 없습니다: {reason}", "cannot read {path}: {reason}"),
    "write": ("{path}에 쓸 수 없습니다: {reason}", "cannot write {path}: {reason}"),
})  # fmt: skip

_BY_ERRNO: Final[dict[int, str]] = {
    errno.ENOENT: "not_found",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EISDIR: "is_a_directory",
    errno.ENOTDIR: "not_a_directory",
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only",
    errno.ENAMETOOLONG: "name_too_long",
    errno.ELOOP: "link_loop",
    errno.EMFILE: "too_many_open",
    errno.ENFILE: "too_many_open",
    errno.EEXIST: "exists",
    errno.EBUSY: "busy",
    errno.ETXTBSY: "busy",
    errno.EFBIG: "too_large",
    errno.EIO: "io",
}


def describe(
    exc: OSError,
    locale: str,
    path: str | PathLike[str] | None = None,
    *,
    action: Action | None = None,
) -> str:
    """What went wrong, in ``locale``, naming the path when one is known.

    Args:
        exc: the error the system raised.
        locale: ``"ko"`` or ``"en"``.
        path: the path to name; ``exc.filename`` when not given.
        action: what orderkit tried (``"open"``, ``"read"``, ``"write"``), said first.
    """
    key = _BY_ERRNO.get(exc.errno or 0, "other")
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    reason = OS_ERRORS(key, locale, name=name) if key == "other" else OS_ERRORS(key, locale)
    where = path if path is not None else exc.filename
    if where is None:
        return reason
    return OS_ERRORS(action or "with_path", locale, path=str(where), reason=reason)


def os_error(
    cls: type[E],
    exc: OSError,
    path: str | PathLike[str] | None = None,
    *,
    action: Action | None = None,
) -> E:
    """An exception of type ``cls`` that says ``exc`` in both languages, path included."""
    return cls(
        describe(exc, "en", path, action=action), ko=describe(exc, "ko", path, action=action)
    )

"""SQLite's failures as :class:`orderkit.StoreError`, with a message that says what to do.

``sqlite3`` raises a handful of exception types whose text ("file is not a database",
"attempt to write a readonly database") means little to an operator. The store turns each
into one bilingual sentence naming the file; the driver's own exception stays chained.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Concatenate, Final, ParamSpec, Protocol, TypeVar

from orderkit.model.errors import StoreError

__all__ = ["sqlite_errors", "store_error", "translated"]

# (SQLite result code names, English, Korean); {path} and {detail} are filled in.
_KINDS: Final = (
    (
        ("SQLITE_NOTADB",),
        "{path} is not an orderkit store: it is not a SQLite database file. Give the path "
        "of a store, or a new file name to create one",
        "{path}은(는) SQLite 데이터베이스 파일이 아니어서 저장소로 열 수 없습니다. "
        "저장소 파일 경로나, 새로 만들 파일 이름을 주세요",
    ),
    (
        ("SQLITE_READONLY",),
        "the store {path} is read-only: orderkit cannot write to it. Check that the file and "
        "its folder are writable (SQLite writes a -wal and a -shm file beside it)",
        "저장소 {path}이(가) 읽기 전용이라 쓸 수 없습니다. 파일과 그 폴더에 쓰기 권한이 "
        "있는지 확인하세요 (SQLite는 옆에 -wal, -shm 파일을 씁니다)",
    ),
    (
        ("SQLITE_FULL",),
        "the store {path} is full: the disk (or the database's size limit) has no room. "
        "Free some space and try again; nothing of the failed step was written",
        "저장소 {path}이(가) 가득 찼습니다 (디스크나 데이터베이스 크기 한도). 공간을 확보한 뒤 "
        "다시 하세요. 실패한 단계는 아무것도 기록되지 않았습니다",
    ),
    (
        ("SQLITE_BUSY", "SQLITE_LOCKED"),
        "the store {path} stayed locked by another process longer than the store's timeout. "
        "Try again when the other upload has finished",
        "다른 프로세스가 저장소 {path}을(를) 제한 시간보다 오래 잠그고 있습니다. 다른 업로드가 "
        "끝난 뒤 다시 하세요",
    ),
    (
        ("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"),
        "cannot open the store {path}: its folder does not exist or cannot be written",
        "저장소 {path}을(를) 열 수 없습니다. 폴더가 없거나 쓸 수 없습니다",
    ),
    (
        ("SQLITE_CORRUPT",),
        "the store {path} is damaged. Restore it from a backup",
        "저장소 {path}이(가) 손상되었습니다. 백업에서 복원하세요",
    ),
)
_OTHER: Final = (
    "the store {path} failed: {detail}",
    "저장소 {path}에서 오류가 났습니다: {detail}",
)
# Errors raised by hand (or by old Pythons) carry no result code: judge by the text.
_TEXT_HINTS: Final = {
    "not a database": "SQLITE_NOTADB",
    "readonly": "SQLITE_READONLY",
    "is full": "SQLITE_FULL",
    "is locked": "SQLITE_BUSY",
    "unable to open": "SQLITE_CANTOPEN",
    "malformed": "SQLITE_CORRUPT",
}


def store_error(exc: sqlite3.Error, path: str) -> StoreError:
    """The :class:`StoreError` that says what ``exc`` means for the store at ``path``."""
    name = getattr(exc, "sqlite_errorname", None)
    detail = str(exc)
    if name is None or name == "SQLITE_ERROR":
        name = next((n for hint, n in _TEXT_HINTS.items() if hint in detail.lower()), name)
    if isinstance(exc, sqlite3.ProgrammingError) and "closed" in detail:
        return StoreError(
            f"the connection to the store {path} was closed: open the store again",
            ko=f"저장소 {path} 연결이 닫혔습니다. 저장소를 다시 여세요.",
        )
    for names, en, ko in _KINDS:
        if name in names:
            return StoreError(
                en.format(path=path, detail=detail) + f" [{detail}]",
                ko=ko.format(path=path, detail=detail) + f". [{detail}]",
            )
    en, ko = _OTHER
    return StoreError(en.format(path=path, detail=detail), ko=ko.format(path=path, detail=detail))


@contextmanager
def sqlite_errors(path: str) -> Iterator[None]:
    """Raise any ``sqlite3.Error`` inside the block as a :class:`StoreError`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc


class _HasPath(Protocol):
    path: str


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=_HasPath)


def translated(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """A store method whose ``sqlite3`` errors come out as :class:`StoreError`."""

    @wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with sqlite_errors(self.path):
            return method(self, *args, **kwargs)

    return wrapper

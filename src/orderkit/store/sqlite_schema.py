"""The SQLite store's schema and migrations, and the checks around opening its file.

``PRAGMA user_version`` is the schema version. Opening a store creates or migrates its
tables inside ``BEGIN IMMEDIATE``, only when the version is behind, so that processes
creating one new store at once run it once; a store from a newer orderkit is refused.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
import warnings
from typing import Final

from orderkit.model.accounts import SellerAccount
from orderkit.model.errors import StoreError
from orderkit.store.sqlite_accounts import ACCOUNT_SCHEMA, migrate_account_identity
from orderkit.store.sqlite_errors import store_error

__all__ = [
    "SCHEMA_VERSION",
    "create_schema",
    "journal_in_wal",
    "refuse_other_files",
    "wal_deleted",
    "wal_identity",
    "warn_renamed",
]

# 1: orders, lines, events, uploads. 2: accounts and template versions. 3: an account is
# identified by platform and name (brand an attribute).
SCHEMA_VERSION: Final = 3
SQLITE_HEADER: Final = b"SQLite format 3\x00"
SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    orders INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    committed INTEGER,
    failed INTEGER,
    failure_file TEXT
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    order_number TEXT NOT NULL,
    content TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('registered', 'cancelled')),
    registered_at TEXT NOT NULL,
    cancelled_at TEXT,
    upload_id INTEGER REFERENCES uploads(id),
    group_index INTEGER,
    UNIQUE (platform, order_number)
);
CREATE TABLE IF NOT EXISTS lines (
    order_id INTEGER NOT NULL REFERENCES orders(id),
    position INTEGER NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (order_id, position)
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT,
    reason TEXT,
    upload_id INTEGER,
    group_index INTEGER
);
CREATE INDEX IF NOT EXISTS events_by_order ON events(order_id, id);
"""


def refuse_other_files(path: str) -> None:
    """Refuse a file that is not a SQLite database before SQLite opens it: SQLite takes a
    file shorter than its header for an empty database and writes over it, so a stray
    one-line text file would be destroyed. A named pipe or a device is refused unopened:
    opening a pipe waits for a writer that never comes."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing (a new store), no permission: SQLite says which
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise StoreError(
            f"the store {path} is not a regular file (a pipe, a device or a socket): give the "
            "path of a SQLite file",
            ko=f"저장소 {path}은(는) 일반 파일이 아닙니다(파이프, 장치, 소켓). "
            "SQLite 파일의 경로를 주세요.",
        )
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError:
        return  # missing (a new store), a folder, no permission: SQLite says which
    if head and head != SQLITE_HEADER:
        raise store_error(sqlite3.DatabaseError("file is not a database"), path)


# orderkit's tables and a column each has always had. Another application's database has
# none of these tables, or one of these names with other columns (its own "orders").
_OWN_TABLES: Final = {
    "orders": "content",
    "uploads": "source",
    "lines": "sku",
    "events": "kind",
    "accounts": "brand",
    "template_versions": "template",
}


def refuse_foreign_database(db: sqlite3.Connection, path: str) -> None:
    """Refuse a SQLite database that holds tables but is not an orderkit store: creating
    orderkit's tables in it would write into another application's data."""
    tables = {
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if not tables:
        return  # a new (empty) database becomes a store
    known = tables & _OWN_TABLES.keys()
    ours = bool(known) and all(
        _OWN_TABLES[table] in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for table in known
    )
    if ours:
        return
    listed = ", ".join(sorted(tables)[:10]) + (" …" if len(tables) > 10 else "")
    raise StoreError(
        f"{path} is a SQLite database of another application (it holds the tables {listed}), "
        "not an orderkit store; nothing was written to it: give orderkit a new file",
        ko=f"{path}은(는) 다른 프로그램의 SQLite 데이터베이스(표: {listed})이고 orderkit 저장소가 "
        "아닙니다. 아무것도 쓰지 않았습니다. orderkit에는 새 파일을 주세요.",
    )


def journal_in_wal(connection: sqlite3.Connection, timeout: float) -> None:
    """Switch to the WAL journal. Doing so on a brand-new file takes an exclusive lock
    without SQLite's busy handler, so workers creating one store at once retry."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def create_schema(db: sqlite3.Connection, path: str) -> list[tuple[SellerAccount, str]]:
    """Create or migrate the tables (inside the caller's transaction); return the accounts
    renamed to make platform and name unique (see ``migrate_account_identity``)."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the store {path} was written by a newer orderkit (schema {version}; "
            f"this one knows up to {SCHEMA_VERSION}): upgrade orderkit to use it",
            ko=f"저장소 {path}은(는) 더 새로운 orderkit이 만든 것입니다 (스키마 "
            f"{version}, 이 버전은 {SCHEMA_VERSION}까지). orderkit을 업그레이드하세요.",
        )
    refuse_foreign_database(db, path)
    if version == SCHEMA_VERSION:  # a racing creator finds the work done
        return []
    for statement in (SCHEMA + ACCOUNT_SCHEMA).split(";"):
        if statement.strip():
            db.execute(statement)
    columns = {row[1] for row in db.execute("PRAGMA table_info(uploads)")}
    # Version 1 stores lack the account columns of uploads.
    for column in ("account_id", "template_version"):
        if column not in columns:
            db.execute(f"ALTER TABLE uploads ADD COLUMN {column} INTEGER")
    renamed = migrate_account_identity(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return renamed


def warn_renamed(path: str, renamed: list[tuple[SellerAccount, str]]) -> None:
    listed = ", ".join(f"{old} → {new!r}" for old, new in renamed)
    warnings.warn(
        f"{path}: accounts now need a unique platform and name; renamed {listed}. "
        f"/ 계정은 이제 판매처와 이름이 겹칠 수 없어 이름을 바꿨습니다: {listed}",
        UserWarning,
        stacklevel=3,
    )


def wal_identity(path: str) -> tuple[int, int] | None:
    """Which file the store's write-ahead log is (device, inode), if there is one."""
    try:
        stat = os.stat(path + "-wal")
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def wal_deleted(path: str) -> StoreError:
    return StoreError(
        f"the store's write-ahead log {path}-wal was deleted or replaced while the "
        "store was open; orderkit stops writing to it. Groups committed before are kept "
        "if they could be copied into the database: check with a new connection",
        ko=f"저장소를 연 동안 쓰기 로그 {path}-wal이(가) 지워지거나 바뀌어 더 쓰지 "
        "않습니다. 그 전에 등록된 그룹은 데이터베이스로 옮겨졌다면 남아 있습니다. 저장소를 "
        "다시 열어 확인하세요.",
    )

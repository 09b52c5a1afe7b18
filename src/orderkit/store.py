"""The SQLite store: the embedded sink, with orders, lines, events and uploads.

One group is one ``BEGIN IMMEDIATE`` transaction; ``UNIQUE(platform, order_number)`` makes a
second registration impossible; the WAL journal keeps the file whole if the process dies in
the middle of a group. Two processes may upload into one database file at once: the second
waits for the first's transaction and then sees its orders.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from orderkit.accounts import (
    ACCOUNT_SCHEMA,
    AccountBook,
    SellerAccount,
    SellerAccounts,
    TemplateVersion,
)
from orderkit.error_texts import error
from orderkit.errors import (
    AlreadyCancelled,
    InvalidArgument,
    OrderNotFound,
    UploadNotFound,
)
from orderkit.failures import FailureFile
from orderkit.model import Order, OrderStatus
from orderkit.sink import CommitResult, Event, EventKind, Key

__all__ = ["MemorySink", "SqliteSink"]

SCHEMA_VERSION: Final = 2
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


def _content(order: Order) -> str:
    """An order's content, canonical: what "identical" means on re-upload."""
    data = order.to_dict()
    del data["status"], data["cancelled_at"]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _now() -> datetime:
    return datetime.now(UTC)


class SqliteSink(SellerAccounts):
    """Orders in a SQLite database file (created on first use), with the seller accounts
    and their template versions (see :class:`SellerAccounts`).

    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = str(path)
        self._connection = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        self._connection.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self._connection.execute("PRAGMA journal_mode = WAL")
        self._create_schema()

    # lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> SqliteSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.path!r}>"

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connection
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        if db.in_transaction:  # a duplicate may have rolled the group back already
            db.execute("COMMIT")

    def _create_schema(self) -> None:
        with self._transaction() as db:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise error(InvalidArgument, "newer_store", path=self.path, version=version)
            for statement in (SCHEMA + ACCOUNT_SCHEMA).split(";"):
                if statement.strip():
                    db.execute(statement)
            columns = {row[1] for row in db.execute("PRAGMA table_info(uploads)")}
            # Version 1 stores lack the account columns of uploads.
            for column in ("account_id", "template_version"):
                if column not in columns:
                    db.execute(f"ALTER TABLE uploads ADD COLUMN {column} INTEGER")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._accounts = AccountBook(self._connection, self._transaction)

    # the sink protocol -----------------------------------------------------------------------

    def start_upload(
        self,
        source: str,
        *,
        orders: int,
        rows: int,
        template_version: TemplateVersion | None = None,
    ) -> int:
        account_id = version = None
        if template_version is not None:
            account_id = self._accounts.id_of(template_version.account)
            version = template_version.version
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO uploads (source, started_at, orders, rows, account_id,"
                " template_version) VALUES (?, ?, ?, ?, ?, ?)",
                (source, _now().isoformat(), orders, rows, account_id, version),
            )
            return int(cursor.lastrowid or 0)

    def upload_template(self, upload_id: int) -> tuple[SellerAccount, int] | None:
        """The account and template version an upload was mapped with, if by account."""
        row = self._connection.execute(
            "SELECT a.platform, a.name, a.brand, u.template_version FROM uploads u"
            " JOIN accounts a ON a.id = u.account_id WHERE u.id = ?",
            (upload_id,),
        ).fetchone()
        return None if row is None else (SellerAccount(row[0], row[1], row[2]), int(row[3]))

    def commit(self, upload_id: int, group: int, orders: Sequence[Order]) -> CommitResult:
        registered: list[Key] = []
        skipped: list[Key] = []
        duplicates: list[Key] = []
        at = _now().isoformat()
        with self._transaction() as db:
            for order in orders:
                content = _content(order)
                found = db.execute(
                    "SELECT content FROM orders WHERE platform = ? AND order_number = ?",
                    order.key,
                ).fetchone()
                if found is not None:
                    (skipped if found[0] == content else duplicates).append(order.key)
                    continue
                self._insert(db, order, content, at, upload_id, group)
                registered.append(order.key)
            if duplicates:
                db.execute("ROLLBACK")
                return CommitResult((), tuple(skipped), tuple(duplicates))
        return CommitResult(tuple(registered), tuple(skipped), ())

    def _insert(
        self,
        db: sqlite3.Connection,
        order: Order,
        content: str,
        at: str,
        upload_id: int | None,
        group: int | None,
    ) -> None:
        cursor = db.execute(
            "INSERT INTO orders (platform, order_number, content, status, registered_at,"
            " upload_id, group_index) VALUES (?, ?, ?, 'registered', ?, ?, ?)",
            (*order.key, content, at, upload_id, group),
        )
        order_id = cursor.lastrowid
        db.executemany(
            "INSERT INTO lines (order_id, position, sku, quantity) VALUES (?, ?, ?, ?)",
            [(order_id, n, line.sku, line.quantity) for n, line in enumerate(order.lines)],
        )
        db.execute(
            "INSERT INTO events (order_id, kind, at, upload_id, group_index)"
            " VALUES (?, 'registered', ?, ?, ?)",
            (order_id, at, upload_id, group),
        )

    def finish_upload(
        self, upload_id: int, failures: FailureFile, *, committed: int, failed: int
    ) -> None:
        blob = json.dumps(failures.to_dict(), ensure_ascii=False)
        with self._transaction() as db:
            db.execute(
                "UPDATE uploads SET finished_at = ?, committed = ?, failed = ?, failure_file = ?"
                " WHERE id = ?",
                (_now().isoformat(), committed, failed, blob, upload_id),
            )

    # reading ---------------------------------------------------------------------------------

    def count(self) -> int:
        """How many orders are stored, cancelled ones included."""
        (count,) = self._connection.execute("SELECT COUNT(*) FROM orders").fetchone()
        return int(count)

    def get(self, platform: str, order_number: str) -> Order | None:
        found = self._connection.execute(
            "SELECT content, status, cancelled_at FROM orders"
            " WHERE platform = ? AND order_number = ?",
            (platform, order_number),
        ).fetchone()
        if found is None:
            return None
        content, status, cancelled_at = found
        data: dict[str, Any] = json.loads(content)
        data["status"] = status
        data["cancelled_at"] = cancelled_at
        return Order.from_dict(data)

    def orders(self) -> list[Order]:
        """Every stored order, in the order they were registered."""
        keys = self._connection.execute(
            "SELECT platform, order_number FROM orders ORDER BY id"
        ).fetchall()
        return [order for key in keys if (order := self.get(*key)) is not None]

    def failure_file(self, upload_id: int, path: str | Path) -> Path:
        """Write an upload's failure file again, as it was handed back then."""
        found = self._connection.execute(
            "SELECT failure_file FROM uploads WHERE id = ?", (upload_id,)
        ).fetchone()
        if found is None or found[0] is None:
            raise UploadNotFound(
                f"no finished upload {upload_id} in {self.path}",
                ko=f"{self.path}에 {upload_id}번 업로드 기록이 없습니다.",
            )
        return FailureFile.from_dict(json.loads(found[0])).write(path)

    # cancellation ----------------------------------------------------------------------------

    def cancel(
        self,
        platform: str,
        order_number: str,
        *,
        reason: str | None = None,
        actor: str | None = None,
        at: datetime | None = None,
    ) -> Order:
        """Force-cancel a registered order. Irreversible.

        Raises:
            OrderNotFound: no such order.
            AlreadyCancelled: it was cancelled before; nothing changes.
        """
        if at is not None and at.tzinfo is None:
            raise error(InvalidArgument, "naive_time")
        when = (at or _now()).isoformat()
        with self._transaction() as db:
            order_id, status = self._find(db, platform, order_number)
            if status == OrderStatus.CANCELLED:
                raise AlreadyCancelled(
                    f"order {order_number!r} of {platform!r} is already cancelled",
                    ko=f"{platform} 주문 {order_number}은(는) 이미 취소되었습니다.",
                )
            db.execute(
                "UPDATE orders SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
                (when, order_id),
            )
            db.execute(
                "INSERT INTO events (order_id, kind, at, actor, reason)"
                " VALUES (?, 'cancelled', ?, ?, ?)",
                (order_id, when, actor, reason),
            )
        order = self.get(platform, order_number)
        assert order is not None
        return order

    def history(self, platform: str, order_number: str) -> list[Event]:
        """The order's events in order: registered (with upload and group), cancelled."""
        order_id, _ = self._find(self._connection, platform, order_number)
        rows = self._connection.execute(
            "SELECT kind, at, actor, reason, upload_id, group_index FROM events"
            " WHERE order_id = ? ORDER BY id",
            (order_id,),
        ).fetchall()
        return [
            Event(EventKind(kind), datetime.fromisoformat(at), actor, reason, upload, group)
            for kind, at, actor, reason, upload, group in rows
        ]

    def _find(self, db: sqlite3.Connection, platform: str, order_number: str) -> tuple[int, str]:
        found = db.execute(
            "SELECT id, status FROM orders WHERE platform = ? AND order_number = ?",
            (platform, order_number),
        ).fetchone()
        if found is None:
            raise OrderNotFound(
                f"no order {order_number!r} of {platform!r} in {self.path}",
                ko=f"{platform} 주문 {order_number}이(가) 없습니다.",
            )
        return int(found[0]), str(found[1])


class MemorySink(SqliteSink):
    """The same store in memory: for tests and notebooks. Gone when closed."""

    def __init__(self) -> None:
        super().__init__(":memory:")

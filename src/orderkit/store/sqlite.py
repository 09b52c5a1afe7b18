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
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from orderkit.files.failures import FailureFile
from orderkit.model.accounts import SellerAccount
from orderkit.model.error_texts import error
from orderkit.model.errors import (
    InvalidArgument,
    OrderNotFound,
    UploadNotFound,
)
from orderkit.model.values import Order, OrderStatus
from orderkit.store.accounts import SellerAccounts, TemplateVersion
from orderkit.store.sink import CommitResult, Event, EventKind, Key
from orderkit.store.sqlite_accounts import SqliteAccountBook
from orderkit.store.sqlite_errors import sqlite_errors, translated
from orderkit.store.sqlite_schema import (
    create_schema,
    journal_in_wal,
    refuse_other_files,
    wal_deleted,
    wal_identity,
    warn_renamed,
)
from orderkit.store.storage import (
    UploadRecord,
    already_cancelled,
    order_content,
    order_from_content,
)

__all__ = ["MemorySink", "SqliteSink"]


def _now() -> datetime:
    return datetime.now(UTC)


class SqliteSink(SellerAccounts):
    """Orders in a SQLite database file (created on first use), with the seller accounts
    and their template versions (see :class:`SellerAccounts`).

    Use it as a context manager, or call :meth:`close`. Several processes may open one file
    at once, a brand-new one too: each waits up to ``timeout`` seconds for the others'
    transactions. Every SQLite failure is raised as :class:`orderkit.StoreError`.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = str(path)
        self._timeout = timeout
        refuse_other_files(self.path)
        with sqlite_errors(self.path):
            self._connection = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            try:
                self._connection.execute("PRAGMA foreign_keys = ON")
                if self.path != ":memory:":
                    journal_in_wal(self._connection, timeout)
                with self._transaction() as db:
                    renamed = create_schema(db, self.path)
            except BaseException:
                self._connection.close()
                raise
        self._accounts = SqliteAccountBook(self._connection, self._transaction, self.path)
        if renamed:
            warn_renamed(self.path, renamed)
        self._wal = wal_identity(self.path)

    # lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        if self._wal is not None and wal_identity(self.path) != self._wal:
            # The WAL was deleted under us: copy what we committed into the file first.
            with suppress(sqlite3.Error):
                self._connection.execute("PRAGMA wal_checkpoint(FULL)")
        self._connection.close()

    def __enter__(self) -> Self:
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
        with sqlite_errors(self.path):
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            if db.in_transaction:  # a duplicate may have rolled the group back already
                db.execute("COMMIT")

    def _check_wal(self) -> None:
        """Refuse to write when the write-ahead log was deleted or replaced under us: our
        connection would go on writing into a file nobody else can see."""
        if self._wal is None or wal_identity(self.path) == self._wal:
            return
        # What committed so far is still in our open handle: move it into the file.
        with suppress(sqlite3.Error):
            self._connection.execute("PRAGMA wal_checkpoint(FULL)")
        raise wal_deleted(self.path)

    # the sink protocol -----------------------------------------------------------------------

    @translated
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

    @translated
    def upload_template(self, upload_id: int) -> tuple[SellerAccount, int] | None:
        """The account and template version an upload was mapped with, if by account."""
        row = self._connection.execute(
            "SELECT a.platform, a.name, a.brand, u.template_version FROM uploads u"
            " JOIN accounts a ON a.id = u.account_id WHERE u.id = ?",
            (upload_id,),
        ).fetchone()
        return None if row is None else (SellerAccount(row[0], row[1], row[2]), int(row[3]))

    @translated
    def commit(self, upload_id: int, group: int, orders: Sequence[Order]) -> CommitResult:
        registered: list[Key] = []
        skipped: list[Key] = []
        duplicates: list[Key] = []
        cancelled: list[tuple[Key, datetime]] = []
        at = _now().isoformat()
        self._check_wal()
        with self._transaction() as db:
            for order in orders:
                content = order_content(order)
                found = db.execute(
                    "SELECT content, cancelled_at FROM orders"
                    " WHERE platform = ? AND order_number = ?",
                    order.key,
                ).fetchone()
                if found is None:
                    self._insert(db, order, content, at, upload_id, group)
                    registered.append(order.key)
                elif found[0] != content:
                    duplicates.append(order.key)
                elif found[1] is not None:
                    cancelled.append((order.key, datetime.fromisoformat(found[1])))
                else:
                    skipped.append(order.key)
            if duplicates:
                db.execute("ROLLBACK")
                return CommitResult((), tuple(skipped), tuple(duplicates), tuple(cancelled))
            self._group_written()
        return CommitResult(tuple(registered), tuple(skipped), (), tuple(cancelled))

    def _group_written(self) -> None:
        """Called inside a group's transaction once its rows are written, before COMMIT:
        the place where the fault tests kill a worker or drop its connection."""

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

    @translated
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

    @translated
    def count(self) -> int:
        """How many orders are stored, cancelled ones included."""
        (count,) = self._connection.execute("SELECT COUNT(*) FROM orders").fetchone()
        return int(count)

    @translated
    def platforms(self) -> list[str]:
        """Every platform the stored orders name, once each (for the upload's case check)."""
        rows = self._connection.execute("SELECT DISTINCT platform FROM orders").fetchall()
        return sorted(str(platform) for (platform,) in rows)

    @translated
    def existing(self, keys: Sequence[Key]) -> set[Key]:
        """Which of these ``(platform, order_number)`` keys are stored (cancelled too)."""
        found: set[Key] = set()
        for key in keys:
            row = self._connection.execute(
                "SELECT 1 FROM orders WHERE platform = ? AND order_number = ?", key
            ).fetchone()
            if row is not None:
                found.add(key)
        return found

    @translated
    def get(self, platform: str, order_number: str) -> Order | None:
        found = self._connection.execute(
            "SELECT content, status, cancelled_at FROM orders"
            " WHERE platform = ? AND order_number = ?",
            (platform, order_number),
        ).fetchone()
        return None if found is None else order_from_content(*found)

    @translated
    def orders(self) -> list[Order]:
        """Every stored order, in the order they were registered."""
        rows = self._connection.execute(
            "SELECT content, status, cancelled_at FROM orders ORDER BY id"
        ).fetchall()
        return [order_from_content(*row) for row in rows]

    @translated
    def uploads(self) -> list[UploadRecord]:
        """Every upload, oldest first."""
        rows = self._connection.execute(
            "SELECT u.id, u.source, u.started_at, u.finished_at, u.orders, u.rows, u.committed,"
            " u.failed, a.platform, a.name, a.brand, u.template_version"
            " FROM uploads u LEFT JOIN accounts a ON a.id = u.account_id ORDER BY u.id"
        ).fetchall()
        return [_upload_record(*row) for row in rows]

    @translated
    def upload_failures(self, upload_id: int) -> FailureFile:
        """The failure rows an upload handed back. Raises UploadNotFound."""
        found = self._connection.execute(
            "SELECT failure_file FROM uploads WHERE id = ?", (upload_id,)
        ).fetchone()
        if found is None or found[0] is None:
            raise UploadNotFound(
                f"no finished upload {upload_id} in {self.path}",
                ko=f"{self.path}에 {upload_id}번 업로드 기록이 없습니다.",
            )
        return FailureFile.from_dict(json.loads(found[0]))

    def failure_file(self, upload_id: int, path: str | Path) -> Path:
        """Write an upload's failure file again, as it was handed back then."""
        return self.upload_failures(upload_id).write(path)

    # cancellation ----------------------------------------------------------------------------

    @translated
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
                raise already_cancelled(platform, order_number)
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

    @translated
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


def _upload_record(
    upload_id: int,
    source: str,
    started: str,
    finished: str | None,
    orders: int,
    rows: int,
    committed: int | None,
    failed: int | None,
    platform: str | None,
    name: str,
    brand: str,
    version: int | None,
) -> UploadRecord:
    account = SellerAccount(platform, name, brand) if platform is not None else None
    finished_at = datetime.fromisoformat(finished) if finished else None
    return UploadRecord(
        upload_id, source, datetime.fromisoformat(started), finished_at, orders, rows,
        committed, failed, account, version,
    )  # fmt: skip


class MemorySink(SqliteSink):
    """The same store in memory: for tests and notebooks. Gone when closed."""

    def __init__(self) -> None:
        super().__init__(":memory:")

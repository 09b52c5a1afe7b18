"""The PostgreSQL store: one database that upload workers on many machines share.

Same promises as :class:`orderkit.SqliteSink`, kept under concurrency:

- A group is one transaction. Its orders are inserted in one statement, in sorted key order,
  with ``ON CONFLICT DO NOTHING``: two workers inserting overlapping groups take their row
  locks in the same order (no deadlock), and the second waits for the first, then sees its
  rows. Orders that were already there are compared by content: identical is skipped,
  different is a duplicate and the whole group rolls back.
- A cancel is one ``UPDATE … WHERE status = 'registered' RETURNING``: of any number of
  workers cancelling one order, exactly one gets the row; the others get AlreadyCancelled.
- Arrays go to the server as binary parameters (text arrays are several times slower).

Needs the ``orderkit[postgres]`` extra (psycopg 3). Reaching the database (a connection
string, a connection or a pool) is :mod:`orderkit.store.postgres_connection`; the tables are
:mod:`orderkit.store.postgres_schema`; writing a group is :mod:`orderkit.store.postgres_commit`;
turning rows back into values is :mod:`orderkit.store.postgres_rows`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orderkit.files.failures import FailureFile
from orderkit.model.accounts import SellerAccount
from orderkit.model.error_texts import error
from orderkit.model.errors import InvalidArgument, OrderNotFound, UploadNotFound
from orderkit.model.values import Order
from orderkit.store.accounts import SellerAccounts, TemplateVersion
from orderkit.store.postgres_accounts import PostgresAccountBook
from orderkit.store.postgres_commit import FIND_ORDERS, write_group
from orderkit.store.postgres_connection import ConnectionPool, PostgresConnection
from orderkit.store.postgres_rows import (
    account_from_row,
    event_from_row,
    now,
    optional_text,
    order_from_row,
    upload_from_row,
)
from orderkit.store.postgres_schema import (
    from_pg_text,
    migrate,
    pg_errors,
    pg_text,
    pg_translated,
    schema_name,
)
from orderkit.store.sink import CommitResult, Event, Key
from orderkit.store.storage import UploadRecord, already_cancelled

if TYPE_CHECKING:
    import psycopg

__all__ = ["ConnectionPool", "PostgresSink"]


class PostgresSink(PostgresConnection, SellerAccounts):
    """Orders, uploads, seller accounts and template versions in PostgreSQL.

    ``target`` is a connection string (``postgresql://user@host/db`` or
    ``host=… dbname=…``), an open psycopg connection in autocommit mode, or a connection
    pool (anything with psycopg_pool's ``connection()``): pooling is the caller's choice.
    The tables live in the PostgreSQL schema ``schema``, created (and migrated) on first
    use. Use it as a context manager, or call :meth:`close`; a connection or pool given
    stays the caller's to close. Every database failure is raised as
    :class:`orderkit.StoreError`; a connection it opened itself and lost is opened again on
    the next call.
    """

    def __init__(
        self,
        target: str | psycopg.Connection[Any] | ConnectionPool,
        *,
        schema: str = "orderkit",
        connect_timeout: int = 10,
    ) -> None:
        self.schema = schema
        self._s = schema_name(schema)
        super().__init__(target, connect_timeout=connect_timeout)
        with pg_errors(), self._connection() as conn:
            migrate(conn, schema)
        self._accounts = PostgresAccountBook(self._s, self._transaction, self._connection)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} schema={self.schema!r}>"

    # the sink protocol -----------------------------------------------------------------------

    @pg_translated
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
        with self._transaction() as conn:
            row = conn.execute(
                f"INSERT INTO {self._s}.uploads (source, started_at, orders, rows, account_id,"
                " template_version) VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                (pg_text(source), now(), orders, rows, account_id, version),
            ).fetchone()
        assert row is not None
        return int(row[0])

    @pg_translated
    def commit(self, upload_id: int, group: int, orders: Sequence[Order]) -> CommitResult:
        import psycopg

        with self._transaction() as conn:  # psycopg.Rollback leaves it, rolled back
            result = write_group(conn, self._s, upload_id, group, orders)
            if not result.ok:
                raise psycopg.Rollback()
            self._group_written(conn)
        return result

    def _group_written(self, conn: psycopg.Connection[Any]) -> None:
        """Called inside a group's transaction once its rows are written, before COMMIT:
        the place where the fault tests kill a worker or drop its connection."""

    @pg_translated
    def finish_upload(
        self, upload_id: int, failures: FailureFile, *, committed: int, failed: int
    ) -> None:
        blob = json.dumps(failures.to_dict(), ensure_ascii=False)
        with self._transaction() as conn:
            conn.execute(
                f"UPDATE {self._s}.uploads SET finished_at = %s, committed = %s, failed = %s,"
                " failure_file = %s WHERE id = %s",
                (now(), committed, failed, blob, upload_id),
            )

    # reading ---------------------------------------------------------------------------------

    @pg_translated
    def count(self) -> int:
        """How many orders are stored, cancelled ones included."""
        with self._connection() as conn:
            row = conn.execute(f"SELECT count(*) FROM {self._s}.orders").fetchone()
        return int(row[0]) if row else 0

    @pg_translated
    def platforms(self) -> list[str]:
        """Every platform the stored orders name, once each (for the upload's case check)."""
        with self._connection() as conn:
            rows = conn.execute(f"SELECT DISTINCT platform FROM {self._s}.orders").fetchall()
        return sorted(from_pg_text(platform) for (platform,) in rows)

    @pg_translated
    def existing(self, keys: Sequence[Key]) -> set[Key]:
        """Which of these ``(platform, order_number)`` keys are stored (cancelled too)."""
        with self._connection() as conn:
            rows = conn.execute(
                FIND_ORDERS.format(s=self._s),
                {"platforms": [pg_text(k[0]) for k in keys],
                 "numbers": [pg_text(k[1]) for k in keys]},
            ).fetchall()  # fmt: skip
        return {(from_pg_text(p), from_pg_text(n)) for p, n, _, _ in rows}

    @pg_translated
    def get(self, platform: str, order_number: str) -> Order | None:
        with self._connection() as conn:
            row = conn.execute(
                f"SELECT content, status, cancelled_at FROM {self._s}.orders"
                " WHERE platform = %s AND order_number = %s",
                (pg_text(platform), pg_text(order_number)),
            ).fetchone()
        return None if row is None else order_from_row(row)

    @pg_translated
    def orders(self) -> list[Order]:
        """Every stored order, in the order they were registered."""
        with self._connection() as conn:
            rows = conn.execute(
                # A group's rows get ids in key order (the lock order); show them in the
                # order the group listed them, groups in the order they were inserted.
                f"SELECT content, status, cancelled_at FROM {self._s}.orders ORDER BY"
                " min(id) OVER (PARTITION BY upload_id, group_index), group_position, id"
            ).fetchall()
        return [order_from_row(row) for row in rows]

    @pg_translated
    def uploads(self) -> list[UploadRecord]:
        """Every upload, oldest first."""
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT u.id, u.source, u.started_at, u.finished_at, u.orders, u.rows,"
                f" u.committed, u.failed, a.platform, a.name, a.brand, u.template_version"
                f" FROM {self._s}.uploads u LEFT JOIN {self._s}.accounts a"
                f" ON a.id = u.account_id ORDER BY u.id"
            ).fetchall()
        return [upload_from_row(row) for row in rows]

    @pg_translated
    def upload_failures(self, upload_id: int) -> FailureFile:
        """The failure rows an upload handed back. Raises UploadNotFound."""
        with self._connection() as conn:
            row = conn.execute(
                f"SELECT failure_file FROM {self._s}.uploads WHERE id = %s", (upload_id,)
            ).fetchone()
        if row is None or row[0] is None:
            raise UploadNotFound(
                f"no finished upload {upload_id} in the PostgreSQL store",
                ko=f"PostgreSQL 저장소에 {upload_id}번 업로드 기록이 없습니다.",
            )
        return FailureFile.from_dict(json.loads(row[0]))

    def failure_file(self, upload_id: int, path: str | Path) -> Path:
        """Write an upload's failure file again, as it was handed back then."""
        return self.upload_failures(upload_id).write(path)

    @pg_translated
    def upload_template(self, upload_id: int) -> tuple[SellerAccount, int] | None:
        """The account and template version an upload was mapped with, if by account."""
        with self._connection() as conn:
            row = conn.execute(
                f"SELECT a.platform, a.name, a.brand, u.template_version FROM {self._s}.uploads u"
                f" JOIN {self._s}.accounts a ON a.id = u.account_id WHERE u.id = %s",
                (upload_id,),
            ).fetchone()
        if row is None:
            return None
        platform, name, brand, version = row
        return account_from_row(platform, name, brand), int(version)

    # cancellation ----------------------------------------------------------------------------

    @pg_translated
    def cancel(
        self,
        platform: str,
        order_number: str,
        *,
        reason: str | None = None,
        actor: str | None = None,
        at: datetime | None = None,
    ) -> Order:
        """Force-cancel a registered order. Irreversible; of racing cancels, one wins.

        Raises:
            OrderNotFound: no such order.
            AlreadyCancelled: it was cancelled before; nothing changes.
        """
        if at is not None and at.tzinfo is None:
            raise error(InvalidArgument, "naive_time")
        when = at or now()
        key = (pg_text(platform), pg_text(order_number))
        with self._transaction() as conn:
            row = conn.execute(
                f"UPDATE {self._s}.orders SET status = 'cancelled', cancelled_at = %s"
                " WHERE platform = %s AND order_number = %s AND status = 'registered'"
                " RETURNING id",
                (when, *key),
            ).fetchone()
            if row is None:
                self._find(conn, platform, order_number)  # raises OrderNotFound if absent
                raise already_cancelled(platform, order_number)
            conn.execute(
                f"INSERT INTO {self._s}.events (order_id, kind, at, actor, reason)"
                " VALUES (%s, 'cancelled', %s, %s, %s)",
                (row[0], when, optional_text(actor), optional_text(reason)),
            )
        order = self.get(platform, order_number)
        assert order is not None
        return order

    @pg_translated
    def history(self, platform: str, order_number: str) -> list[Event]:
        """The order's events in order: registered (with upload and group), cancelled."""
        with self._connection() as conn:
            order_id = self._find(conn, platform, order_number)
            rows = conn.execute(
                f"SELECT kind, at, actor, reason, upload_id, group_index FROM {self._s}.events"
                " WHERE order_id = %s ORDER BY id",
                (order_id,),
            ).fetchall()
        return [event_from_row(row) for row in rows]

    def _find(self, conn: psycopg.Connection[Any], platform: str, order_number: str) -> int:
        row = conn.execute(
            f"SELECT id FROM {self._s}.orders WHERE platform = %s AND order_number = %s",
            (pg_text(platform), pg_text(order_number)),
        ).fetchone()
        if row is None:
            raise OrderNotFound(
                f"no order {order_number!r} of {platform!r} in the PostgreSQL store",
                ko=f"{platform} 주문 {order_number}이(가) 없습니다.",
            )
        return int(row[0])

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

Needs the ``orderkit[postgres]`` extra (psycopg 3).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from orderkit.files.failures import FailureFile
from orderkit.model.accounts import SellerAccount
from orderkit.model.error_texts import error
from orderkit.model.errors import InvalidArgument, OrderNotFound, UploadNotFound
from orderkit.model.values import Order
from orderkit.store.accounts import SellerAccounts, TemplateVersion
from orderkit.store.postgres_accounts import PostgresAccountBook
from orderkit.store.postgres_commit import FIND_ORDERS, write_group
from orderkit.store.postgres_schema import (
    from_pg_text,
    migrate,
    pg_errors,
    pg_text,
    pg_translated,
    schema_name,
)
from orderkit.store.sink import CommitResult, Event, EventKind, Key
from orderkit.store.storage import UploadRecord, already_cancelled, order_from_content

if TYPE_CHECKING:
    import psycopg

__all__ = ["ConnectionPool", "PostgresSink"]


class ConnectionPool(Protocol):
    """What PostgresSink needs of a pool (``psycopg_pool.ConnectionPool`` has it): lend a
    connection for the duration of a ``with`` block."""

    def connection(self) -> AbstractContextManager[psycopg.Connection[Any]]: ...


class PostgresSink(SellerAccounts):
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
        try:
            import psycopg
        except ImportError:
            raise InvalidArgument(
                "PostgresSink needs psycopg 3: pip install 'orderkit[postgres]'",
                ko="PostgresSink에는 psycopg 3이 필요합니다: pip install 'orderkit[postgres]'",
            ) from None
        self.schema = schema
        self._s = schema_name(schema)
        self._dsn: str | None = None
        self._conn: psycopg.Connection[Any] | None = None
        self._pool: Any = None
        if isinstance(target, str):
            self._dsn = target
            self._connect_timeout = connect_timeout
        elif isinstance(target, psycopg.Connection):
            if not target.autocommit:
                raise InvalidArgument(
                    "give PostgresSink a connection with autocommit=True: it opens one "
                    "transaction per group itself",
                    ko="PostgresSink에는 autocommit=True인 연결을 주세요. 그룹마다 직접 "
                    "트랜잭션을 엽니다.",
                )
            self._conn = target
        elif callable(getattr(target, "connection", None)):
            self._pool = target
        else:
            raise InvalidArgument(
                "PostgresSink takes a connection string, a psycopg connection or a pool",
                ko="PostgresSink에는 연결 문자열, psycopg 연결 또는 연결 풀을 주세요.",
            )
        with pg_errors(), self._connection() as conn:
            migrate(conn, schema)
        self._accounts = PostgresAccountBook(self._s, self._transaction, self._connection)

    # lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection the store opened itself (a given one stays open)."""
        if self._dsn is not None and self._conn is not None:
            self._conn.close()
            self._conn = None

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
        return f"<{type(self).__name__} schema={self.schema!r}>"

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        if self._pool is not None:
            with self._pool.connection() as conn:
                yield conn
            return
        if self._dsn is not None and (self._conn is None or self._conn.broken):
            import psycopg

            if self._conn is not None:
                self._conn.close()
            self._conn = psycopg.connect(
                self._dsn, autocommit=True, connect_timeout=self._connect_timeout
            )
        assert self._conn is not None
        yield self._conn

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection[Any]]:
        with self._connection() as conn, conn.transaction():
            yield conn

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
                (pg_text(source), _now(), orders, rows, account_id, version),
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
                (_now(), committed, failed, blob, upload_id),
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
        return None if row is None else _order(row)

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
        return [_order(row) for row in rows]

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
        records = []
        for id_, source, started, finished, orders, rows_, committed, failed, *rest in rows:
            platform, name, brand, version = rest
            account = (
                SellerAccount(from_pg_text(platform), from_pg_text(name), from_pg_text(brand))
                if platform is not None
                else None
            )
            records.append(
                UploadRecord(
                    int(id_),
                    from_pg_text(source),
                    started.astimezone(UTC),
                    finished.astimezone(UTC) if finished else None,
                    orders,
                    rows_,
                    committed,
                    failed,
                    account,
                    version,
                )
            )
        return records

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
        account = SellerAccount(from_pg_text(platform), from_pg_text(name), from_pg_text(brand))
        return account, int(version)

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
        when = at or _now()
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
                (row[0], when, _optional(actor), _optional(reason)),
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
        return [
            Event(
                EventKind(kind),
                at.astimezone(UTC),
                None if actor is None else from_pg_text(actor),
                None if reason is None else from_pg_text(reason),
                upload,
                group,
            )
            for kind, at, actor, reason, upload, group in rows
        ]

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


def _now() -> datetime:
    return datetime.now(UTC)


def _optional(text: str | None) -> str | None:
    return None if text is None else pg_text(text)


def _order(row: Sequence[Any]) -> Order:
    content, status, cancelled_at = row
    when = cancelled_at.astimezone(UTC).isoformat() if cancelled_at is not None else None
    return order_from_content(content, status, when)

"""How the PostgreSQL store reaches its database: a connection string, a connection, a pool.

:class:`PostgresConnection` is the part of :class:`orderkit.PostgresSink` that holds the
target it was given and lends a connection (``_connection``) or a transaction
(``_transaction``) for one call. A connection it opened itself from a connection string and
lost is opened again on the next call; a connection or pool the caller gave stays the
caller's to close.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from orderkit.model.errors import InvalidArgument

if TYPE_CHECKING:
    import psycopg

__all__ = ["ConnectionPool", "PostgresConnection"]


class ConnectionPool(Protocol):
    """What PostgresSink needs of a pool (``psycopg_pool.ConnectionPool`` has it): lend a
    connection for the duration of a ``with`` block."""

    def connection(self) -> AbstractContextManager[psycopg.Connection[Any]]: ...


class PostgresConnection:
    """The database target of a PostgreSQL store, and a connection or transaction lent
    from it for the duration of a ``with`` block."""

    def __init__(
        self, target: str | psycopg.Connection[Any] | ConnectionPool, *, connect_timeout: int
    ) -> None:
        try:
            import psycopg
        except ImportError:
            raise InvalidArgument(
                "PostgresSink needs psycopg 3: pip install 'orderkit[postgres]'",
                ko="PostgresSink에는 psycopg 3이 필요합니다: pip install 'orderkit[postgres]'",
            ) from None
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

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection for one call: the pool's, the given one, or the store's own (opened
        again when it was lost)."""
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
        """A connection inside one transaction: committed when the block ends, rolled back
        when it raises."""
        with self._connection() as conn, conn.transaction():
            yield conn

"""The PostgreSQL store's schema, its migrations, and psycopg's failures as StoreError.

Every table lives in one PostgreSQL schema (``orderkit`` unless the caller names another),
so orderkit never meets an application's own ``orders`` table. ``schema_version`` holds one
row: the version the tables are at. Opening a store migrates it forward under an advisory
lock, so workers starting at once run each migration exactly once; a store made by a newer
orderkit is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, Final, ParamSpec, TypeVar

from orderkit.model.errors import InvalidArgument, StoreError

if TYPE_CHECKING:
    import psycopg

__all__ = [
    "SCHEMA_VERSION",
    "from_pg_text",
    "migrate",
    "pg_errors",
    "pg_text",
    "pg_translated",
    "schema_name",
]

# Version n is reached by running MIGRATIONS[n - 1]; "{s}" is the quoted schema name.
MIGRATIONS: Final = (
    """
    CREATE TABLE {s}.accounts (
        id bigserial PRIMARY KEY,
        platform text NOT NULL,
        name text NOT NULL,
        brand text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL,
        UNIQUE (platform, name)
    );
    CREATE TABLE {s}.template_versions (
        account_id bigint NOT NULL REFERENCES {s}.accounts(id),
        version integer NOT NULL,
        template text NOT NULL,
        headers text NOT NULL,
        fingerprint text NOT NULL,
        matched_at timestamptz NOT NULL,
        actor text,
        PRIMARY KEY (account_id, version)
    );
    CREATE TABLE {s}.uploads (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        orders integer NOT NULL,
        rows integer NOT NULL,
        committed integer,
        failed integer,
        failure_file text,
        account_id bigint REFERENCES {s}.accounts(id),
        template_version integer
    );
    CREATE TABLE {s}.orders (
        id bigserial PRIMARY KEY,
        platform text NOT NULL,
        order_number text NOT NULL,
        content text NOT NULL,
        status text NOT NULL CHECK (status IN ('registered', 'cancelled')),
        registered_at timestamptz NOT NULL,
        cancelled_at timestamptz,
        upload_id bigint REFERENCES {s}.uploads(id),
        group_index integer,
        group_position integer NOT NULL,
        UNIQUE (platform, order_number)
    );
    CREATE TABLE {s}.lines (
        order_id bigint NOT NULL REFERENCES {s}.orders(id),
        position integer NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL,
        PRIMARY KEY (order_id, position)
    );
    CREATE TABLE {s}.events (
        id bigserial PRIMARY KEY,
        order_id bigint NOT NULL REFERENCES {s}.orders(id),
        kind text NOT NULL,
        at timestamptz NOT NULL,
        actor text,
        reason text,
        upload_id bigint,
        group_index integer
    );
    CREATE INDEX events_by_order ON {s}.events (order_id, id);
    """,
)
SCHEMA_VERSION: Final = len(MIGRATIONS)

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def schema_name(schema: str) -> str:
    """``schema`` quoted for SQL, after checking it is a plain lower-case identifier."""
    if not _IDENTIFIER.match(schema):
        raise InvalidArgument(
            f"the PostgreSQL schema name {schema!r} must be lower-case letters, digits and _",
            ko=f"PostgreSQL 스키마 이름 {schema!r}은(는) 영문 소문자, 숫자, _만 쓸 수 있습니다.",
        )
    return f'"{schema}"'


def migrate(conn: psycopg.Connection[tuple[object, ...]], schema: str) -> None:
    """Bring the tables in ``schema`` to :data:`SCHEMA_VERSION` (creating them if needed)."""
    s = schema_name(schema)
    if _version(conn, s) == SCHEMA_VERSION:  # the common case needs no DDL privilege
        return
    with conn.transaction():
        # One migrating worker at a time, per schema; the others find the work done.
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"orderkit:{schema}",))
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {s}")
        conn.execute(f"CREATE TABLE IF NOT EXISTS {s}.schema_version (version integer NOT NULL)")
        version = _version(conn, s) or 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the PostgreSQL store (schema {schema}) was written by a newer orderkit "
                f"(schema version {version}; this one knows up to {SCHEMA_VERSION}): "
                "upgrade orderkit to use it",
                ko=f"PostgreSQL 저장소(스키마 {schema})는 더 새로운 orderkit이 만든 것입니다 "
                f"(스키마 버전 {version}, 이 버전은 {SCHEMA_VERSION}까지). orderkit을 "
                "업그레이드하세요.",
            )
        for step in MIGRATIONS[version:]:
            conn.execute(step.format(s=s).encode())
        conn.execute(f"DELETE FROM {s}.schema_version")
        conn.execute(f"INSERT INTO {s}.schema_version VALUES (%s)", (SCHEMA_VERSION,))


def _version(conn: psycopg.Connection[tuple[object, ...]], s: str) -> int | None:
    import psycopg

    try:
        with conn.transaction():
            row = conn.execute(f"SELECT max(version) FROM {s}.schema_version").fetchone()
    except psycopg.errors.UndefinedTable:
        return None
    except psycopg.errors.InvalidSchemaName:
        return None
    return None if row is None or row[0] is None else int(str(row[0]))


# PostgreSQL text cannot hold NUL. Text that has one (or our marker) is stored as the marker
# followed by its JSON form; everything else is stored as it is, readable by any SQL tool.
_MARKER: Final = "\uffff"


def pg_text(text: str) -> str:
    """``text`` as stored in a text column: unchanged unless it holds NUL."""
    if "\x00" in text or _MARKER in text:
        return _MARKER + json.dumps(text)
    return text


def from_pg_text(stored: str) -> str:
    """The text :func:`pg_text` stored."""
    if stored.startswith(_MARKER):
        value = json.loads(stored[len(_MARKER) :])
        return str(value)
    return stored


def _describe(exc: Exception) -> tuple[str, str]:
    import psycopg

    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, psycopg.OperationalError):
        return (
            "the connection to PostgreSQL failed or was lost; nothing of the step in progress "
            f"was committed. Check that the server is up and reachable, then retry [{detail}]",
            "PostgreSQL 연결이 안 되거나 끊겼습니다. 진행 중이던 단계는 아무것도 등록되지 "
            f"않았습니다. 서버가 켜져 있고 연결되는지 확인한 뒤 다시 하세요 [{detail}]",
        )
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return (
            f"the PostgreSQL user may not do this; grant it the rights on orderkit's schema "
            f"[{detail}]",
            f"PostgreSQL 사용자에게 권한이 없습니다. orderkit 스키마에 권한을 주세요 [{detail}]",
        )
    if isinstance(exc, psycopg.errors.DiskFull):
        return (
            f"the PostgreSQL server's disk is full; nothing of the step was written [{detail}]",
            f"PostgreSQL 서버의 디스크가 가득 찼습니다. 아무것도 기록되지 않았습니다 [{detail}]",
        )
    if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
        return (
            f"the PostgreSQL server is read-only (a standby?); connect to the primary [{detail}]",
            f"PostgreSQL 서버가 읽기 전용입니다(대기 서버?). 주 서버에 연결하세요 [{detail}]",
        )
    return (
        f"the PostgreSQL store failed; nothing of the step was committed [{detail}]",
        f"PostgreSQL 저장소에서 오류가 났습니다. 그 단계는 등록되지 않았습니다 [{detail}]",
    )


@contextmanager
def pg_errors() -> Iterator[None]:
    """Raise any psycopg error inside the block as a :class:`StoreError`."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        en, ko = _describe(exc)
        raise StoreError(en, ko=ko) from exc


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")


def pg_translated(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """A store method whose psycopg errors come out as :class:`StoreError`."""

    @wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with pg_errors():
            return method(self, *args, **kwargs)

    return wrapper

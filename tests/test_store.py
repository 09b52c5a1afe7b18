"""The store conformance suite: commits, idempotency, cancellation, history and uploads.

Every test taking ``store`` runs on SQLite (a real file) and on PostgreSQL (a real server,
see ``conftest.py``): both stores keep the same promises.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit import EventKind, OrderStatus
from orderkit.store.postgres_schema import from_pg_text, pg_text

from .test_rules import base


def order(number: str = "A-1", **changes: object) -> orderkit.Order:
    return orderkit.order_from_dict(base(order_number=number, **changes))


def test_a_commit_registers_new_orders_and_they_read_back_equal(store: orderkit.Store) -> None:
    upload = store.start_upload("test", orders=2, rows=2)
    result = store.commit(upload, 0, [order("A-1"), order("A-2")])
    assert result.registered == (("네이버", "A-1"), ("네이버", "A-2"))
    assert result.ok
    assert store.count() == 2
    assert store.get("네이버", "A-1") == order("A-1")
    assert store.get("네이버", "nope") is None


def test_the_same_order_again_is_skipped_and_a_different_one_is_a_duplicate(
    store: orderkit.Store,
) -> None:
    upload = store.start_upload("test", orders=1, rows=1)
    store.commit(upload, 0, [order("A-1")])
    again = store.commit(upload, 1, [order("A-1"), order("A-2")])
    assert (again.registered, again.skipped) == ((("네이버", "A-2"),), (("네이버", "A-1"),))
    clash = store.commit(upload, 2, [order("A-3"), order("A-1", recipient_name="김철수")])
    assert clash.duplicates == (("네이버", "A-1"),)
    assert not clash.ok
    assert clash.registered == ()
    assert store.get("네이버", "A-3") is None, "a group with a duplicate commits nothing"
    assert store.count() == 2


def test_the_file_is_a_real_sqlite_database_with_wal_and_unique_keys(tmp_path: Path) -> None:
    path = tmp_path / "orders.db"
    with orderkit.SqliteSink(path) as sink:
        sink.commit(sink.start_upload("t", orders=1, rows=1), 0, [order("A-1")])
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT sku, quantity FROM lines").fetchall() == [("SKU-1", 1)]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO orders (platform, order_number, content, status, registered_at)"
            " VALUES ('네이버', 'A-1', '{}', 'registered', 'now')"
        )


def test_cancel_is_recorded_irreversible_and_kept(store: orderkit.Store) -> None:
    upload = store.start_upload("test", orders=1, rows=1)
    store.commit(upload, 0, [order("A-1")])
    at = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    cancelled = store.cancel("네이버", "A-1", reason="고객 요청", actor="kim", at=at)
    assert cancelled.status is OrderStatus.CANCELLED
    assert cancelled.cancelled_at == at
    assert store.get("네이버", "A-1") == cancelled
    assert store.count() == 1
    with pytest.raises(orderkit.AlreadyCancelled):
        store.cancel("네이버", "A-1", reason="again")
    history = store.history("네이버", "A-1")
    assert [(e.kind, e.actor, e.reason) for e in history] == [
        (EventKind.REGISTERED, None, None),
        (EventKind.CANCELLED, "kim", "고객 요청"),
    ]
    assert (history[0].upload_id, history[0].group) == (upload, 0)
    assert history[1].at == at


def test_a_cancelled_order_reuploaded_unchanged_stays_cancelled_and_says_when(
    store: orderkit.Store,
) -> None:
    upload = store.start_upload("test", orders=1, rows=1)
    store.commit(upload, 0, [order("A-1")])
    at = datetime(2026, 11, 20, 3, 4, 5, tzinfo=UTC)
    store.cancel("네이버", "A-1", at=at)
    result = store.commit(upload, 1, [order("A-2"), order("A-1")])
    assert result.ok
    assert result.cancelled == ((("네이버", "A-1"), at),)
    assert (result.registered, result.skipped) == ((("네이버", "A-2"),), ())
    stored = store.get("네이버", "A-1")
    assert stored is not None
    assert stored.status is OrderStatus.CANCELLED
    assert [e.kind for e in store.history("네이버", "A-1")] == ["registered", "cancelled"]


def test_unknown_orders_and_naive_times_are_refused(store: orderkit.Store) -> None:
    with pytest.raises(orderkit.OrderNotFound):
        store.cancel("네이버", "nope")
    with pytest.raises(orderkit.OrderNotFound):
        store.history("네이버", "nope")
    store.commit(store.start_upload("t", orders=1, rows=1), 0, [order("A-1")])
    with pytest.raises(orderkit.InvalidArgument, match="timezone"):
        store.cancel("네이버", "A-1", at=datetime(2026, 1, 1))
    assert store.get("네이버", "A-1").status is OrderStatus.REGISTERED  # type: ignore[union-attr]


def test_an_unknown_upload_has_no_failure_file(store: orderkit.Store, tmp_path: Path) -> None:
    with pytest.raises(orderkit.UploadNotFound):
        store.failure_file(99, tmp_path / "f.xlsx")


def test_the_memory_sink_has_the_same_semantics() -> None:
    sink = orderkit.MemorySink()
    upload = sink.start_upload("test", orders=1, rows=1)
    sink.commit(upload, 0, [order("A-1")])
    assert sink.commit(upload, 1, [order("A-1")]).skipped == (("네이버", "A-1"),)
    assert not sink.commit(upload, 2, [order("A-1", phone="02-123-4567")]).ok
    sink.cancel("네이버", "A-1")
    with pytest.raises(orderkit.AlreadyCancelled):
        sink.cancel("네이버", "A-1")
    assert isinstance(sink, orderkit.Sink)
    assert isinstance(sink, orderkit.Store)


def test_both_stores_implement_the_store_protocol(store: orderkit.Store) -> None:
    assert isinstance(store, orderkit.Store)
    assert isinstance(store, orderkit.Sink)


def test_existing_keys_orders_and_uploads_read_back(store: orderkit.Store, tmp_path: Path) -> None:
    first = store.start_upload("first.xlsx", orders=2, rows=3)
    store.commit(first, 0, [order("A-2"), order("A-1")])
    assert store.existing([("네이버", "A-1"), ("네이버", "B-9"), ("쿠팡", "A-2")]) == {
        ("네이버", "A-1")
    }
    assert [o.order_number for o in store.orders()] == ["A-2", "A-1"]
    failures = orderkit.FailureFile("orders", (("주문번호",),), ())
    store.finish_upload(first, failures, committed=2, failed=0)
    second = store.start_upload("second.csv", orders=1, rows=1)
    records = store.uploads()
    assert [(r.id, r.source, r.orders, r.rows, r.committed) for r in records] == [
        (first, "first.xlsx", 2, 3, 2),
        (second, "second.csv", 1, 1, None),
    ]
    assert records[0].finished_at is not None
    assert records[0].finished_at >= records[0].started_at
    assert records[1].finished_at is None, "an upload still running (or whose worker died)"
    assert store.upload_failures(first) == failures
    with pytest.raises(orderkit.UploadNotFound):
        store.upload_failures(second)


def test_a_group_registers_whole_with_its_lines_in_order(store: orderkit.Store) -> None:
    lines = [{"sku": f"SKU-{n}", "quantity": n + 1} for n in range(5)]
    big = order("A-1", lines=lines)
    result = store.commit(store.start_upload("t", orders=1, rows=5), 0, [big, order("A-2")])
    assert result.registered == (("네이버", "A-1"), ("네이버", "A-2"))
    assert store.get("네이버", "A-1") == big


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=40))
def test_any_text_round_trips_through_the_store(store: orderkit.Store, text: str) -> None:
    stored = attrs.evolve(order(), platform=text, order_number=f"{uuid.uuid4().hex}{text}")
    stored = attrs.evolve(stored, delivery_message=text, lines=(orderkit.SkuLine(text, 1),))
    result = store.commit(store.start_upload(text, orders=1, rows=1), 0, [stored])
    assert result.registered == (stored.key,)
    assert store.get(*stored.key) == stored
    assert store.existing([stored.key]) == {stored.key}


@given(st.text())
def test_postgres_text_encoding_is_exact_and_holds_no_nul(text: str) -> None:
    encoded = pg_text(text)
    assert "\x00" not in encoded
    assert from_pg_text(encoded) == text
    if "\x00" not in text and "\uffff" not in text:
        assert encoded == text, "ordinary text is stored as it is"


def test_a_connection_or_a_pool_of_ones_own_can_back_the_postgres_store(
    pg_dsn: str, pg_schema: str
) -> None:
    import psycopg

    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        with orderkit.PostgresSink(conn, schema=pg_schema) as store:
            store.commit(store.start_upload("t", orders=1, rows=1), 0, [order("A-1")])
        assert not conn.closed, "a connection given stays the caller's"
        with pytest.raises(orderkit.InvalidArgument, match="autocommit"):
            orderkit.PostgresSink(psycopg.connect(pg_dsn), schema=pg_schema)

    class TwoConnectionPool:
        """The smallest real pool: hands out one of two open connections in turn."""

        def __init__(self) -> None:
            self.conns = [psycopg.connect(pg_dsn, autocommit=True) for _ in range(2)]
            self.lent = 0

        @contextmanager
        def connection(self) -> Iterator[psycopg.Connection[Any]]:
            self.lent += 1
            yield self.conns[self.lent % 2]

    pool = TwoConnectionPool()
    with orderkit.PostgresSink(pool, schema=pg_schema) as pooled:
        assert pooled.get("네이버", "A-1") == order("A-1")
        pooled.cancel("네이버", "A-1", reason="pooled")
        assert [e.reason for e in pooled.history("네이버", "A-1")] == [None, "pooled"]
    assert pool.lent >= 3
    for conn in pool.conns:
        conn.close()

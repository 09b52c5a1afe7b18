"""The SQLite store: commits, idempotency, cancellation and history, on a real file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

import orderkit
from orderkit import EventKind, OrderStatus

from .test_rules import base


def order(number: str = "A-1", **changes: object) -> orderkit.Order:
    return orderkit.order_from_dict(base(order_number=number, **changes))


@pytest.fixture
def sink(tmp_path: Path) -> orderkit.SqliteSink:
    with orderkit.SqliteSink(tmp_path / "orders.db") as store:
        yield store


def test_a_commit_registers_new_orders_and_they_read_back_equal(sink: orderkit.SqliteSink) -> None:
    upload = sink.start_upload("test", orders=2, rows=2)
    result = sink.commit(upload, 0, [order("A-1"), order("A-2")])
    assert result.registered == (("네이버", "A-1"), ("네이버", "A-2"))
    assert result.ok
    assert sink.count() == 2
    assert sink.get("네이버", "A-1") == order("A-1")
    assert sink.get("네이버", "nope") is None


def test_the_same_order_again_is_skipped_and_a_different_one_is_a_duplicate(
    sink: orderkit.SqliteSink,
) -> None:
    upload = sink.start_upload("test", orders=1, rows=1)
    sink.commit(upload, 0, [order("A-1")])
    again = sink.commit(upload, 1, [order("A-1"), order("A-2")])
    assert (again.registered, again.skipped) == ((("네이버", "A-2"),), (("네이버", "A-1"),))
    clash = sink.commit(upload, 2, [order("A-3"), order("A-1", recipient_name="김철수")])
    assert clash.duplicates == (("네이버", "A-1"),)
    assert not clash.ok
    assert clash.registered == ()
    assert sink.get("네이버", "A-3") is None, "a group with a duplicate commits nothing"
    assert sink.count() == 2


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


def test_cancel_is_recorded_irreversible_and_kept(sink: orderkit.SqliteSink) -> None:
    upload = sink.start_upload("test", orders=1, rows=1)
    sink.commit(upload, 0, [order("A-1")])
    at = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    cancelled = sink.cancel("네이버", "A-1", reason="고객 요청", actor="kim", at=at)
    assert cancelled.status is OrderStatus.CANCELLED
    assert cancelled.cancelled_at == at
    assert sink.get("네이버", "A-1") == cancelled
    assert sink.count() == 1
    with pytest.raises(orderkit.AlreadyCancelled):
        sink.cancel("네이버", "A-1", reason="again")
    history = sink.history("네이버", "A-1")
    assert [(e.kind, e.actor, e.reason) for e in history] == [
        (EventKind.REGISTERED, None, None),
        (EventKind.CANCELLED, "kim", "고객 요청"),
    ]
    assert (history[0].upload_id, history[0].group) == (upload, 0)
    assert history[1].at == at


def test_a_cancelled_order_reuploaded_unchanged_stays_cancelled(sink: orderkit.SqliteSink) -> None:
    upload = sink.start_upload("test", orders=1, rows=1)
    sink.commit(upload, 0, [order("A-1")])
    sink.cancel("네이버", "A-1")
    result = sink.commit(upload, 1, [order("A-1")])
    assert result.skipped == (("네이버", "A-1"),)
    stored = sink.get("네이버", "A-1")
    assert stored is not None
    assert stored.status is OrderStatus.CANCELLED


def test_unknown_orders_and_naive_times_are_refused(sink: orderkit.SqliteSink) -> None:
    with pytest.raises(orderkit.OrderNotFound):
        sink.cancel("네이버", "nope")
    with pytest.raises(orderkit.OrderNotFound):
        sink.history("네이버", "nope")
    sink.commit(sink.start_upload("t", orders=1, rows=1), 0, [order("A-1")])
    with pytest.raises(orderkit.InvalidArgument, match="timezone"):
        sink.cancel("네이버", "A-1", at=datetime(2026, 1, 1))
    assert sink.get("네이버", "A-1").status is OrderStatus.REGISTERED  # type: ignore[union-attr]


def test_an_unknown_upload_has_no_failure_file(sink: orderkit.SqliteSink, tmp_path: Path) -> None:
    with pytest.raises(orderkit.UploadNotFound):
        sink.failure_file(99, tmp_path / "f.xlsx")


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

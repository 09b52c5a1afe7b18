"""The store promises under real concurrency and real faults, on SQLite and PostgreSQL.

Separate processes (``tests/store_worker.py``) share one store: four upload one 5,000-order
file at once with different group sizes (so their groups overlap), eight cancel one order
at once, one is killed with SIGKILL in the middle of a group. In-process, a connection is
dropped in the middle of a group, and hostile text goes through every stored field.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import orderkit

from .conftest import StoreTarget
from .sheets import STANDARD_HEADER, standard_row, write_csv
from .test_store import order

ROOT = Path(__file__).resolve().parent.parent


def query(target: StoreTarget, sql: str) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` run on the store's database; ``{t}`` prefixes a table name."""
    if target.kind == "postgres":
        import psycopg

        with psycopg.connect(target.target) as conn:
            return conn.execute(sql.format(t=f"{target.schema}.")).fetchall()  # type: ignore[arg-type]
    with sqlite3.connect(target.target) as conn:
        return conn.execute(sql.format(t="")).fetchall()


def worker(target: StoreTarget, *args: str) -> subprocess.Popen[str]:
    command, *rest = args
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store_worker", command, *target.argv(), *rest],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finish(process: subprocess.Popen[str], timeout: float = 240) -> dict[str, Any]:
    stdout, stderr = process.communicate(timeout=timeout)
    assert process.returncode == 0, stderr
    result: dict[str, Any] = json.loads(stdout)
    return result


def orders_file(path: Path, count: int) -> tuple[Path, int]:
    """A CSV of ``count`` orders, most of one line, some of two or three; and its lines."""
    rows: list[list[Any]] = [STANDARD_HEADER]
    for n in range(count):
        for line in range(1 + (n % 3 == 0) + (n % 10 == 0)):
            rows.append(standard_row(f"C-{n:05}", sku=f"S-{line}", quantity=line + 1))
    return write_csv(path, rows), len(rows) - 1


def test_four_processes_uploading_one_file_register_each_order_once_in_whole_groups(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    file, lines = orders_file(tmp_path / "orders.csv", 5000)
    store_target.open().close()  # the schema exists; creating it at once has its own test
    go = tmp_path / "go"
    sizes = [100, 73, 128, 50]  # different group sizes: groups overlap partially
    workers = [
        worker(store_target, "upload", str(file), "--group-size", str(size), "--go", str(go))
        for size in sizes
    ]
    time.sleep(0.5)
    go.touch()
    results = [finish(w) for w in workers]
    for result in results:
        assert result["errors"] == []
        assert all(g["status"] == "committed" for g in result["groups"]), "every group whole"
        assert all(g["registered"] + g["skipped"] == g["orders"] for g in result["groups"])
    assert sum(r["committed"] for r in results) == 5000
    assert sum(r["skipped"] for r in results) == 3 * 5000
    assert query(store_target, "SELECT count(*), count(DISTINCT order_number) FROM {t}orders") == [
        (5000, 5000)
    ]
    assert query(store_target, "SELECT count(*) FROM {t}lines") == [(lines,)]
    assert query(store_target, "SELECT count(*) FROM {t}events WHERE kind = 'registered'") == [
        (5000,)
    ]


def test_eight_processes_cancelling_one_order_record_exactly_one_cancel(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    with store_target.open() as store:
        store.commit(store.start_upload("t", orders=1, rows=1), 0, [order("A-1")])
    go = tmp_path / "go"
    cancellers = [
        worker(store_target, "cancel", "네이버", "A-1", "--go", str(go)) for _ in "12345678"
    ]
    time.sleep(0.5)
    go.touch()
    outcomes = [finish(c)["cancelled"] for c in cancellers]
    assert sorted(outcomes) == [False] * 7 + [True], "one cancel wins; seven are AlreadyCancelled"
    with store_target.open() as store:
        kinds = [e.kind for e in store.history("네이버", "A-1")]
        assert kinds == ["registered", "cancelled"]
        stored = store.get("네이버", "A-1")
        assert stored is not None
        assert stored.status is orderkit.OrderStatus.CANCELLED


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_process_killed_inside_a_group_leaves_that_group_wholly_absent(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    file, _ = orders_file(tmp_path / "orders.csv", 30)
    ready = tmp_path / "ready"
    blocked = worker(store_target, "block", str(file), "--group-size", "10", "--ready", str(ready))
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert blocked.poll() is None, blocked.stderr.read() if blocked.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.02)
    blocked.send_signal(signal.SIGKILL)
    blocked.wait(timeout=30)
    numbers = [n for (n,) in query(store_target, "SELECT order_number FROM {t}orders")]
    assert sorted(numbers) == [f"C-{n:05}" for n in range(10)], "group 0 whole, group 1 absent"
    with store_target.open() as store:
        (record,) = store.uploads()
        assert record.finished_at is None, "the killed upload shows it never finished"
        again = orderkit.upload_file(
            file, store, template="standard", platform="수기", group_size=10, small_limit=0
        )
        assert (again.committed, again.skipped) == (20, 10)
        assert store.count() == 30


class Dropping:
    """Drops the store's own database connection inside the next group, before COMMIT."""

    @staticmethod
    def install(store: Any) -> None:
        if isinstance(store, orderkit.PostgresSink):

            def drop(conn: Any) -> None:
                import psycopg

                with psycopg.connect(store_dsn(store)) as killer:
                    killer.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))

        else:

            def drop(*_: Any) -> None:
                store._connection.close()

        store._group_written = drop


def store_dsn(store: orderkit.PostgresSink) -> str:
    return store._dsn or ""


def test_a_connection_dropped_inside_a_group_commits_nothing_and_says_so(
    store_target: StoreTarget,
) -> None:
    store = store_target.open()
    upload = store.start_upload("t", orders=3, rows=3)
    store.commit(upload, 0, [order("A-0")])
    Dropping.install(store)
    with pytest.raises(orderkit.StoreError) as caught:
        store.commit(upload, 1, [order("A-1"), order("A-2")])
    for locale in ("ko", "en"):
        assert caught.value.localized(locale)
    assert "connect" in str(caught.value) or "closed" in str(caught.value)
    store.close()
    numbers = [n for (n,) in query(store_target, "SELECT order_number FROM {t}orders")]
    assert numbers == ["A-0"], "nothing of the dropped group"
    with store_target.open() as reopened:
        result = reopened.commit(upload, 1, [order("A-1"), order("A-2")])
        assert result.registered == (("네이버", "A-1"), ("네이버", "A-2"))


def test_postgres_reconnects_after_a_dropped_connection(pg_dsn: str, pg_schema: str) -> None:
    import psycopg

    with orderkit.PostgresSink(pg_dsn, schema=pg_schema) as store:
        upload = store.start_upload("t", orders=1, rows=1)
        Dropping.install(store)
        with pytest.raises(orderkit.StoreError):
            store.commit(upload, 0, [order("A-1")])
        del store._group_written  # back to the class's own (no-op) hook
        assert store.commit(upload, 0, [order("A-1")]).ok, "a new connection, the same store"
        with psycopg.connect(pg_dsn) as conn:
            (count,) = conn.execute(f"SELECT count(*) FROM {pg_schema}.orders").fetchone() or (0,)
        assert count == 1


HOSTILE = [
    'O\'Brien "quoted" \\back\\slash',
    "'; DROP TABLE orders; --",
    "nul\x00inside",
    "\uffff marker \x00 and \uffff",
    "긴" * 20_000,
    "\t=1+1\r\n",
]


@pytest.mark.parametrize("text", HOSTILE, ids=["quotes", "sql", "nul", "marker", "long", "ctl"])
def test_hostile_text_in_every_stored_field_comes_back_byte_for_byte(
    store: orderkit.Store, text: str, tmp_path: Path
) -> None:
    clean = order("A-1")
    hostile = attrs.evolve(
        clean,
        platform=text,
        order_number=text,
        recipient=attrs.evolve(
            clean.recipient,
            name=text,
            phone=text,
            address=attrs.evolve(clean.recipient.address, base=text, detail=text, postal_code=text),
        ),
        lines=(orderkit.SkuLine(text, 2), orderkit.SkuLine(text + "2", 1)),
        brand=text,
        product_url=text,
        delivery_message=text,
    )
    upload = store.start_upload(text, orders=1, rows=2)
    assert store.commit(upload, 0, [hostile]).registered == ((text, text),)
    assert store.get(text, text) == hostile
    assert store.existing([(text, text), (text, "other")]) == {(text, text)}
    assert store.commit(upload, 1, [hostile]).skipped == ((text, text),)
    at = datetime(2026, 11, 26, 1, 2, 3, tzinfo=UTC)
    store.cancel(text, text, reason=text, actor=text, at=at)
    cancelled = store.history(text, text)[-1]
    assert (cancelled.reason, cancelled.actor) == (text, text)
    assert store.orders() == [hostile.cancel(at)]
    assert store.uploads()[0].source == text

    name = text.strip()  # account names are trimmed when registered
    account = store.register_account(name, name, brand=name)
    assert store.account(name, platform=name) == account == orderkit.SellerAccount(name, name, name)
    version = store.match_template(account, "standard", actor=text)
    assert store.template_history(account) == [version]
    assert version.actor == text
    assert store.count() == 1

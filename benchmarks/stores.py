"""The commit phase of ``upload_file`` on SQLite and on PostgreSQL (part of `make bench`).

The same 5,000-order xlsx (about 8,000 lines, every order valid, so that all of it is
committed) is uploaded into a fresh store each run, in bulk mode (groups of 100). A thin
timing sink in front of the store adds up the time spent in the store's own calls (start,
one commit per group, finish): that is the commit phase; reading, mapping and validating
are the same for both stores. PostgreSQL is a throwaway local cluster with its flushes on
(as SQLite's commits are durable), or ``ORDERKIT_PG_DSN`` when set.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import orderkit

ROOT = Path(__file__).resolve().parent.parent


def clean_xlsx(folder: Path, orders: int = 5000) -> Path:
    """The benchmark's order sheet without its deliberately bad orders."""
    import data
    import openpyxl

    path = folder / f"orders-{orders}-clean.xlsx"
    if path.exists():
        return path
    by_order: dict[str, list[dict[str, Any]]] = {}
    for row in data.rows(orders=orders + orders // 10):
        by_order.setdefault(row["주문번호"], []).append(row)
    clean = [rows for rows in by_order.values() if all(r["_bad"] is None for r in rows)]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("주문서")
    sheet.append(data.HEADER)
    for rows in clean[:orders]:
        for row in rows:
            sheet.append([row.get(h) for h in data.HEADER])
    workbook.save(path)
    return path


class TimedSink:
    """Passes the three sink calls to ``store``, adding up the time they take."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.seconds = 0.0

    def _timed(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start

    def start_upload(self, source: str, *, orders: int, rows: int) -> int:
        return int(self._timed(self.store.start_upload, source, orders=orders, rows=rows))

    def commit(self, upload_id: int, group: int, orders: Sequence[orderkit.Order]) -> Any:
        return self._timed(self.store.commit, upload_id, group, orders)

    def finish_upload(self, upload_id: int, failures: Any, *, committed: int, failed: int) -> None:
        self._timed(self.store.finish_upload, upload_id, failures, committed=committed,
                    failed=failed)  # fmt: skip


@contextmanager
def postgres_dsn() -> Iterator[str | None]:
    """A DSN to benchmark against, or None (with a note on stderr) when there is none."""
    if dsn := os.environ.get("ORDERKIT_PG_DSN"):
        yield dsn
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        print("no psycopg: PostgreSQL not benchmarked", file=sys.stderr)
        yield None
        return
    sys.path.insert(0, str(ROOT))
    from tests.pgserver import Cluster, find_binaries

    binaries = find_binaries()
    if binaries is None:
        print("no PostgreSQL binaries: PostgreSQL not benchmarked", file=sys.stderr)
        yield None
        return
    cluster = Cluster(binaries, durable=True)
    try:
        yield cluster.dsn
    finally:
        cluster.stop()


def measure(path: Path, open_store: Callable[[], Any], runs: int) -> tuple[float, float, int]:
    """Median seconds of the whole upload and of its commit phase; orders committed."""
    totals, commits, committed = [], [], 0
    for _ in range(runs):
        with open_store() as store:
            timed = TimedSink(store)
            start = time.perf_counter()
            result = orderkit.upload_file(path, timed, template="standard", platform="P")
            totals.append(time.perf_counter() - start)
            commits.append(timed.seconds)
            committed = result.committed
    return statistics.median(totals), statistics.median(commits), committed


def bench_stores(folder: Path, runs: int, row: Callable[..., Any]) -> list[Any]:
    """Rows for the benchmark table (``row`` builds one, as ``run.Row``)."""
    path = clean_xlsx(folder)
    with TemporaryDirectory() as folder:
        names = iter(range(runs))
        sqlite_total, sqlite_commit, count = measure(
            path, lambda: orderkit.SqliteSink(Path(folder) / f"{next(names)}.db"), runs
        )
    rows = [
        row(f"upload_file into SQLite ({count:,} orders): commit phase", sqlite_commit,
            note="baseline"),
        row("upload_file into SQLite: whole", sqlite_total, "SQLite commit phase",
            sqlite_total / sqlite_commit),
    ]  # fmt: skip
    with postgres_dsn() as dsn:
        if dsn is None:
            return rows
        pg_total, pg_commit, _ = measure(
            path, lambda: orderkit.PostgresSink(dsn, schema=f"b_{uuid.uuid4().hex[:12]}"), runs
        )
    ratio = pg_commit / sqlite_commit
    rows += [
        row("upload_file into PostgreSQL: commit phase", pg_commit, "SQLite commit phase",
            ratio, "≤ 2×", ratio <= 2),
        row("upload_file into PostgreSQL: whole", pg_total, "SQLite whole",
            pg_total / sqlite_total),
    ]  # fmt: skip
    return rows

"""Faults with a real SQLite file: a failing sink, a killed process, a full disk, two uploaders."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import orderkit
from orderkit import Code, GroupStatus
from orderkit.model.values import Order

from .sheets import write_xlsx
from .test_upload import sheet_of

ROOT = Path(__file__).resolve().parent.parent


class FailingSink(orderkit.SqliteSink):
    """A real store whose storage breaks at the n-th insert, in the middle of a group."""

    def __init__(self, path: Path, fail_at: int) -> None:
        super().__init__(path)
        self.inserts = 0
        self.fail_at = fail_at

    def _insert(self, db: sqlite3.Connection, order: Order, *args: object) -> None:
        self.inserts += 1
        if self.inserts == self.fail_at:
            raise sqlite3.OperationalError("disk I/O error")
        super()._insert(db, order, *args)  # type: ignore[arg-type]


def stored_numbers(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT order_number FROM orders ORDER BY id")]


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def six_orders(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "o.xlsx", sheet_of([(f"O-{n}", 2, False) for n in range(6)]))


def test_a_sink_raising_in_group_k_keeps_earlier_groups_and_nothing_of_k(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    sink = FailingSink(db, fail_at=4)  # the second order of the second group
    result = orderkit.upload_file(
        six_orders(tmp_path), sink, template="standard", platform="수기", group_size=2,
        small_limit=0,
    )  # fmt: skip
    assert [g.status for g in result.groups] == [
        GroupStatus.COMMITTED, GroupStatus.FAILED, GroupStatus.COMMITTED
    ]  # fmt: skip
    assert stored_numbers(db) == ["O-0", "O-1", "O-4", "O-5"]
    failed = result.groups[1]
    assert {p.code for p in failed.problems} == {Code.COMMIT_FAILED}
    assert "disk I/O error" in failed.problems[0].message
    assert [r.row for r in result.failures.rows] == list(failed.rows)
    assert integrity(db) == "ok"


def test_a_full_database_fails_the_group_whole(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    sink = orderkit.SqliteSink(db)
    pages = sink._connection.execute("PRAGMA page_count").fetchone()[0]
    sink._connection.execute(f"PRAGMA max_page_count = {pages + 2}")
    rows = sheet_of([(f"O-{n}", 3, False) for n in range(40)])
    result = orderkit.upload_file(
        write_xlsx(tmp_path / "big.xlsx", rows), sink, template="standard", platform="수기",
        group_size=10, small_limit=0,
    )  # fmt: skip
    full = [g for g in result.groups if not g.ok]
    assert full, "the database filled up"
    assert all(p.code == Code.COMMIT_FAILED for g in full for p in g.problems)
    assert "full" in full[0].problems[0].message
    # the store was too full to keep the failure file too: the result still holds it
    assert [p.code for p in result.problems if p.row is None] == [Code.NOT_STORED]
    assert len(result.failures) == sum(len(g.rows) for g in full)
    committed = {n for g in result.groups if g.ok for n in range(g.index * 10, g.index * 10 + 10)}
    assert stored_numbers(db) == [f"O-{n}" for n in sorted(committed)]
    assert integrity(db) == "ok"


def run_worker(file: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.upload_worker", str(file), str(db), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_process_killed_in_a_group_leaves_whole_groups_only(tmp_path: Path) -> None:
    db, ready = tmp_path / "o.db", tmp_path / "ready"
    worker = run_worker(six_orders(tmp_path), db, "--block-after", "3", "--ready", str(ready))
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    assert integrity(db) == "ok"
    assert stored_numbers(db) == ["O-0", "O-1"], "group 1 is wholly absent"
    with orderkit.SqliteSink(db) as reopened:
        result = orderkit.upload_file(
            six_orders(tmp_path), reopened, template="standard", platform="수기",
            group_size=2, small_limit=0,
        )  # fmt: skip
        assert (result.committed, result.skipped) == (4, 2)
        assert reopened.count() == 6


def test_two_processes_uploading_the_same_file_register_each_order_once(tmp_path: Path) -> None:
    file, db = six_orders(tmp_path), tmp_path / "o.db"
    orderkit.SqliteSink(db).close()  # the schema exists before both start
    workers = [run_worker(file, db, "--group-size", "1") for _ in range(2)]
    outputs = []
    for worker in workers:
        stdout, stderr = worker.communicate(timeout=120)
        assert worker.returncode == 0, stderr
        outputs.append(json.loads(stdout))
    assert sum(o["committed"] for o in outputs) == 6
    assert sum(o["skipped"] for o in outputs) == 6
    assert sorted(stored_numbers(db)) == [f"O-{n}" for n in range(6)]
    with sqlite3.connect(db) as connection:
        (events,) = connection.execute(
            "SELECT COUNT(*) FROM events WHERE kind = 'registered'"
        ).fetchone()
    assert events == 6
    assert integrity(db) == "ok"

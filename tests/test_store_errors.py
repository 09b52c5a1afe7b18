"""A store that cannot be used says so as StoreError, in Korean and English; new stores are
safe to create from many processes at once; schemas from a newer orderkit are refused."""

from __future__ import annotations

import ctypes
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import orderkit
from orderkit import Code

from .conftest import StoreTarget
from .test_store import order
from .test_store_concurrency import orders_file

ROOT = Path(__file__).resolve().parent.parent


def assert_bilingual(error: orderkit.OrderkitError, *needles: str) -> None:
    assert error.ko
    assert error.ko != str(error)
    for needle in needles:
        assert needle in str(error) or needle in error.ko, needle


@pytest.mark.parametrize(
    "content",
    [b"just some text, not a database at all\n" * 10, b"\x89PNG\r\n\x1a\n" + bytes(200), b"x"],
    ids=["text", "png", "one-byte"],
)
def test_a_file_that_is_not_sqlite_is_a_store_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "orders.db"
    path.write_bytes(content)
    with pytest.raises(orderkit.StoreError) as caught:
        orderkit.SqliteSink(path)
    assert_bilingual(caught.value, "not a SQLite database", "SQLite 데이터베이스 파일이 아니")
    assert path.read_bytes() == content, "the file is left as it was"


def test_a_folder_or_a_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "missing" / "orders.db"):
        with pytest.raises(orderkit.StoreError) as caught:
            orderkit.SqliteSink(path)
        assert_bilingual(caught.value, "cannot open", "열 수 없습니다")


PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_FOWNER = 1, 3


def run_unprivileged(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a Python that obeys file modes: root ignores them, so under root the
    child gives up the capabilities to override them before it starts."""
    preexec = None
    if os.geteuid() == 0:

        def preexec() -> None:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (CAP_DAC_OVERRIDE, CAP_FOWNER):
                if libc.prctl(PR_CAPBSET_DROP, capability) != 0:
                    raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        preexec_fn=preexec, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip


def test_a_read_only_store_is_a_store_error(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="orderkit-ro-"))
    try:
        path = folder / "orders.db"
        with orderkit.SqliteSink(path) as sink:
            sink.commit(sink.start_upload("t", orders=1, rows=1), 0, [order("A-1")])
        # The store in rollback-journal mode, so that only the file's own mode matters.
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA journal_mode = DELETE")
        path.chmod(0o444)
        folder.chmod(0o555)
        code = (
            "import sys, orderkit\n"
            f"try:\n    orderkit.SqliteSink({str(path)!r})\n"
            "except orderkit.StoreError as e:\n"
            "    print(e); print(e.localized('ko')); sys.exit(3)\n"
        )
        done = run_unprivileged(code)
        assert done.returncode == 3, done.stderr
        assert "read-only" in done.stdout or "cannot open" in done.stdout
        assert "읽기 전용" in done.stdout or "열 수 없습니다" in done.stdout
    finally:
        folder.chmod(0o755)
        subprocess.run(["rm", "-rf", str(folder)], check=False)


def test_a_full_store_is_a_store_error_and_keeps_nothing_of_the_group(tmp_path: Path) -> None:
    path = tmp_path / "orders.db"
    with orderkit.SqliteSink(path) as sink:
        upload = sink.start_upload("t", orders=400, rows=400)
        (pages,) = sink._connection.execute("PRAGMA page_count").fetchone()
        sink._connection.execute(f"PRAGMA max_page_count = {pages + 2}")
        many = [order(f"A-{n}", delivery_message="긴 메시지" * 40) for n in range(400)]
        with pytest.raises(orderkit.StoreError) as caught:
            sink.commit(upload, 0, many)
        assert_bilingual(caught.value, "full", "가득")
        assert sink.count() == 0


def test_a_store_locked_past_its_timeout_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "orders.db"
    orderkit.SqliteSink(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(orderkit.StoreError) as caught:
            orderkit.SqliteSink(path, timeout=0.2)
        assert_bilingual(caught.value, "locked", "잠그고")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


CREATE_AND_COMMIT = """
import json, sys
import orderkit
order = orderkit.order_from_dict({
    "platform": "네이버", "order_number": f"A-{sys.argv[2]}", "recipient_name": "홍길동",
    "phone": "010-1234-5678", "postal_code": "04524", "address": "서울특별시 중구 세종대로 110",
    "lines": [{"sku": "SKU-1", "quantity": "1"}],
})
with orderkit.SqliteSink(sys.argv[1]) as sink:
    upload = sink.start_upload("t", orders=1, rows=1)
    result = sink.commit(upload, 0, [order])
print(json.dumps(result.registered))
"""


def test_many_processes_creating_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    for round_ in range(2):
        path = tmp_path / f"new-{round_}.db"
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", CREATE_AND_COMMIT, str(path), str(n)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(6)
        ]
        for worker in workers:
            _, stderr = worker.communicate(timeout=120)
            assert worker.returncode == 0, stderr
        with orderkit.SqliteSink(path) as sink:
            assert sink.count() == 6
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA user_version").fetchone() == (3,)
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_deleted_write_ahead_log_stops_the_upload_and_the_result_tells_the_truth(
    tmp_path: Path,
) -> None:
    file, _ = orders_file(tmp_path / "orders.csv", 60)
    path = tmp_path / "orders.db"
    wal = Path(f"{path}-wal")

    def delete_wal_after_first_group(group: orderkit.GroupResult) -> None:
        if group.index == 0:
            wal.unlink()

    with orderkit.SqliteSink(path) as sink:
        result = orderkit.upload_file(
            file, sink, template="standard", platform="수기", group_size=10, small_limit=0,
            on_group=delete_wal_after_first_group,
        )  # fmt: skip
    assert [g.ok for g in result.groups] == [True] + [False] * 5
    failed = result.groups[1].problems[0]
    assert failed.code == Code.COMMIT_FAILED
    assert "쓰기 로그" in failed.message
    assert "-wal" in failed.message
    with orderkit.SqliteSink(path) as reopened:
        assert reopened.count() == result.committed == 10, "what it reports is what remains"


def test_a_store_from_a_newer_orderkit_is_refused(store_target: StoreTarget) -> None:
    store_target.open().close()
    if store_target.kind == "postgres":
        import psycopg

        with psycopg.connect(store_target.target, autocommit=True) as conn:
            conn.execute(f"UPDATE {store_target.schema}.schema_version SET version = 99")  # type: ignore[arg-type]
    else:
        with sqlite3.connect(store_target.target) as db:
            db.execute("PRAGMA user_version = 99")
    with pytest.raises(orderkit.StoreError) as caught:
        store_target.open()
    assert_bilingual(caught.value, "newer orderkit", "더 새로운 orderkit")


def test_open_store_opens_paths_and_urls(tmp_path: Path) -> None:
    with orderkit.open_store(tmp_path / "a.db") as by_path:
        assert isinstance(by_path, orderkit.SqliteSink)
    with orderkit.open_store(f"sqlite:///{tmp_path / 'b.db'}") as by_url:
        assert isinstance(by_url, orderkit.SqliteSink)
        assert by_url.path == str(tmp_path / "b.db")
    with orderkit.open_store(str(tmp_path / "c.db"), timeout=1.0) as by_text:
        assert isinstance(by_text, orderkit.Store)
    with pytest.raises(orderkit.InvalidArgument) as caught:
        orderkit.open_store("mysql://localhost/orders")
    assert_bilingual(caught.value, "mysql", "postgresql://")


def test_open_store_opens_postgresql_urls(pg_dsn: str, pg_schema: str) -> None:
    import psycopg

    info = psycopg.conninfo.conninfo_to_dict(pg_dsn)
    query = "&".join(f"{k}={v}" for k, v in info.items() if k != "dbname" and v is not None)
    url = f"postgresql:///{info.get('dbname', 'postgres')}?{query}"
    with orderkit.open_store(url, schema=pg_schema) as store:
        assert isinstance(store, orderkit.PostgresSink)
        store.commit(store.start_upload("t", orders=1, rows=1), 0, [order("A-1")])
        assert store.count() == 1


def test_an_unreachable_postgres_server_is_a_store_error(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(orderkit.StoreError) as caught:
        orderkit.PostgresSink(f"host={tmp_path} port=1 dbname=x user=x", connect_timeout=2)
    assert_bilingual(caught.value, "PostgreSQL", "연결")

"""Cases a red-team pass found after the first round of hostile-input work: output paths
and stores that are pipes, a foreign SQLite database, a catalogue multiplier of thousands of
digits, C1 controls in JSON output and a drift of thousands of long headers."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import orderkit
from orderkit.model.accounts import Drift
from tests.sheets import STANDARD_HEADER, standard_row, write_csv

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def run(*args: object, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orderkit", *map(str, args)],
        capture_output=True, text=True, check=False, timeout=timeout,
    )  # fmt: skip


def finishes(call: Callable[[], Any], seconds: float = 20) -> BaseException | None:
    """What ``call`` raised, or None; fails the test if it is still running after
    ``seconds`` (a thread that hangs on a pipe is left behind, daemonic)."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as error:  # the test inspects it
            outcome.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds} s"
    return outcome[0]


@needs_fifo
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_a_pipe_as_an_output_path_is_refused_before_any_work(tmp_path: Path, locale: str) -> None:
    pipe = tmp_path / "out.xlsx"
    os.mkfifo(pipe)
    orders = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, standard_row("A-1", quantity=0)])
    db = tmp_path / "o.db"
    blank = run("template", "blank", "--out", pipe, "--locale", locale)
    upload = run(
        "upload", orders, "-t", "standard", "--platform", "P", "--db", db,
        "--failure-file", pipe, "--locale", locale,
    )  # fmt: skip
    for done in (blank, upload):
        assert done.returncode == 2, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        said = done.stdout + done.stderr
        assert ("일반 파일이 아니라 파이프" if locale == "ko" else "not a regular file") in said
    with orderkit.SqliteSink(db) as store:
        assert store.count() == 0, "checked before the upload, so nothing was committed"


@needs_fifo
def test_a_pipe_as_the_store_is_a_store_error_not_a_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "oms.db"
    os.mkfifo(pipe)
    error = finishes(lambda: orderkit.SqliteSink(pipe))
    assert isinstance(error, orderkit.StoreError)
    assert "일반 파일이 아닙니다" in error.localized("ko")
    done = run("account", "add", "네이버", "haru", "--db", pipe)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_another_applications_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE orders (x)")
        other.execute("INSERT INTO orders VALUES (1)")
        other.execute("PRAGMA user_version = 1")
    with pytest.raises(orderkit.StoreError) as refused:
        orderkit.SqliteSink(path)
    assert "another application" in str(refused.value)
    assert "다른 프로그램" in refused.value.localized("ko")
    with sqlite3.connect(path) as other:
        tables = {name for (name,) in other.execute("SELECT name FROM sqlite_master")}
        assert tables == {"orders"}, "orderkit wrote nothing into it"
        assert other.execute("SELECT x FROM orders").fetchall() == [(1,)]


def test_an_empty_sqlite_file_and_an_orderkit_store_still_open(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with orderkit.SqliteSink(empty) as store:
        assert store.count() == 0
    with orderkit.SqliteSink(empty) as store:  # opened again: it is ours now
        assert store.count() == 0


@pytest.mark.parametrize("multiplier", ["9" * 4301, "1000001", "0", "-1", "1.5"])
def test_a_catalogue_multiplier_out_of_range_is_an_unreadable_file(
    tmp_path: Path, multiplier: str
) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_text(f"product_code,sku,multiplier\nHR-TEE-M,X,{multiplier}\n", encoding="utf-8")
    with pytest.raises(orderkit.UnreadableFile) as refused:
        orderkit.load_catalogue(path)
    assert "1,000,000" in str(refused.value)


def test_json_output_escapes_c1_controls_and_keeps_the_text(tmp_path: Path) -> None:
    memo = "010\u009b31m\u202eabc\x7f"
    row = standard_row("A-1")
    path = write_csv(tmp_path / "o.csv", [[*STANDARD_HEADER, "메모"], [*row, memo]])
    done = run("validate", path, "-t", "standard", "--platform", "P", "--format", "json")
    for raw in ("\u009b", "\u202e", "\x7f"):
        assert raw not in done.stdout
    assert json.loads(done.stdout)["command"] == "validate"


def test_a_drift_of_thousands_of_long_headers_is_described_briefly() -> None:
    added = tuple(f"{n} " + "긴 머리글 " * 200 for n in range(16_000))
    drift = Drift(added=added, removed=("수량",))
    for locale, more in (("ko", "외 15,980개"), ("en", "and 15,980 more")):
        text = drift.describe(locale)
        assert more in text
        assert len(text) < 3_000

"""The forked reader: whatever happens to the child reaches the caller as UnreadableFile."""

from __future__ import annotations

import datetime as dt
import gc
import os
import signal
import threading
import time
from pathlib import Path

import pytest

import orderkit
from orderkit.files.isolation import run_isolated
from orderkit.files.safety import Limits

from .sheets import write_xlsx

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
PATH = Path("orders.xlsx")


def isolated(work, seconds: int = 20, memory: int = 1 << 30):  # type: ignore[no-untyped-def]
    return run_isolated(work, path=PATH, memory=memory, seconds=seconds)


def test_the_childs_result_comes_back_whole() -> None:
    cells = [
        ["주문번호", 1.5, 3, True, None, dt.datetime(2026, 1, 2, 3, 4), dt.timedelta(hours=30)]
    ]
    assert isolated(lambda: ("Sheet1", (2, 3), cells)) == ("Sheet1", (2, 3), cells)


def test_an_orderkit_error_in_the_child_is_raised_as_itself() -> None:
    def work() -> None:
        raise orderkit.PasswordProtected("locked", ko="암호")

    with pytest.raises(orderkit.PasswordProtected, match="locked") as caught:
        isolated(work)
    assert caught.value.localized("ko") == "암호"


@pytest.mark.parametrize(
    ("how", "words"),
    [
        (lambda: os.abort(), "memory"),
        (lambda: os.kill(os.getpid(), signal.SIGSEGV), "SIGSEGV"),
        (lambda: os._exit(3), "failed"),
        (lambda: bytearray(8 << 30), "memory"),
    ],
    ids=["abort", "segfault", "exit", "memory"],
)
def test_a_child_that_dies_is_an_unreadable_file(how, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(orderkit.UnreadableFile, match=words) as caught:
        isolated(how)
    assert "orders.xlsx" in str(caught.value)
    assert "읽지 못했습니다" in caught.value.localized("ko")


def test_a_panic_like_base_exception_in_the_child_is_caught() -> None:
    class Panic(BaseException):
        pass

    def work() -> None:
        raise Panic("a Rust panic")

    with pytest.raises(orderkit.UnreadableFile):
        isolated(work)


def test_a_child_that_spins_is_stopped_by_its_processor_limit() -> None:
    def spin() -> None:
        while True:
            pass

    start = time.monotonic()
    with pytest.raises(orderkit.UnreadableFile, match="processor time"):
        isolated(spin, seconds=1)
    assert time.monotonic() - start < 10


def test_a_child_that_sleeps_is_stopped_by_the_wall_clock() -> None:
    # A lock held over the fork would look like this: no processor time used, no progress.
    start = time.monotonic()
    with pytest.raises(orderkit.UnreadableFile, match="took more than"):
        isolated(lambda: time.sleep(60), seconds=1)
    assert time.monotonic() - start < 15


def test_only_expected_types_are_unpickled_from_the_child() -> None:
    # A child whose memory a hostile file corrupted could send any pickle: it is refused.
    with pytest.raises(orderkit.UnreadableFile, match="failed"):
        isolated(lambda: Path("/"))


def test_reading_in_a_child_while_other_threads_run(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [["주문번호"], ["A-1"]])
    stop = threading.Event()
    busy = [threading.Thread(target=lambda: [time.sleep(0.001) for _ in iter(stop.is_set, True)])
            for _ in range(4)]  # fmt: skip
    for thread in busy:
        thread.start()
    try:
        sheets = [orderkit.read_sheet(path) for _ in range(20)]
    finally:
        stop.set()
        for thread in busy:
            thread.join()
    assert {sheet.rows for sheet in sheets} == {(("주문번호",), ("A-1",))}


def test_isolated_and_in_process_reads_agree(tmp_path: Path) -> None:
    rows = [["주문번호", "수량", "금액"], ["A-1", 3, 1.5], [None, None, "x"], ["A-2", 10**15, -7]]
    path = write_xlsx(tmp_path / "o.xlsx", rows)
    isolated_sheet = orderkit.read_sheet(path, limits=Limits(isolate=True))
    in_process = orderkit.read_sheet(path, limits=Limits(isolate=False))
    assert isolated_sheet == in_process
    assert isolated_sheet.rows[1] == ("A-1", "3", "1.5")


def _children() -> set[int]:
    """This process's children, zombies included (other fixtures may own some: a server)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may hold spaces: the ppid follows it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to list children")
def test_no_child_is_left_behind(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [["주문번호"], ["A-1"]])
    before = _children()
    for _ in range(5):
        orderkit.read_sheet(path)
    assert _children() <= before


def test_concurrent_reads_from_threads_each_get_their_own_rows(tmp_path: Path) -> None:
    paths = [write_xlsx(tmp_path / f"o{n}.xlsx", [["주문번호"], [f"A-{n}"]]) for n in range(6)]
    results: dict[int, tuple[tuple[str, ...], ...]] = {}

    def read(number: int) -> None:
        for _ in range(5):
            results[number] = orderkit.read_sheet(paths[number]).rows

    threads = [threading.Thread(target=read, args=(n,)) for n in range(6)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.monotonic() - start < 60
    assert results == {n: (("주문번호",), (f"A-{n}",)) for n in range(6)}


def test_a_system_that_will_not_fork_gives_an_error_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As root, no process limit makes fork fail for real: its failure is simulated here.
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    path = write_xlsx(tmp_path / "o.xlsx", [["주문번호"], ["A-1"]])
    descriptors = Path("/proc/self/fd")
    before = len(os.listdir(descriptors)) if descriptors.exists() else 0
    monkeypatch.setattr(os, "fork", refuse)
    with pytest.raises(orderkit.UnreadableFile, match="would not start") as caught:
        orderkit.read_sheet(path)
    assert "다시 시도하세요" in caught.value.localized("ko")
    if descriptors.exists():
        assert len(os.listdir(descriptors)) == before, "no descriptor leaked"


def test_the_child_reads_without_collecting_garbage_and_the_caller_keeps_collecting() -> None:
    assert run_isolated(gc.isenabled, path=Path("o.xlsx"), memory=1 << 30, seconds=10) is False
    assert gc.isenabled()

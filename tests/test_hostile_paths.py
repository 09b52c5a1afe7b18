"""Special files as inputs: refused before they are opened, never a hang (issue 11, item 5)."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import orderkit
from orderkit import NotARegularFile, OrderkitError, TemplateError, UnreadableFile
from orderkit.store.sqlite import SqliteSink

from .sheets import STANDARD_HEADER, standard_row, write_csv

# Generous: a refusal takes microseconds; a hang never ends.
REFUSED_WITHIN = 10.0


def finishes(call: Callable[[], object]) -> BaseException | None:
    """Run ``call`` in a daemon thread; the exception it raised, failing if it hangs."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(REFUSED_WITHIN)
    assert outcome, "the call hung on a special file"
    return outcome[0]


@pytest.fixture
def specials() -> Iterator[dict[str, Path]]:
    # A short folder: a socket's path must fit in about 100 bytes.
    folder = Path(tempfile.mkdtemp(prefix="ok-"))
    fifo = folder / "orders.csv"
    os.mkfifo(fifo)
    directory = folder / "orders.xlsx"
    directory.mkdir()
    sock_path = folder / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    paths = {"fifo": fifo, "folder": directory, "socket": sock_path}
    if Path("/dev/zero").exists():
        paths["zero device"] = Path("/dev/zero")
    try:
        yield paths
    finally:
        server.close()
        for path in (fifo, sock_path):
            path.unlink()
        directory.rmdir()
        folder.rmdir()


KINDS = {"fifo": "named pipe", "folder": "folder", "socket": "socket", "zero device": "device"}


def check_refusal(error: BaseException | None, kind: str, name: str) -> None:
    assert isinstance(error, OrderkitError), repr(error)
    assert KINDS[kind] in str(error)
    assert name in str(error)
    assert error.ko is not None
    assert "일반 파일" in error.ko


def test_special_files_as_the_order_file_are_refused_at_once(
    specials: dict[str, Path], tmp_path: Path
) -> None:
    for kind, path in specials.items():
        for call in (
            lambda path=path: orderkit.read_sheet(path),
            lambda path=path: orderkit.validate_file(path, "standard", platform="수기"),
            lambda path=path: orderkit.validate_file(
                path, "standard", platform="수기", keep_orders=False
            ),
        ):
            error = finishes(call)
            assert isinstance(error, NotARegularFile), (kind, error)
            check_refusal(error, kind, path.name)
    sink = SqliteSink(tmp_path / "store.db")
    fifo = specials["fifo"]
    error = finishes(lambda: orderkit.upload_file(fifo, sink, template="standard", platform="수기"))
    assert isinstance(error, UnreadableFile)
    assert sink.count() == 0


def test_special_files_as_the_catalogue_are_refused_at_once(
    specials: dict[str, Path], tmp_path: Path
) -> None:
    orders = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, standard_row("A-1")])
    for kind, path in specials.items():
        error = finishes(lambda path=path: orderkit.load_catalogue(path))
        check_refusal(error, kind, path.name)
        error = finishes(
            lambda path=path: orderkit.validate_file(
                orders, "standard", platform="수기", catalogue=path
            )
        )
        assert isinstance(error, NotARegularFile), (kind, error)


def test_special_files_as_the_template_are_refused_at_once(specials: dict[str, Path]) -> None:
    for kind, path in specials.items():
        source: Any
        for source in (path, str(path)):
            error = finishes(lambda source=source: orderkit.load_template(source))
            assert isinstance(error, TemplateError), (kind, source, error)
            check_refusal(error, kind, path.name)


def test_a_link_to_a_regular_file_is_still_read(tmp_path: Path) -> None:
    orders = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, standard_row("A-1")])
    link = tmp_path / "link.csv"
    link.symlink_to(orders)
    assert orderkit.validate_file(link, "standard", platform="수기").ok

"""The next items of an iterator made in a worker thread while the caller works on the
current one.

A large CSV file is read (pyarrow) and screened (polars) a batch at a time, and the few
orders the screen flags are checked by the engine (Python). pyarrow and polars let go of
the interpreter lock while they work, so reading and screening the next batch in a thread
overlaps the engine's work on this one: on two cores the file takes about the time of the
longer of the two instead of their sum. Items and errors come out in the order the
iterator makes them; at most ``depth`` items wait made, so memory stays bounded.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from queue import Full, Queue
from typing import Final, TypeVar

__all__ = ["read_ahead"]

_T = TypeVar("_T")

_WAIT: Final = 0.05
"""Seconds between the worker's looks at whether the caller has stopped, while the queue
is full."""


class _End:
    """The worker's last word: the iterator ended, or raised ``error``."""

    def __init__(self, error: BaseException | None) -> None:
        self.error = error


def read_ahead(items: Iterator[_T], *, depth: int = 1) -> Generator[_T, None, None]:
    """Yield what ``items`` yields, in order, making the next ones in a worker thread.

    An error ``items`` raises is raised here, after the items made before it. When the
    caller stops early (closes this generator, or an error of its own ends it), the worker
    stops after the item it is making, ``items`` is closed in the worker's thread, and the
    worker is waited for: no thread outlives the call.

    ``items`` must not be used by anyone else meanwhile: the worker alone advances it.
    """
    queue: Queue[_T | _End] = Queue(maxsize=max(1, depth))
    stop = threading.Event()

    def put(item: _T | _End) -> bool:
        while not stop.is_set():
            try:
                queue.put(item, timeout=_WAIT)
            except Full:
                continue
            return True
        return False

    def work() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(_End(None))
        except BaseException as exc:  # handed to the caller, raised in its thread
            put(_End(exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    worker = threading.Thread(target=work, name="orderkit-read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item = queue.get()  # the worker always ends with an _End while not stopped
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                return
            yield item
    finally:
        stop.set()
        worker.join()

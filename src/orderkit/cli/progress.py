"""Progress on a terminal: a bar where the total is known, a ticking clock where it is not.

Both write to stderr only when it is a terminal, so pipes, files and CI logs stay clean.
Hand-written rather than rich or tqdm: it is a few lines, needs a Korean label, must stay
silent on a pipe and must never be the thing that breaks a run, and it adds no dependency
to a library that services import.
"""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import Final, TextIO

from orderkit.cli.output import visible
from orderkit.cli.words import words

__all__ = ["Bar", "Ticker"]


class Bar:
    """``그룹 3/10 [███·····] ✗1`` on stderr, redrawn in place; silent off a terminal."""

    WIDTH: Final = 24

    def __init__(self, label_key: str, locale: str, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.label = words(label_key, locale)
        self.enabled = _is_terminal(self.stream)
        self.failed = 0

    def step(self, done: int, total: int, *, ok: bool = True, note: str = "") -> None:
        if not self.enabled:
            return
        self.failed += not ok
        total = max(total, 1)
        filled = round(self.WIDTH * min(done, total) / total)
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        failed = f" ✗{self.failed}" if self.failed else ""
        tail = f" {visible(note)[:40]}" if note else ""
        self.stream.write(f"\r\x1b[2K{self.label} {done}/{total} [{bar}]{failed}{tail}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Ticker:
    """A clock for work whose size is unknown until it ends (reading and checking a file).

    Used as a context manager; after the first second it redraws ``⠋ 12초 file.csv``
    twice a second on a terminal, and erases itself at the end.
    """

    DELAY: Final = 1.0
    FRAMES: Final = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    def __init__(self, what: str, locale: str, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.what = visible(what)
        self.unit = "초" if locale == "ko" else "s"
        self.enabled = _is_terminal(self.stream)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._drawn = False

    def __enter__(self) -> Ticker:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop and erase the clock (when a bar with a known total takes over the line)."""
        if self.enabled and not self._stop.is_set():
            self._stop.set()
            if self._thread.ident is not None:  # started
                self._thread.join()
            if self._drawn:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()

    def _run(self) -> None:
        start = time.monotonic()
        if self._stop.wait(self.DELAY):
            return
        frame = 0
        while not self._stop.is_set():
            seconds = int(time.monotonic() - start)
            spinner = self.FRAMES[frame % len(self.FRAMES)]
            try:
                self.stream.write(f"\r\x1b[2K{spinner} {seconds}{self.unit} {self.what}")
                self.stream.flush()
            except (OSError, ValueError):  # the terminal went away: stop drawing quietly
                return
            self._drawn = True
            frame += 1
            self._stop.wait(0.5)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

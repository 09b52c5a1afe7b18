"""How the benchmarks measure: medians in one process or of fresh processes, and the table.

Every figure is a ratio to a baseline measured in the same run, because a shared machine
is too noisy for absolute limits.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from orderkit.rules.phones import phone_plausible


def child_env() -> dict[str, str]:
    """The environment of a measured child process: it may keep compiled bytecode, as an
    installed package does, even when this shell says not to write it (otherwise every
    fresh process would compile orderkit again, which no user pays)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compile_orderkit() -> None:
    """Compile orderkit's modules once, before any fresh process is timed."""
    import orderkit

    folder = Path(orderkit.__file__).parent
    command = [sys.executable, "-m", "compileall", "-q", str(folder)]
    subprocess.run(command, check=True, env=child_env())


def process(command: Sequence[str], runs: int, *, check: bool = True) -> list[float]:
    """Wall times of ``runs`` runs of ``command``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=check, env=child_env())
        times.append(time.perf_counter() - start)
    return times


@attrs.frozen
class Row:
    """One line of a results table; ``met`` is ``None`` when the line has no goal."""

    name: str
    seconds: float
    baseline: str = ""
    ratio: float | None = None
    goal: str = ""
    met: bool | None = None
    note: str = ""


def median(run: Callable[[], object], runs: int, *, cold: bool = True) -> float:
    """Median wall time; ``cold`` clears the phone cache first, as a new file would."""
    times = []
    for _ in range(runs):
        if cold:
            phone_plausible.cache_clear()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child(code: str, runs: int) -> tuple[float, dict[str, Any]]:
    """Median wall time of ``runs`` fresh Python processes running ``code``, and the last
    one's output (its last line, when that is a JSON object)."""
    times, output = [], {}
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=child_env(),
        )
        times.append(time.perf_counter() - start)
        lines = done.stdout.strip().splitlines()
        output = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return statistics.median(times), output


def table(rows: list[Row]) -> list[str]:
    lines = ["| measurement | median | vs | ratio | goal | met |", "|---|---:|---|---:|---|---|"]
    for row in rows:
        seconds = f"{row.seconds * 1000:,.1f} ms" if row.seconds else ""
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else row.note
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.name} | {seconds} | {row.baseline} | {ratio} | {row.goal} | {met} |")
    return lines

"""Coverage-guided fuzzing of reader → mapper → engine with atheris: `make fuzz`.

Each input is written as a file (the first byte picks the extension) and uploaded into an
in-memory store. Any exception that is not an OrderkitError is a bug; so is a row that is
neither committed nor in the failure file.

    python fuzz/fuzz_files.py [-max_total_time=60] [corpus/]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import orderkit

SUFFIXES = (".xlsx", ".csv", ".xls")
FOLDER = Path(tempfile.mkdtemp(prefix="orderkit-fuzz-"))


def one_input(data: bytes) -> None:
    if not data:
        return
    path = FOLDER / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    sink = orderkit.MemorySink()
    try:
        result = orderkit.upload_file(path, "standard", sink, platform="P", small_limit=0,
                                      group_size=2)  # fmt: skip
    except orderkit.OrderkitError:
        return
    committed = sum(len(group.rows) for group in result.groups if group.ok)
    if result.rows != committed + len(result.failures):
        raise AssertionError(f"rows lost: {result.rows} read, {committed} committed, "
                             f"{len(result.failures)} failed")  # fmt: skip


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""What validating a workbook loads in a fresh process: only what a workbook needs.

A workbook is read whole, never streamed: the CSV stream (pyarrow, numpy, the screen) is
for CSV files only, and costs a quarter of a second to import. Asserts what is loaded,
never how long it takes (speed lives in ``benchmarks/``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from orderkit.engine import streaming, validate

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

# What a CSV file needs (its stream, its reader, its code pages) and a workbook must not load.
STREAM_ONLY = ("numpy", "pyarrow", "polars", "pandas", "orderkit.engine.streaming",
               "orderkit.engine.batch_stream", "orderkit.files.arrow_csv",
               "orderkit.files.csvfile", "orderkit.files.legacy_encoding")  # fmt: skip


def loaded_by(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_validating_a_workbook_loads_nothing_of_the_csv_stream(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("A-1", quantity=0)])
    loaded = loaded_by(
        "import contextlib, io\nfrom orderkit.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['validate', {str(path)!r}, '-t', 'standard', '--platform', 'P'])"
    )
    assert "orderkit.engine.validate" in loaded  # the workbook was really validated
    assert [name for name in STREAM_ONLY if name in loaded] == []


def test_validate_file_chunks_as_the_stream_does() -> None:
    assert validate.CHUNK_ROWS == streaming.CHUNK_ROWS

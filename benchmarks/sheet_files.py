"""Files: the 5,000-order xlsx against a python-calamine read, and CSV files validated end
to end in a fresh process against ``pandas.read_csv(engine="pyarrow", dtype=str)``."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import Final

from measure import Row, child, median

import orderkit
from orderkit.files.safety import DEFAULT_LIMITS, check_xlsx

CSV_GOAL: Final = 4.0
CSV_MOONSHOT: Final = 2.0
XLSX_GOAL: Final = 1.5
PEAK_GOAL_MIB: Final = 1024


def bench_xlsx(path: Path, runs: int) -> list[Row]:
    import python_calamine

    def raw() -> object:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)

    def validate() -> object:
        return orderkit.validate_file(path, "standard", platform="P").ok

    def validate_orders() -> object:
        return orderkit.validate_file(path, "standard", platform="P").orders

    def scan() -> object:
        return check_xlsx(path, DEFAULT_LIMITS)

    def read_sheet() -> object:
        return orderkit.read_sheet(path)

    read = median(raw, runs)
    checked = median(validate, runs)
    built = median(validate_orders, runs)
    # Where validate_file's time goes: the safety scan, then the forked calamine read.
    scanned = median(scan, runs)
    sheet = median(read_sheet, runs)
    report = orderkit.validate_file(path, "standard", platform="P")
    with tempfile.TemporaryDirectory() as folder:
        databases = iter(range(runs))

        def upload() -> object:
            with orderkit.SqliteSink(Path(folder) / f"{next(databases)}.db") as sink:
                return orderkit.upload_file(path, sink, template="standard", platform="P")

        uploaded = median(upload, runs)
    size = f"{report.summary()['orders']:,} orders, {report.rows:,} rows"
    ratio = checked / read
    return [
        Row(f"python-calamine read ({size})", read, note="baseline"),
        Row("validate_file (problems, report)", checked, "calamine read", ratio,
            f"≤ {XLSX_GOAL}× (moonshot 1.0×)", ratio <= XLSX_GOAL),
        Row("  of which: the safety scan (before any parser)", scanned, "calamine read",
            scanned / read),
        Row("  of which: read_sheet (the scan, then calamine in a forked child)", sheet,
            "calamine read", sheet / read),
        Row("validate_file + every Order built", built, "calamine read", built / read),
        Row("upload_file into SQLite", uploaded, "validate_file", uploaded / checked),
    ]  # fmt: skip


def bench_csv(path: Path, runs: int, *, goal: bool, what: str = "") -> list[Row]:
    """``validate_file`` streaming the file in a fresh process (the whole process, end to
    end), its peak resident memory, and the pandas-with-pyarrow read of the same file."""
    import pandas as pd

    encoding = "cp949" if "cp949" in path.name else "utf-8"

    def pyarrow() -> object:
        return pd.read_csv(path, engine="pyarrow", dtype=str, encoding=encoding)

    read = median(pyarrow, runs, cold=False)
    code = (
        "import json, resource, orderkit\n"
        f"r = orderkit.validate_file({str(path)!r}, 'standard', platform='P', keep_orders=False)\n"
        "print(json.dumps({'rows': r.rows, 'errors': len(r.errors),"
        " 'maxrss_kib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))"
    )
    times, peaks, output = [], [], {}
    for _ in range(runs):
        seconds, output = child(code, 1)
        times.append(seconds)
        peaks.append(output.get("maxrss_kib", 0) / 1024)
    seconds, peak = statistics.median(times), max(peaks)
    rows, errors = output.get("rows", 0), output.get("errors", 0)
    ratio = seconds / read
    target = f"≤ {CSV_GOAL:g}× (moonshot {CSV_MOONSHOT:g}×)" if goal else ""
    return [
        Row(f"pandas.read_csv(engine='pyarrow', dtype=str), {path.name}", read,
            note="baseline"),
        Row(f"orderkit validate_file, whole process, {rows:,} rows{what}, {errors:,} errors",
            seconds, "pandas + pyarrow read", ratio, target,
            ratio <= CSV_GOAL if goal else None),
        Row(f"  peak resident memory of that process (largest of {runs}): {peak:,.0f} MiB", 0,
            goal="≤ 1 GiB", met=peak <= PEAK_GOAL_MIB),
    ]  # fmt: skip

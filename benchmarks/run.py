"""orderkit's benchmark suite: `make bench`. Prints a table and writes benchmarks/RESULTS.md.

Every figure is a median of several runs in one process (or of several child processes
for whole-process and memory figures), reported as a ratio to a baseline measured in the
same run: shared machines are too noisy for absolute limits.

    python benchmarks/run.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import engines  # noqa: E402
import peers  # noqa: E402
import stores  # noqa: E402

import orderkit  # noqa: E402
from orderkit.rules.phones import phone_plausible  # noqa: E402

DATA = HERE / "data"


@attrs.frozen
class Row:
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
    """Median wall time of a fresh Python process running ``code``, and its last output."""
    times, output = [], {}
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(time.perf_counter() - start)
        lines = done.stdout.strip().splitlines()
        output = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return statistics.median(times), output


def prepare(quick: bool) -> dict[str, Path]:
    DATA.mkdir(exist_ok=True)
    sizes = {"xlsx": 500 if quick else 5000, "csv_small": 10_000 if quick else 100_000,
             "csv_large": 100_000 if quick else 1_000_000}  # fmt: skip
    files = {
        "xlsx": DATA / f"orders-{sizes['xlsx']}.xlsx",
        "csv_small_utf8": DATA / f"rows-{sizes['csv_small']}-utf8.csv",
        "csv_small_cp949": DATA / f"rows-{sizes['csv_small']}-cp949.csv",
        "csv_large_utf8": DATA / f"rows-{sizes['csv_large']}-utf8.csv",
        "csv_large_cp949": DATA / f"rows-{sizes['csv_large']}-cp949.csv",
    }
    makers = {
        "xlsx": lambda p: data.write_xlsx(p, sizes["xlsx"]),
        "csv_small_utf8": lambda p: data.write_csv(p, sizes["csv_small"], "utf-8"),
        "csv_small_cp949": lambda p: data.write_csv(p, sizes["csv_small"], "cp949"),
        "csv_large_utf8": lambda p: data.write_csv(p, sizes["csv_large"], "utf-8"),
        "csv_large_cp949": lambda p: data.write_csv(p, sizes["csv_large"], "cp949"),
    }
    for key, path in files.items():
        if not path.exists():
            print(f"generating {path.name} …", file=sys.stderr)
            makers[key](path)
    return files


def bench_xlsx(path: Path, runs: int) -> list[Row]:
    import python_calamine

    def raw() -> object:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)

    def validate() -> object:
        return orderkit.validate_file(path, "standard", platform="P").ok

    def validate_orders() -> object:
        return orderkit.validate_file(path, "standard", platform="P").orders

    read = median(raw, runs)
    checked = median(validate, runs)
    built = median(validate_orders, runs)
    report = orderkit.validate_file(path, "standard", platform="P")
    with tempfile.TemporaryDirectory() as folder:
        databases = iter(range(runs))

        def upload() -> object:
            with orderkit.SqliteSink(Path(folder) / f"{next(databases)}.db") as sink:
                return orderkit.upload_file(path, sink, template="standard", platform="P")

        uploaded = median(upload, runs)
    size = f"{report.summary()['orders']:,} orders, {report.rows:,} rows"
    return [
        Row(f"python-calamine read ({size})", read, note="baseline"),
        Row("validate_file (problems, report)", checked, "calamine read", checked / read,
            "≤ 1.5×", checked / read <= 1.5),
        Row("validate_file + every Order built", built, "calamine read", built / read),
        Row("upload_file into SQLite", uploaded, "validate_file", uploaded / checked),
    ]  # fmt: skip


def bench_rules(count: int, runs: int) -> tuple[list[Row], list[str]]:
    records = data.records(count)
    truth = {i for i, r in enumerate(records) if r["_bad"]}
    rows = [{k: v for k, v in r.items() if k != "_bad"} for r in records]
    model, schema = peers.pydantic_model(), peers.pandera_schema()

    def orderkit_flags() -> set[int]:
        report = orderkit.validate_records(rows, platform="P", first_row=0)
        return {p.row for p in report.errors if p.row is not None}

    few = rows[: min(count, 20_000)]
    contenders: list[tuple[str, Callable[[], set[int]], int]] = [
        ("orderkit validate_records", orderkit_flags, count),
        ("pydantic v2 model per row", lambda: peers.flag_pydantic(rows, model), count),
        ("pandera DataFrameSchema", lambda: peers.flag_pandera(rows, schema), count),
        ("frictionless (+ cross-field rules)", lambda: peers.flag_frictionless(few), len(few)),
    ]
    speeds: dict[str, float] = {}
    out, agreement = [], []
    for name, run, size in contenders:
        seconds = median(run, runs)
        speeds[name] = size / seconds
        expected = truth if size == count else {i for i in truth if i < size}
        agreement.append(f"{name}: {'same rows' if run() == expected else 'DIFFERENT rows'}")
        out.append((name, seconds, size))
    base = speeds["pydantic v2 model per row"]
    result = []
    for name, seconds, size in out:
        ratio = speeds[name] / base
        goal = "≥ 2× pydantic" if name.startswith("orderkit") else ""
        met = ratio >= 2 if goal else None
        result.append(Row(f"{name}: {speeds[name]:,.0f} rows/s ({size:,} rows)", seconds,
                          "pydantic rows/s", ratio, goal, met))  # fmt: skip
    return result, agreement


def bench_csv(path: Path, runs: int) -> list[Row]:
    import pandas as pd

    def pyarrow() -> object:
        return pd.read_csv(path, engine="pyarrow", dtype=str, encoding=encoding)

    encoding = "cp949" if "cp949" in path.name else "utf-8"
    read = median(pyarrow, runs, cold=False)
    code = (
        "import json, resource, orderkit\n"
        f"r = orderkit.validate_file({str(path)!r}, 'standard', platform='P', keep_orders=False)\n"
        "print(json.dumps({'rows': r.rows, 'errors': len(r.errors),"
        " 'maxrss_kib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))"
    )
    seconds, output = child(code, runs)
    peak = output.get("maxrss_kib", 0) / 1024
    rows = output.get("rows", 0)
    return [
        Row(f"pandas.read_csv(engine='pyarrow'), {path.name}", read, note="baseline"),
        Row(f"orderkit validate_file streaming, {rows:,} rows", seconds, "pyarrow read",
            seconds / read, "≤ 5×", seconds / read <= 5),
        Row(f"  peak memory of that process: {peak:,.0f} MiB", 0, goal="≤ 1 GiB",
            met=peak <= 1024),
    ]  # fmt: skip


def bench_processes(xlsx: Path, runs: int) -> list[Row]:
    bare, _ = child("pass", runs)
    imported, _ = child("import orderkit", runs)
    read_code = (
        "import python_calamine\n"
        f"python_calamine.CalamineWorkbook.from_path({str(xlsx)!r})"
        ".get_sheet_by_index(0).to_python(skip_empty_area=False)"
    )
    read, _ = child(read_code, runs)
    script = str(Path(sys.executable).with_name("orderkit"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([script, "validate", str(xlsx), "-t", "standard", "--platform", "P"],
                       capture_output=True, check=False)  # fmt: skip
        times.append(time.perf_counter() - start)
    cli = statistics.median(times)
    cost = imported - bare
    return [
        Row("python -c pass", bare, note="baseline"),
        Row(f"import orderkit: {cost * 1000:.0f} ms over a bare interpreter", imported,
            "python -c pass", imported / bare, "≤ 150 ms", cost <= 0.150),
        Row("a bare Python process reading the xlsx with python-calamine", read),
        Row("orderkit validate on the same xlsx (whole process)", cli,
            "bare calamine process", cli / read, "≤ 2×", cli / read <= 2),
    ]  # fmt: skip


def bench_engines(path: Path) -> list[Row]:
    """Spark and Dask on the 1M-row CSV, each timed once; ratios to the streamed file."""
    figures = engines.measure(path)
    base = figures[0][1]
    return [Row(name, seconds, note="baseline") if i == 0 else
            Row(name, seconds, "validate_file, streamed", seconds / base)
            for i, (name, seconds) in enumerate(figures)]  # fmt: skip


def table(rows: list[Row]) -> list[str]:
    lines = ["| measurement | median | vs | ratio | goal | met |", "|---|---:|---|---:|---|---|"]
    for row in rows:
        seconds = f"{row.seconds * 1000:,.1f} ms" if row.seconds else ""
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else row.note
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.name} | {seconds} | {row.baseline} | {ratio} | {row.goal} | {met} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small data, for a smoke run")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    runs = args.runs
    files = prepare(args.quick)
    sections: list[tuple[str, list[Row]]] = []
    print("xlsx …", file=sys.stderr)
    sections.append(("Order sheet (xlsx, standard template, multi-line orders)",
                     bench_xlsx(files["xlsx"], runs)))  # fmt: skip
    print("rules …", file=sys.stderr)
    rule_rows, agreement = bench_rules(10_000 if args.quick else 100_000, max(3, runs // 2))
    sections.append(("Rule checking on rows in memory", rule_rows))
    for key in ("csv_small_utf8", "csv_small_cp949", "csv_large_utf8", "csv_large_cp949"):
        print(f"{key} …", file=sys.stderr)
        large = key.startswith("csv_large")
        sections.append((f"CSV, streamed ({files[key].name})",
                         bench_csv(files[key], 3 if large else runs)))  # fmt: skip
    print("stores …", file=sys.stderr)
    sections.append(("Stores: the commit phase of upload_file (SQLite, PostgreSQL)",
                     stores.bench_stores(DATA, runs, Row)))  # fmt: skip
    print("spark and dask …", file=sys.stderr)
    large_csv = files["csv_large_utf8"]
    sections.append((f"Past one machine: Spark and Dask, local ({large_csv.name})",
                     bench_engines(large_csv)))  # fmt: skip
    print("processes …", file=sys.stderr)
    sections.append(("Import and whole process", bench_processes(files["xlsx"], runs)))

    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, orderkit from this "
        f"tree; medians of {runs} runs "
        "(3 for the largest CSV files). Ratios compare with a baseline measured in the same "
        "run. Data is generated deterministically by `benchmarks/data.py` (about 2 % bad "
        "rows, each bad in one known way).",
        "",
    ]
    for title, rows in sections:
        lines += [f"## {title}", "", *table(rows), ""]
    lines += ["Every validator flags the same rows as the known bad ones:", ""]
    lines += [f"- {line}" for line in agreement]
    text = "\n".join(lines) + "\n"
    if not args.quick:
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

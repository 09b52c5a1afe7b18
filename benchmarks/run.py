"""orderkit's benchmark suite: `make bench`. Prints a table and writes benchmarks/RESULTS.md.

Every figure is a median of several runs in one process (or of several child processes
for whole-process and memory figures), reported as a ratio to a baseline measured in the
same run: shared machines are too noisy for absolute limits. Each figure of issue 15's
"speed to reach" carries its goal and whether this run met it.

    python benchmarks/run.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import engines  # noqa: E402
import measure  # noqa: E402
import stores  # noqa: E402
from measure import Row, table  # noqa: E402
from processes import bench_processes  # noqa: E402
from records import bench_one_order, bench_rules  # noqa: E402
from sheet_files import bench_csv, bench_xlsx  # noqa: E402

DATA = HERE / "data"


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
        "csv_scattered": DATA / f"rows-{sizes['csv_large']}-lines-scattered-utf8.csv",
    }
    makers = {
        "xlsx": lambda p: data.write_xlsx(p, sizes["xlsx"]),
        "csv_small_utf8": lambda p: data.write_csv(p, sizes["csv_small"], "utf-8"),
        "csv_small_cp949": lambda p: data.write_csv(p, sizes["csv_small"], "cp949"),
        "csv_large_utf8": lambda p: data.write_csv(p, sizes["csv_large"], "utf-8"),
        "csv_large_cp949": lambda p: data.write_csv(p, sizes["csv_large"], "cp949"),
        "csv_scattered": lambda p: _note_moved(p, data.write_scattered_csv(p, sizes["csv_large"])),
    }
    for key, path in files.items():
        if not path.exists():
            print(f"generating {path.name} …", file=sys.stderr)
            makers[key](path)
    return files


def _note_moved(path: Path, moved: int) -> None:
    path.with_suffix(".moved").write_text(str(moved), encoding="utf-8")


def moved_rows(path: Path) -> int:
    """How many rows ``write_scattered_csv`` moved away from their order in ``path``."""
    return int(path.with_suffix(".moved").read_text(encoding="utf-8"))


def bench_engines(path: Path) -> list[Row]:
    """Spark and Dask on the 1M-row CSV, each timed once; ratios to the streamed file."""
    figures = engines.measure(path)
    base = figures[0][1]
    return [Row(name, seconds, note="baseline") if i == 0 else
            Row(name, seconds, "validate_file, streamed", seconds / base)
            for i, (name, seconds) in enumerate(figures)]  # fmt: skip


def summary(sections: list[tuple[str, list[Row]]]) -> list[str]:
    """Every figure that has a goal, in one table, met or not (issue 15's speed to reach,
    and the goals of earlier issues)."""
    lines = ["| figure | measured | goal | met |", "|---|---:|---|---|"]
    for title, rows in sections:
        for row in rows:
            if row.goal:
                measured = (
                    f"{row.ratio:.2f}×"
                    if row.ratio is not None
                    else (f"{row.seconds * 1000:,.0f} ms" if row.seconds else "")
                )
                met = "yes" if row.met else "**no**"
                lines.append(f"| {title}: {row.name.strip()} | {measured} | {row.goal} | {met} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small data, for a smoke run")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    runs, began = args.runs, time.perf_counter()
    files = prepare(args.quick)
    measure.compile_orderkit()
    sections: list[tuple[str, list[Row]]] = []
    print("rules …", file=sys.stderr)
    rule_rows, agreement = bench_rules(10_000 if args.quick else 100_000, max(3, runs // 2))
    sections.append(("Rows in memory (validate_records, every peer)", rule_rows))
    sections.append(("One order (validate_order)", bench_one_order(2_000, runs)))
    print("xlsx …", file=sys.stderr)
    sections.append(("Order sheet (xlsx, standard template, multi-line orders)",
                     bench_xlsx(files["xlsx"], runs)))  # fmt: skip
    for key in ("csv_small_utf8", "csv_small_cp949", "csv_large_utf8", "csv_large_cp949",
                "csv_scattered"):  # fmt: skip
        print(f"{key} …", file=sys.stderr)
        large = key in ("csv_large_utf8", "csv_large_cp949", "csv_scattered")
        what = ""
        if key == "csv_scattered":
            what = f" of multi-line orders, {moved_rows(files[key]):,} far from their order"
        figures = bench_csv(files[key], 3, goal=large, what=what)
        sections.append((f"CSV end to end ({files[key].name})", figures))
    print("stores …", file=sys.stderr)
    sections.append(("Stores: the commit phase of upload_file (SQLite, PostgreSQL)",
                     stores.bench_stores(DATA, runs, Row)))  # fmt: skip
    print("spark and dask …", file=sys.stderr)
    large_csv = files["csv_large_utf8"]
    sections.append((f"Past one machine: Spark and Dask, local ({large_csv.name})",
                     bench_engines(large_csv)))  # fmt: skip
    print("processes …", file=sys.stderr)
    sections.append(("Import and whole process", bench_processes(files["xlsx"], runs)))

    minutes = (time.perf_counter() - began) / 60
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, orderkit from this "
        f"tree, in {minutes:.0f} minutes; medians of {runs} runs (3 for the CSV files, whose "
        "peak memory is the largest of the three). Ratios compare with a "
        "baseline measured in the same run. Fresh processes keep compiled bytecode, as an "
        "installed package does. Data is generated deterministically by "
        "`benchmarks/data.py` (about 2 % bad rows, each bad in one known way).",
        "",
        "## Every goal, met or not",
        "",
        *summary(sections),
        "",
    ]
    for title, rows in sections:
        lines += [f"## {title}", "", *table(rows), ""]
    lines += ["Every validator is checked against the known bad rows:", ""]
    lines += [f"- {line}" for line in agreement]
    text = "\n".join(lines) + "\n"
    if not args.quick:
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

"""The columnar engine's figures (issue 15, items 3-5), ratios within one run.

    python benchmarks/columnar.py [--rows N] [--records N] [--runs N]

- ``validate_records`` on dicts against a pydantic v2 model per row (``benchmarks/peers``);
- assembling a large multi-line table over polars columns against row by row (CPU time);
- a multi-line CSV with 2 % of its rows scattered through the file, validated in batches
  (``keep_orders=False``) against ``pandas.read_csv(engine="pyarrow", dtype=str)``, and the
  streaming process's peak RSS;
- ``validate_file`` on the 5,000-order xlsx against the python-calamine read.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import peers  # noqa: E402

import orderkit  # noqa: E402
from orderkit.rules.phones import phone_plausible  # noqa: E402

DATA = HERE / "data"


def scattered_rows(count: int, share: float = 0.02, seed: int = 151) -> list[list[Any]]:
    """``count`` rows of multi-line orders; ``share`` of them (later lines of an order)
    moved to a random place far from their order's other rows."""
    rng = random.Random(seed)
    rows = [[row.get(h, "") for h in data.HEADER] for row in data.rows(count)]
    number = data.HEADER.index("주문번호")
    later = [p for p in range(1, len(rows)) if rows[p][number] == rows[p - 1][number]]
    moved = set(rng.sample(later, min(len(later), int(count * share))))
    kept = [row for p, row in enumerate(rows) if p not in moved]
    for p in sorted(moved):
        kept.insert(rng.randrange(len(kept) + 1), rows[p])
    return kept


def write_scattered_csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(data.HEADER)
        writer.writerows(scattered_rows(count))
    return path


def best(run: Callable[[], object], runs: int, clock: Callable[[], float]) -> float:
    times = []
    for _ in range(runs):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def bench_records(count: int, runs: int) -> dict[str, float]:
    rows = [{k: v for k, v in r.items() if k != "_bad"} for r in data.records(count)]
    model = peers.pydantic_model()

    def ours() -> object:
        phone_plausible.cache_clear()  # cold, as a new batch of records would be
        return orderkit.validate_records(rows, platform="P")

    # CPU time: both run in this one thread, and a shared machine's wall clock swings more
    # than the ratio does.
    seconds = best(ours, runs, time.process_time)
    theirs = best(lambda: peers.flag_pydantic(rows, model), runs, time.process_time)
    return {"records_s": seconds, "pydantic_s": theirs, "speed_vs_pydantic": theirs / seconds}


def bench_assembly(count: int, runs: int) -> dict[str, float]:
    from orderkit.engine.assemble import assemble_orders
    from orderkit.files.table import table_from_records, with_defaults

    records = [
        {data.FIELD_OF[h]: v for h, v in row.items() if h in data.FIELD_OF}
        for row in data.rows(count)
    ]
    table = with_defaults(table_from_records(records), {"platform": "P"})
    # CPU time: a shared machine's wall clock is too noisy for a ratio near 1.
    python = best(lambda: assemble_orders(table, columnar=False), runs, time.process_time)
    polars = best(lambda: assemble_orders(table, columnar=True), runs, time.process_time)
    return {"row_by_row_cpu_s": python, "columnar_cpu_s": polars, "columnar_ratio": polars / python}


_STREAM = """
import json, resource, sys, time
import orderkit
start = time.perf_counter()
report = orderkit.validate_file(sys.argv[1], "standard", platform="P", keep_orders=False)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rows": report.counts.rows, "orders": report.counts.orders,
                  "problems": len(report.problems),
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_stream(path: Path, runs: int) -> dict[str, Any]:
    import pandas as pd

    read = best(lambda: pd.read_csv(path, engine="pyarrow", dtype=str), runs, time.perf_counter)
    done = subprocess.run(
        [sys.executable, "-c", _STREAM, str(path)], capture_output=True, text=True, check=True
    )
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    out["pandas_read_s"] = read
    out["ratio_to_read"] = out["seconds"] / read
    return out


def stream_agrees(path: Path, chunk_rows: int) -> bool:
    """Whether the file streamed in small batches gives the problems and counts of a whole
    read (``path`` small enough to read whole)."""
    whole = orderkit.validate_file(path, "standard", platform="P")
    streamed = orderkit.validate_file(
        path, "standard", platform="P", keep_orders=False, chunk_rows=chunk_rows
    )
    return streamed.problems == whole.problems and streamed.summary() == whole.summary()


def bench_xlsx(path: Path, runs: int) -> dict[str, float]:
    import python_calamine

    def raw() -> object:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)

    read = best(raw, runs, time.perf_counter)
    checked = best(
        lambda: orderkit.validate_file(path, "standard", platform="P"), runs, time.perf_counter
    )
    return {"calamine_s": read, "validate_s": checked, "ratio": checked / read}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    scattered = DATA / f"scattered-{args.rows}.csv"
    if not scattered.exists():
        write_scattered_csv(scattered, args.rows)
    xlsx = DATA / "orders-5000.xlsx"
    if not xlsx.exists():
        data.write_xlsx(xlsx, 5000)
    small = DATA / "scattered-100000.csv"
    if not small.exists():
        write_scattered_csv(small, 100_000)
    results = {
        "stream_equals_whole_read_100k_in_10k_batches": stream_agrees(small, 10_000),
        "records": bench_records(args.records, args.runs),
        "assembly": bench_assembly(args.records, args.runs),
        "stream_scattered": bench_stream(scattered, args.runs),
        "xlsx": bench_xlsx(xlsx, args.runs),
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""Time and peak memory of a large upload whose every group fails, and of its failure file.

The case from issue 11: a CSV of 1,000,000 rows and 5,000 orders (200 rows each), one bad
row in every group of 100 orders, so every row ends up in the failure file. Each phase runs
in this process, one after another; peak RSS is the process's high-water mark after it, so
read the figures as "peak so far".

    python benchmarks/failure_file.py [--rows 1000000] [--orders 5000] [--out DIR]
    python benchmarks/failure_file.py --out DIR --rewrite 1   # only: load upload 1, write

``--rewrite`` measures the failure file alone, in a fresh process: reading it back from the
store, then writing it, with the resident memory before the write and the peak after.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from pathlib import Path

import orderkit

HEADER = list(orderkit.standard_template().headers)


def write_csv(path: Path, rows: int, orders: int, group_size: int) -> None:
    """``orders`` orders of ``rows // orders`` rows; the first row of every group's first
    order has quantity 0, so every group fails."""
    per_order = rows // orders
    column = {name: n for n, name in enumerate(HEADER)}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for order in range(orders):
            for line in range(per_order):
                row = [""] * len(HEADER)
                row[column["주문번호"]] = f"2026-{order:07d}"
                row[column["SKU"]] = f"SKU-{line % 2000:04d}"
                bad = order % group_size == 0 and line == 0
                row[column["수량"]] = "0" if bad else str(1 + line % 5)
                if line == 0:
                    row[column["수취인명"]] = "김하늘"
                    row[column["전화번호"]] = "010-1234-5678"
                    row[column["우편번호"]] = "04524"
                    row[column["기본주소"]] = "서울특별시 중구 세종대로 110"
                writer.writerow(row)


def cpu() -> float:
    return time.process_time()


def peak_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mib() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def rewrite(db: Path, upload_id: int, out: Path) -> None:
    import json
    import sqlite3

    started, cpu_started = time.perf_counter(), cpu()
    with sqlite3.connect(db) as connection:
        (blob,) = connection.execute(
            "SELECT failure_file FROM uploads WHERE id = ?", (upload_id,)
        ).fetchone()
    failures = orderkit.FailureFile.from_dict(json.loads(blob))
    del blob
    load = (time.perf_counter() - started, cpu() - cpu_started)
    before = resident_mib()
    print(
        f"load {len(failures):,} rows from the store: {load[0]:.1f} s wall, {load[1]:.1f} s "
        f"CPU; resident {before:.0f} MiB, peak {peak_mib():.0f} MiB"
    )
    started, cpu_started = time.perf_counter(), cpu()
    failures.write(out)
    write = (time.perf_counter() - started, cpu() - cpu_started)
    print(
        f"write: {write[0]:.1f} s wall, {write[1]:.1f} s CPU; resident {resident_mib():.0f} "
        f"MiB, peak {peak_mib():.0f} MiB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=5_000)
    parser.add_argument("--group-size", type=int, default=100)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--rewrite", type=int, default=None, metavar="UPLOAD_ID")
    args = parser.parse_args(argv)
    if args.rewrite is not None:
        rewrite(args.out / "orders.db", args.rewrite, args.out / "rewritten.xlsx")
        return 0
    work = args.out or Path(tempfile.mkdtemp(prefix="orderkit-failure-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "orders.csv"
    if not source.exists():
        write_csv(source, args.rows, args.orders, args.group_size)
    db = work / "orders.db"
    db.unlink(missing_ok=True)
    print(f"source {source.stat().st_size / 2**20:.1f} MiB; start {peak_mib():.0f} MiB peak")

    # The machine is shared: CPU seconds say more than wall seconds; both are printed.
    started, cpu_started = time.perf_counter(), cpu()
    with orderkit.SqliteSink(db) as sink:
        result = orderkit.upload_file(
            source, "standard", sink, platform="bench", group_size=args.group_size
        )
    upload = (time.perf_counter() - started, cpu() - cpu_started)
    print(
        f"upload: {upload[0]:.1f} s wall, {upload[1]:.1f} s CPU; {result.failed:,} orders "
        f"failed, {len(result.failures):,} failure rows; peak {peak_mib():.0f} MiB"
    )

    started, cpu_started = time.perf_counter(), cpu()
    written = result.write_failure_file(work / "failures.xlsx")
    write = (time.perf_counter() - started, cpu() - cpu_started)
    size = written.stat().st_size / 2**20
    print(
        f"write failure file: {write[0]:.1f} s wall, {write[1]:.1f} s CPU, {size:.1f} MiB; "
        f"peak {peak_mib():.0f} MiB"
    )

    assert result.upload_id is not None
    started, cpu_started = time.perf_counter(), cpu()
    with orderkit.SqliteSink(db) as sink:
        sink.failure_file(result.upload_id, work / "again.xlsx")
    again = (time.perf_counter() - started, cpu() - cpu_started)
    print(
        f"regenerate from the store: {again[0]:.1f} s wall, {again[1]:.1f} s CPU; "
        f"peak {peak_mib():.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

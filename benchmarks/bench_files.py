"""validate_file on a 5,000-order xlsx next to python-calamine reading the same file.

python benchmarks/bench_files.py [--orders N] [--runs R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import python_calamine

import orderkit

HEADER = list(orderkit.standard_template().headers)


def write_orders(path: Path, orders: int, seed: int = 20261126) -> int:
    """A standard sheet of ``orders`` orders (1-3 lines each, ~2 % bad rows); returns rows."""
    rng = random.Random(seed)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("주문서")
    sheet.append(HEADER)
    rows = 0
    for number in range(orders):
        japan = rng.random() < 0.2
        for line in range(rng.choice((1, 1, 2, 3))):
            first = line == 0
            row = {
                "주문번호": f"2026-{number:06d}",
                "SKU": f"SKU-{rng.randrange(500):03d}",
                "수량": rng.randint(1, 5),
            }
            if first:
                row |= {
                    "수취인명": rng.choice(["김하늘", "이도윤", "박서연", "최민준"]),
                    "전화번호": f"010-{rng.randrange(10000):04d}-{rng.randrange(10000):04d}",
                    "우편번호": f"{rng.randint(1, 63):02d}{rng.randrange(1000):03d}",
                    "기본주소": "서울특별시 중구 세종대로 110",
                    "주문금액": f"{rng.randrange(1, 300) * 1000:,}",
                }
                if japan:
                    row |= {
                        "수취인명": "山田 太郎",
                        "전화번호": f"090-{rng.randrange(1000, 10000)}-{rng.randrange(10000):04d}",
                        "우편번호": f"{rng.randrange(1000):03d}-{rng.randrange(10000):04d}",
                        "기본주소": "東京都千代田区千代田1-1",
                        "상품URL": "https://shop.example.jp/items/1",
                        "국가코드": "JP",
                        "결제금액": "4,500",
                    }
            if rng.random() < 0.02:
                row["수량"] = 0
            sheet.append([row.get(h) for h in HEADER])
            rows += 1
    workbook.save(path)
    return rows


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def calamine_read(path: Path) -> int:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    return len(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.xlsx"
        rows = write_orders(path, args.orders)
        report = orderkit.validate_file(path, "standard", platform="P")  # warm caches
        read = median_seconds(lambda: calamine_read(path), args.runs)
        validate = median_seconds(
            lambda: orderkit.validate_file(path, "standard", platform="P"), args.runs
        )
        databases = iter(range(args.runs))

        def upload() -> object:
            # A fresh database each run: every clean group is really written.
            with orderkit.SqliteSink(Path(folder) / f"run-{next(databases)}.db") as sink:
                return orderkit.upload_file(path, "standard", sink, platform="P")

        uploaded = median_seconds(upload, args.runs)
    print(f"{args.orders:,} orders, {rows:,} rows, {len(report.errors)} errors")
    print(f"python-calamine read: {read * 1000:7.1f} ms")
    print(f"validate_file:        {validate * 1000:7.1f} ms ({validate / read:.2f}x the read)")
    print(
        f"upload_file (SQLite): {uploaded * 1000:7.1f} ms ({uploaded / read:.2f}x the read, "
        f"{uploaded / validate:.2f}x validate_file)"
    )


if __name__ == "__main__":
    main()

"""The rules' two backends side by side: per value in Python, over columns in polars.

    python benchmarks/rule_backends.py [--sizes 1,10,100,1000,10000,100000,1000000]
    python benchmarks/rule_backends.py --sheet 5000,1000000

Order-level columns (random valid values, about 2 % bad in one known way each) and SKU lines
are checked by ``check_orders``/``check_lines`` on Python lists and by
``check_orders_frame``/``check_lines_frame`` on polars, both from the lists (building the
frame counted) and on a ready frame; ``check_orders`` picks one by size. Prints medians in
ms, the ratios, the per-call cost of the polars path and where it overtakes Python, and
checks both gave the same flaws.

``--sheet`` measures instead what the streamed CSV path runs: ``check_orders_frame`` and
``check_lines_frame`` on a ready frame of the standard sheet's rows (``data.write_csv``,
read by polars as text), in wall and CPU time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

_NAMES = ["김하늘", "이도윤", "박서연", "최민준", "정우진", "강지우", "조서준", "윤하은"]
_FIELDS = (
    "platform", "order_number", "recipient_name", "phone", "postal_code", "address",
    "address_detail", "order_amount", "country", "product_url", "paid_amount",
)  # fmt: skip


def order_columns(count: int, seed: int = 15) -> dict[str, list[str]]:
    """``count`` orders, one text per field; about 2 % carry one mistake each."""
    rng = random.Random(seed)
    columns: dict[str, list[str]] = {field: [] for field in _FIELDS}
    for n in range(count):
        japan = rng.random() < 0.1
        row = {
            "platform": "네이버",
            "order_number": str(100000000 + n),
            "recipient_name": rng.choice(_NAMES),
            "phone": f"0{rng.choice('89')}0-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
            if japan
            else f"010-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}",
            "postal_code": f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"
            if japan
            else f"{rng.randint(1, 63):02d}{rng.randint(0, 999):03d}",
            "address": f"서울시 강남구 테헤란로 {rng.randint(1, 500)}",
            "address_detail": f"{rng.randint(1, 30)}층",
            "order_amount": f"{rng.randint(1, 500) * 100:,}",
            "country": "JP" if japan else "",
            "product_url": f"https://www.rakuten.co.jp/item/{n}" if japan else "",
            "paid_amount": str(rng.randint(100, 90000)) if japan else "",
        }
        if rng.random() < 0.02:
            kind = rng.choice(["name", "phone", "postal", "country", "url", "amount"])
            if kind == "name":
                row["recipient_name"] = "가" * 21
            elif kind == "phone":
                row["phone"] = "010-1234-5678-999"
            elif kind == "postal":
                row["postal_code"] = "99999"
            elif kind == "country":
                row["country"] = "Japan"
            elif kind == "url":
                row["product_url"] = "www.example.com"
            else:
                row["order_amount"] = "1,00"
        for field, value in row.items():
            columns[field].append(value)
    return columns


def line_columns(count: int, seed: int = 16) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    skus = [f"SKU-{rng.randint(1, 5000):05d}" for _ in range(count)]
    quantities = [
        str(rng.randint(1, 5)) if rng.random() >= 0.02 else rng.choice(["0", "1.5", "x"])
        for _ in range(count)
    ]
    return skus, quantities


def median_ms(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def polars_import_ms() -> float:
    code = "import time; t = time.perf_counter(); import polars; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
        for _ in range(3)
    ]
    return statistics.median(runs) * 1000


def measure(size: int) -> str:
    """One table row: every way of checking ``size`` orders (and lines), in ms."""
    import polars as pl

    from orderkit.rules.order_rules import check_lines, check_orders, check_orders_per_value
    from orderkit.rules.phones import phone_plausible
    from orderkit.rules.polars_backend import check_lines_frame, check_orders_frame

    columns = order_columns(size)
    skus, quantities = line_columns(size)
    repeat = 5 if size <= 10_000 else (3 if size <= 100_000 else 1)
    numeric: dict[str, set[int]] = {"phone": set()}
    frame = pl.DataFrame(columns)
    expected = check_orders_per_value(columns, numeric, size)
    assert expected.flaws == check_orders_frame(frame, numeric).flaws, "the backends disagree"

    def cold(check: Callable[[], Any]) -> float:
        # Each run starts cold: phonenumbers' answers are cached per distinct number.
        return median_ms(lambda: (phone_plausible.cache_clear(), check()), repeat)

    python = cold(lambda: check_orders_per_value(columns, numeric, size))
    from_lists = cold(lambda: check_orders_frame(pl.DataFrame(columns), numeric))
    ready = cold(lambda: check_orders_frame(frame, numeric))
    dispatched = cold(lambda: check_orders(columns, numeric, size))
    lines_python = median_ms(lambda: check_lines(skus, quantities), repeat)
    lines_polars = median_ms(
        lambda: check_lines_frame(pl.Series(skus), pl.Series(quantities)), repeat
    )
    return (
        f"| {size:,} | {python:.2f} | {from_lists:.2f} | {ready:.2f} "
        f"| {python / from_lists:.2f}× | {dispatched:.2f} | {lines_python:.2f} "
        f"| {lines_polars:.2f} |"
    )


def sheet_frame(count: int) -> Any:
    """``count`` rows of the standard sheet as the streamed CSV path holds them: one text
    column per canonical field, stripped, empty for a blank cell, and the platform."""
    import tempfile
    from pathlib import Path

    import data
    import polars as pl

    import orderkit

    template = orderkit.standard_template()
    field_of = {spec.headers[0]: field for field, spec in template.fields.items()}
    with tempfile.TemporaryDirectory() as folder:
        path = data.write_csv(Path(folder) / "orders.csv", count, "utf-8")
        frame = pl.read_csv(path, infer_schema=False)
    frame = frame.rename({h: field_of[h] for h in frame.columns if h in field_of})
    return frame.with_columns(pl.all().str.strip_chars().fill_null("")).with_columns(
        platform=pl.lit("수기주문서")
    )


def measure_sheet(count: int) -> str:
    """One table row: the polars backend on a ready frame of ``count`` sheet rows."""
    from orderkit.model.fields import ORDER_FIELDS
    from orderkit.rules.phones import phone_plausible
    from orderkit.rules.polars_backend import check_lines_frame, check_orders_frame

    frame = sheet_frame(count)
    orders = frame.select(c for c in frame.columns if c in ORDER_FIELDS)
    repeat = 15 if count <= 10_000 else 5

    def timed(check: Callable[[], Any]) -> tuple[float, float]:
        walls, cpus = [], []
        check()  # warm: regexes compiled, metadata loaded
        for _ in range(repeat):
            phone_plausible.cache_clear()  # each run asks phonenumbers afresh
            wall, cpu = time.perf_counter(), time.process_time()
            check()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        return statistics.median(walls) * 1000, statistics.median(cpus) * 1000

    order_wall, order_cpu = timed(lambda: check_orders_frame(orders, {}))
    line_wall, line_cpu = timed(lambda: check_lines_frame(frame["sku"], frame["quantity"]))
    return f"| {count:,} | {order_wall:.1f} | {order_cpu:.1f} | {line_wall:.1f} | {line_cpu:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000,3000,10000,100000,1000000")
    parser.add_argument("--sheet", help="sizes of standard-sheet frames to measure instead")
    arguments = parser.parse_args()
    if arguments.sheet:
        print("| rows | orders: wall ms | orders: CPU ms | lines: wall ms | lines: CPU ms |")
        print("|---:|---:|---:|---:|---:|")
        for count in (int(s) for s in arguments.sheet.split(",")):
            print(measure_sheet(count), flush=True)
        return
    sizes = [int(s) for s in arguments.sizes.split(",")]
    print(f"polars import: {polars_import_ms():.0f} ms (fresh process, median of 3)\n")
    print(
        "| orders | python | polars from lists | polars, ready frame | ratio (lists) "
        "| check_orders | lines: python | lines: polars from lists |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        print(measure(size), flush=True)


if __name__ == "__main__":
    main()

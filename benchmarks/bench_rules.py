"""Rule checking on in-memory orders: rows per second, and the ratio to a text-only baseline.

python benchmarks/bench_rules.py [--orders N] [--runs R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import orderkit
from orderkit.text import normalize_text


def make_orders(count: int, seed: int = 20261126) -> list[dict[str, Any]]:
    """Deterministic orders, about 2 % of them bad."""
    rng = random.Random(seed)
    orders = []
    for index in range(count):
        japan = rng.random() < 0.2
        data: dict[str, Any] = {
            "platform": "네이버",
            "order_number": f"2026{index:08d}",
            "recipient_name": rng.choice(["김하늘", "이도윤", "박서연", "山田 太郎"]),
            "phone": f"010-{rng.randrange(10000):04d}-{rng.randrange(10000):04d}",
            "postal_code": f"{rng.randint(1, 63):02d}{rng.randrange(1000):03d}",
            "address": "서울특별시 중구 세종대로 110",
            "order_amount": f"{rng.randrange(1, 500) * 1000:,}",
            "lines": [{"sku": f"SKU-{rng.randrange(500)}", "quantity": str(rng.randint(1, 5))}],
        }
        if japan:
            data |= {
                "country": "JP",
                "phone": f"090-{rng.randrange(1000, 10000)}-{rng.randrange(10000):04d}",
                "postal_code": f"{rng.randrange(1000):03d}-{rng.randrange(10000):04d}",
                "product_url": "https://shop.example.jp/item/1",
                "paid_amount": "1,000",
            }
        if rng.random() < 0.02:
            data["recipient_name"] = "가" * 21
        orders.append(data)
    return orders


def baseline(orders: list[dict[str, Any]]) -> int:
    """Only what any validator must do: read every value as normalised text."""
    seen = 0
    for data in orders:
        for value in data.values():
            if isinstance(value, str):
                seen += len(normalize_text(value))
    return seen


def check(orders: list[dict[str, Any]]) -> int:
    return sum(bool(orderkit.validate_order(data)) for data in orders)


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    orders = make_orders(args.orders)
    flagged = check(orders)  # also warms the phone cache, as a long-running service has it
    base = median_seconds(lambda: baseline(orders), args.runs)
    rules = median_seconds(lambda: check(orders), args.runs)
    print(f"orders: {len(orders):,}, flagged: {flagged:,}")
    print(f"baseline (text only): {len(orders) / base:,.0f} orders/s")
    print(f"validate_order:       {len(orders) / rules:,.0f} orders/s ({rules / base:.1f}x)")


if __name__ == "__main__":
    main()

"""Validate the orders in a JSON file, one by one, and print every problem in Korean.

python examples/validate_orders.py examples/orders.json [--locale en]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import orderkit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--locale", default="ko", choices=["ko", "en"])
    args = parser.parse_args()
    orders = json.loads(args.path.read_text(encoding="utf-8"))
    failed = 0
    for number, data in enumerate(orders, start=1):
        problems = orderkit.validate_order(data, locale=args.locale)
        errors = [p for p in problems if p.is_error]
        failed += bool(errors)
        title = data.get("order_number", "?")
        verdict = "등록 가능" if not errors else f"오류 {len(errors)}개"
        print(f"주문 {number} ({title}): {verdict}")
        for problem in problems:
            where = f"SKU {problem.line + 1}번째 줄 " if problem.line is not None else ""
            print(f"  - {where}[{problem.code}] {problem.message}")
    print(f"\n{len(orders)}건 중 {len(orders) - failed}건 등록 가능, {failed}건 오류")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

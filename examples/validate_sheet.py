"""Validate an order sheet with a template and print every problem in Korean.

python examples/validate_sheet.py examples/standard-orders.xlsx --template standard
"""

from __future__ import annotations

import argparse
from pathlib import Path

import orderkit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--template", default="standard")
    parser.add_argument("--platform", default="수기주문서")
    parser.add_argument("--locale", default="ko", choices=["ko", "en"])
    args = parser.parse_args()
    try:
        report = orderkit.validate_file(
            args.path, args.template, platform=args.platform, locale=args.locale
        )
    except orderkit.TemplateMismatch as mismatch:
        print(mismatch.localized(args.locale))
        return 1
    except orderkit.OrderkitError as error:
        print(error.localized(args.locale))
        return 2
    counts = report.summary()
    print(
        f"{args.path.name}: {counts['rows']}행, 주문 {counts['orders']}건 "
        f"(등록 가능 {counts['valid_orders']}건, 오류 {counts['invalid_orders']}건), "
        f"오류 {counts['errors']}개, 경고 {counts['warnings']}개"
    )
    for problem in report.problems:
        kind = "오류" if problem.is_error else "경고"
        print(f"  {problem.row}행 [{problem.column}] {kind} {problem.code}: {problem.message}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

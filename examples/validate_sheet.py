"""Validate an order sheet with a template and print every problem, errors first, in Korean
(or in English with --locale en).

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
    korean = args.locale == "ko"
    summary = (
        "{name}: {rows}행, 주문 {orders}건 (등록 가능 {valid_orders}건, 오류 {invalid_orders}건), "
        "오류 {errors}개, 경고 {warnings}개"
        if korean
        else "{name}: {rows} rows, {orders} orders ({valid_orders} valid, {invalid_orders} with "
        "errors), {errors} errors, {warnings} warnings"
    )
    print(summary.format(name=args.path.name, **counts))
    for problem in (*report.errors, *report.warnings):
        if korean:
            kind = "오류" if problem.is_error else "경고"
            where = f"{problem.row}행"
        else:
            kind = "error" if problem.is_error else "warning"
            where = f"row {problem.row}"
        print(f"  {where} [{problem.column}] {kind} {problem.code}: {problem.message}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""How a service takes in an uploaded order file: validate, commit, hand back the failures.

    python examples/service.py examples/standard-orders.xlsx --db orders.db --out failures/

A web handler would call ``handle_upload`` with the uploaded file's path and return the dict
as JSON; the seller downloads the failure file, fixes it and uploads it again.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import orderkit


def handle_upload(
    path: Path, *, db: Path, failures_dir: Path, platform: str, template: str = "standard"
) -> dict[str, Any]:
    """Upload one seller file and answer as an HTTP handler would (status + body)."""
    try:
        with orderkit.SqliteSink(db) as sink:
            result = orderkit.upload_file(path, sink, template=template, platform=platform)
    except orderkit.TemplateMismatch as mismatch:
        # The seller's layout changed: nothing was read; tell them which columns are missing.
        return {
            "status": 422,
            "error": mismatch.localized("ko"),
            "missing_columns": [p.value for p in mismatch.problems],
        }
    except orderkit.OrderkitError as error:  # unreadable file, bad template, store down
        return {"status": 400, "error": error.localized("ko")}

    body: dict[str, Any] = {"status": 200 if result.ok else 207, **result.summary()}
    if len(result.failures):
        failures_dir.mkdir(parents=True, exist_ok=True)
        failure_path = failures_dir / f"{path.stem}-upload-{result.upload_id}-failures.xlsx"
        body["failure_file"] = str(result.write_failure_file(failure_path))
        body["problems"] = [
            {"row": p.row, "column": p.column, "code": p.code, "message": p.message}
            for p in result.problems
            if p.is_error and p.code != "group_failed"
        ]
    return body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--db", type=Path, default=Path("orders.db"))
    parser.add_argument("--out", type=Path, default=Path("failures"))
    parser.add_argument("--platform", default="수기주문서")
    args = parser.parse_args()
    answer = handle_upload(args.path, db=args.db, failures_dir=args.out, platform=args.platform)
    print(json.dumps(answer, ensure_ascii=False, indent=2))
    return 0 if answer["status"] in (200, 207) else 1


if __name__ == "__main__":
    raise SystemExit(main())

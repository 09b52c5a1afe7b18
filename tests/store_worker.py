"""A separate process working on a store (SQLite or PostgreSQL), for the conformance suite.

    python -m tests.store_worker upload KIND TARGET SCHEMA FILE --group-size N [--go PATH]
    python -m tests.store_worker cancel KIND TARGET SCHEMA PLATFORM NUMBER [--go PATH]
    python -m tests.store_worker block KIND TARGET SCHEMA FILE --group-size N --ready PATH

``--go PATH`` waits until PATH exists, so that many workers start at the same moment.
``block`` stops for good inside the second group's transaction, once its rows are written,
and touches ``--ready`` so that the test can kill it there. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import orderkit


def open_store(kind: str, target: str, schema: str, *, block_ready: Path | None = None) -> Any:
    base: type[Any] = orderkit.PostgresSink if kind == "postgres" else orderkit.SqliteSink
    options = {"schema": schema} if kind == "postgres" else {}
    if block_ready is None:
        return base(target, **options)

    class Blocking(base):  # type: ignore[misc, valid-type]
        groups = 0

        def _group_written(self, *args: Any) -> None:
            Blocking.groups += 1
            if Blocking.groups == 2:
                assert block_ready is not None
                block_ready.touch()
                while True:
                    time.sleep(1)

    return Blocking(target, **options)


def wait_for(go: Path | None) -> None:
    while go is not None and not go.exists():
        time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["upload", "cancel", "block"])
    parser.add_argument("kind", choices=["sqlite", "postgres"])
    parser.add_argument("target")
    parser.add_argument("schema")
    parser.add_argument("rest", nargs="*")
    parser.add_argument("--group-size", type=int, default=100)
    parser.add_argument("--go", type=Path)
    parser.add_argument("--ready", type=Path)
    args = parser.parse_args()
    ready = args.ready if args.command == "block" else None
    with open_store(args.kind, args.target, args.schema, block_ready=ready) as store:
        if args.command == "cancel":
            platform, number = args.rest
            wait_for(args.go)
            try:
                store.cancel(platform, number, actor=f"pid-{id(store)}")
                print(json.dumps({"cancelled": True}))
            except orderkit.AlreadyCancelled:
                print(json.dumps({"cancelled": False}))
            return
        (file,) = args.rest
        wait_for(args.go)
        result = orderkit.upload_file(
            file, store, template="standard", platform="수기",
            group_size=args.group_size, small_limit=0,
        )  # fmt: skip
        groups = [
            {"orders": g.orders, "status": g.status.value, "registered": g.registered,
             "skipped": g.skipped}
            for g in result.groups
        ]  # fmt: skip
        codes = sorted({p.code.value for p in result.problems if p.is_error})
        print(json.dumps({"committed": result.committed, "skipped": result.skipped,
                          "groups": groups, "errors": codes}))  # fmt: skip


if __name__ == "__main__":
    main()

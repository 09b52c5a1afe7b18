"""A separate process that uploads a file into a SQLite store, for the fault tests.

    python -m tests.upload_worker FILE DB [--block-after N --ready PATH]

With ``--block-after N`` it stops for good after inserting N orders (inside a group's
transaction) and touches ``PATH``, so that the test can kill it there.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from pathlib import Path

import orderkit
from orderkit.model.values import Order


class BlockingSink(orderkit.SqliteSink):
    def __init__(self, path: str, block_after: int, ready: Path) -> None:
        super().__init__(path)
        self.inserted = 0
        self.block_after = block_after
        self.ready = ready

    def _insert(
        self,
        db: sqlite3.Connection,
        order: Order,
        content: str,
        at: str,
        upload_id: int | None,
        group: int | None,
    ) -> None:
        super()._insert(db, order, content, at, upload_id, group)
        self.inserted += 1
        if self.inserted == self.block_after:
            self.ready.touch()
            while True:
                time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("db")
    parser.add_argument("--block-after", type=int)
    parser.add_argument("--ready", type=Path)
    parser.add_argument("--group-size", type=int, default=2)
    args = parser.parse_args()
    if args.block_after:
        sink: orderkit.SqliteSink = BlockingSink(args.db, args.block_after, args.ready)
    else:
        sink = orderkit.SqliteSink(args.db)
    result = orderkit.upload_file(
        args.file,
        sink,
        template="standard",
        platform="수기",
        group_size=args.group_size,
        small_limit=0,
    )
    print(json.dumps({"committed": result.committed, "skipped": result.skipped}))


if __name__ == "__main__":
    main()

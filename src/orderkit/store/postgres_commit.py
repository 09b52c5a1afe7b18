"""One group into PostgreSQL: set-based inserts in sorted key order.

The group's orders go in with ``INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING
RETURNING``, their lines and events in the same statement (data-modifying CTEs): one round
trip per group, every array a binary parameter (``%b``). Keys are inserted in sorted order,
so two workers inserting overlapping groups take their row locks in the same order and never
deadlock: the second waits for the first, then finds its rows and compares their content.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from orderkit.model.values import Order
from orderkit.store.postgres_schema import from_pg_text, pg_text
from orderkit.store.sink import CommitResult, Key
from orderkit.store.storage import order_content

if TYPE_CHECKING:
    import psycopg

__all__ = ["FIND_ORDERS", "write_group"]

# One round trip writes a group: its new orders (in sorted key order), their lines and their
# events; rows that were already there come back missing from the result.
INSERT_GROUP = """
WITH new AS (
    INSERT INTO {s}.orders (platform, order_number, content, status, registered_at,
                           upload_id, group_index, group_position)
    SELECT k.platform, k.order_number, k.content, 'registered', %(at)s, %(upload)s,
           %(group)s, k.position
    FROM unnest(%(platforms)b::text[], %(numbers)b::text[], %(contents)b::text[],
                %(positions)b::int[])
        WITH ORDINALITY AS k(platform, order_number, content, position, n)
    ORDER BY k.n
    ON CONFLICT (platform, order_number) DO NOTHING
    RETURNING id, platform, order_number
), new_lines AS (
    INSERT INTO {s}.lines (order_id, position, sku, quantity)
    SELECT new.id, l.position, l.sku, l.quantity
    FROM unnest(%(line_platforms)b::text[], %(line_numbers)b::text[],
                %(line_positions)b::int[], %(skus)b::text[], %(quantities)b::int[])
        AS l(platform, order_number, position, sku, quantity)
    JOIN new ON new.platform = l.platform AND new.order_number = l.order_number
), new_events AS (
    INSERT INTO {s}.events (order_id, kind, at, upload_id, group_index)
    SELECT id, 'registered', %(at)s, %(upload)s, %(group)s FROM new
)
SELECT platform, order_number FROM new
"""
FIND_ORDERS = """
SELECT o.platform, o.order_number, o.content, o.cancelled_at
FROM unnest(%(platforms)b::text[], %(numbers)b::text[]) AS k(platform, order_number)
JOIN {s}.orders o ON o.platform = k.platform AND o.order_number = k.order_number
"""


def write_group(
    conn: psycopg.Connection[Any], s: str, upload_id: int, group: int, orders: Sequence[Order]
) -> CommitResult:
    """Write one group inside the caller's transaction (``s``: the quoted schema). A result
    with duplicates means the caller must roll the transaction back."""
    # Python's order, not the database collation's: it only has to be the same everywhere.
    ordered = sorted(orders, key=lambda o: o.key)
    position = {o.key: n for n, o in enumerate(orders)}
    contents = {o.key: order_content(o) for o in ordered}
    lines = [(o, n, line) for o in ordered for n, line in enumerate(o.lines)]
    rows = conn.execute(
        INSERT_GROUP.format(s=s),
        {
            "at": datetime.now(UTC),
            "upload": upload_id,
            "group": group,
            "platforms": [pg_text(o.platform) for o in ordered],
            "numbers": [pg_text(o.order_number) for o in ordered],
            "contents": [contents[o.key] for o in ordered],
            "positions": [position[o.key] for o in ordered],
            "line_platforms": [pg_text(o.platform) for o, _, _ in lines],
            "line_numbers": [pg_text(o.order_number) for o, _, _ in lines],
            "line_positions": [n for _, n, _ in lines],
            "skus": [pg_text(line.sku) for _, _, line in lines],
            "quantities": [line.quantity for _, _, line in lines],
        },
    ).fetchall()
    inserted = {(from_pg_text(p), from_pg_text(n)) for p, n in rows}
    skipped: list[Key] = []
    duplicates: list[Key] = []
    cancelled: dict[Key, datetime] = {}
    rest = [o.key for o in ordered if o.key not in inserted]
    if rest:
        found = conn.execute(
            FIND_ORDERS.format(s=s),
            {"platforms": [pg_text(k[0]) for k in rest],
             "numbers": [pg_text(k[1]) for k in rest]},
        ).fetchall()  # fmt: skip
        for platform, number, content, cancelled_at in found:
            key = (from_pg_text(platform), from_pg_text(number))
            if content != contents[key]:
                duplicates.append(key)
            elif cancelled_at is not None:
                cancelled[key] = cancelled_at.astimezone(UTC)
            else:
                skipped.append(key)
    given = [o.key for o in orders]
    kept = tuple(k for k in given if k in set(skipped))
    was_cancelled = tuple((k, cancelled[k]) for k in given if k in cancelled)
    if duplicates:
        clashes = tuple(k for k in given if k in set(duplicates))
        return CommitResult((), kept, clashes, was_cancelled)
    registered = tuple(k for k in given if k in inserted)
    return CommitResult(registered, kept, (), was_cancelled)

"""Rows of the PostgreSQL store turned into orderkit's values, and values into parameters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from orderkit.model.accounts import SellerAccount
from orderkit.model.values import Order
from orderkit.store.postgres_schema import from_pg_text, pg_text
from orderkit.store.sink import Event, EventKind
from orderkit.store.storage import UploadRecord, order_from_content

__all__ = [
    "account_from_row",
    "event_from_row",
    "now",
    "optional_text",
    "order_from_row",
    "upload_from_row",
]


def now() -> datetime:
    """The time now, in UTC (what the store writes)."""
    return datetime.now(UTC)


def optional_text(text: str | None) -> str | None:
    """Text as the server stores it (``pg_text``), or ``None`` for a missing value."""
    return None if text is None else pg_text(text)


def order_from_row(row: Sequence[Any]) -> Order:
    """The order of a ``content, status, cancelled_at`` row."""
    content, status, cancelled_at = row
    when = cancelled_at.astimezone(UTC).isoformat() if cancelled_at is not None else None
    return order_from_content(content, status, when)


def account_from_row(platform: str, name: str, brand: str) -> SellerAccount:
    """The seller account of an ``accounts`` row's platform, name and brand."""
    return SellerAccount(from_pg_text(platform), from_pg_text(name), from_pg_text(brand))


def upload_from_row(row: Sequence[Any]) -> UploadRecord:
    """The record of an upload row joined with its account (``None`` columns without one)."""
    id_, source, started, finished, orders, rows_, committed, failed, *rest = row
    platform, name, brand, version = rest
    account = account_from_row(platform, name, brand) if platform is not None else None
    return UploadRecord(
        int(id_),
        from_pg_text(source),
        started.astimezone(UTC),
        finished.astimezone(UTC) if finished else None,
        orders,
        rows_,
        committed,
        failed,
        account,
        version,
    )


def event_from_row(row: Sequence[Any]) -> Event:
    """The event of an ``events`` row: kind, time, actor, reason, upload and group."""
    kind, at, actor, reason, upload, group = row
    return Event(
        EventKind(kind),
        at.astimezone(UTC),
        None if actor is None else from_pg_text(actor),
        None if reason is None else from_pg_text(reason),
        upload,
        group,
    )

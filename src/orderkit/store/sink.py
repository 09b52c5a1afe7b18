"""The sink protocol: where clean groups of orders are committed, one transaction each.

A sink commits a group atomically and says which orders were new, which were already
registered with identical content (skipped: re-uploading is idempotent) and which clash
with a registered order of the same ``(platform, order_number)`` (duplicates). A group with
any duplicate is not committed at all.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

import attrs

from orderkit.files.failures import FailureFile
from orderkit.model.values import Order

__all__ = ["CommitResult", "Event", "EventKind", "Sink"]

Key = tuple[str, str]


@attrs.frozen
class CommitResult:
    """What one group's commit did, by ``(platform, order_number)``."""

    registered: tuple[Key, ...] = ()
    skipped: tuple[Key, ...] = ()
    """Already registered with identical content: nothing changed."""
    duplicates: tuple[Key, ...] = ()
    """Registered with other content: the group was not committed."""
    cancelled: tuple[tuple[Key, datetime], ...] = ()
    """Identical to an order that was cancelled (at that time): it stays cancelled."""

    @property
    def ok(self) -> bool:
        """True when the group was committed (nothing clashed)."""
        return not self.duplicates


class EventKind(enum.StrEnum):
    REGISTERED = "registered"
    CANCELLED = "cancelled"


@attrs.frozen
class Event:
    """One entry of an order's history."""

    kind: EventKind
    at: datetime
    actor: str | None = None
    reason: str | None = None
    upload_id: int | None = None
    group: int | None = None


@runtime_checkable
class Sink(Protocol):
    """Where uploads go: the three calls an upload makes. A sink of one's own may implement
    just these; :class:`orderkit.Store` (what :class:`orderkit.SqliteSink` and
    :class:`orderkit.PostgresSink` implement) adds reading, cancelling and accounts."""

    def start_upload(self, source: str, *, orders: int, rows: int) -> int:
        """Record that an upload begins; return its id."""
        ...

    def commit(self, upload_id: int, group: int, orders: Sequence[Order]) -> CommitResult:
        """Commit one group in one transaction, or nothing of it.

        Raises whatever the storage raises; the engine then fails the group with that reason.
        """
        ...

    def finish_upload(
        self, upload_id: int, failures: FailureFile, *, committed: int, failed: int
    ) -> None:
        """Record how the upload ended and keep its failure file for later."""
        ...

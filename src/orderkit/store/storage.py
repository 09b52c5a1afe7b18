"""The store protocol, what every store keeps, and :func:`open_store`.

A *sink* (:class:`orderkit.Sink`) only takes uploads. A *store* is a sink that also keeps
what it took: orders and their history, cancellations, uploads with their failure files,
seller accounts and their template versions. :class:`orderkit.SqliteSink` (embedded, one
file) and :class:`orderkit.PostgresSink` (a server many workers share) are the two stores;
both pass one conformance suite, so code written against :class:`Store` runs on either.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, runtime_checkable

import attrs

from orderkit.files.failures import FailureFile
from orderkit.model.accounts import SellerAccount
from orderkit.model.errors import AlreadyCancelled, InvalidArgument
from orderkit.model.values import Order
from orderkit.store.accounts import TemplateVersion
from orderkit.store.sink import CommitResult, Event, Key
from orderkit.templates.template import Template

__all__ = ["Store", "UploadRecord", "already_cancelled", "open_store"]


@attrs.frozen
class UploadRecord:
    """One upload as a store remembers it. ``finished_at`` is ``None`` while it runs, or
    when the worker running it died (its committed groups stay committed)."""

    id: int
    source: str
    started_at: datetime
    finished_at: datetime | None
    orders: int
    rows: int
    committed: int | None
    failed: int | None
    account: SellerAccount | None = None
    template_version: int | None = None


@runtime_checkable
class Store(Protocol):
    """What a store does. Each group commits in one transaction, whole or not at all;
    ``(platform, order_number)`` is registered at most once; a cancel is recorded once.

    Every failure of the storage itself (unreachable, locked, full, read-only, a connection
    lost) is raised as :class:`orderkit.StoreError`, never as the driver's own exception.
    """

    # the sink part: what an upload calls

    def start_upload(
        self,
        source: str,
        *,
        orders: int,
        rows: int,
        template_version: TemplateVersion | None = None,
    ) -> int:
        """Record that an upload begins (mapped with ``template_version``, if by account)."""
        ...

    def commit(self, upload_id: int, group: int, orders: Sequence[Order]) -> CommitResult:
        """Commit one group in one transaction: new orders are registered; orders already
        registered with identical content are skipped (``cancelled`` when that order was
        cancelled); if any order clashes with other content, nothing is committed."""
        ...

    def finish_upload(
        self, upload_id: int, failures: FailureFile, *, committed: int, failed: int
    ) -> None:
        """Record how the upload ended and keep its failure file."""
        ...

    # orders

    def existing(self, keys: Sequence[Key]) -> set[Key]:
        """Which of these ``(platform, order_number)`` keys are stored (cancelled too)."""
        ...

    def get(self, platform: str, order_number: str) -> Order | None: ...

    def count(self) -> int:
        """How many orders are stored, cancelled ones included."""
        ...

    def orders(self) -> list[Order]:
        """Every stored order, in the order they were registered."""
        ...

    def cancel(
        self,
        platform: str,
        order_number: str,
        *,
        reason: str | None = None,
        actor: str | None = None,
        at: datetime | None = None,
    ) -> Order:
        """Force-cancel a registered order, once. Raises OrderNotFound, AlreadyCancelled."""
        ...

    def history(self, platform: str, order_number: str) -> list[Event]: ...

    # uploads

    def uploads(self) -> list[UploadRecord]:
        """Every upload, oldest first."""
        ...

    def upload_failures(self, upload_id: int) -> FailureFile:
        """The failure rows an upload handed back. Raises UploadNotFound."""
        ...

    def failure_file(self, upload_id: int, path: str | Path) -> Path:
        """Write an upload's failure file again, as it was handed back then."""
        ...

    def upload_template(self, upload_id: int) -> tuple[SellerAccount, int] | None:
        """The account and template version an upload was mapped with, if by account."""
        ...

    # seller accounts and template versions

    def register_account(
        self, platform: str, name: str, *, brand: str | None = None
    ) -> SellerAccount: ...

    def accounts(self) -> list[SellerAccount]: ...

    def account(
        self, name: str, *, platform: str | None = None, brand: str | None = None
    ) -> SellerAccount: ...

    def match_template(
        self,
        account: SellerAccount,
        template: Template | Mapping[str, Any] | str | Path,
        *,
        sample: str | Path | None = None,
        actor: str | None = None,
    ) -> TemplateVersion: ...

    def template_history(self, account: SellerAccount) -> list[TemplateVersion]: ...

    def active_template(self, account: SellerAccount) -> TemplateVersion: ...

    # lifecycle

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


_POSTGRES_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)
_SQLITE_URL = "sqlite:///"


def open_store(target: str | Path, **options: Any) -> Store:
    """Open the store ``target`` names.

    - ``postgresql://…`` (or ``postgres://…``): a :class:`orderkit.PostgresSink`; needs the
      ``orderkit[postgres]`` extra. ``options`` go to it (``schema=``).
    - ``sqlite:///relative.db``, ``sqlite:////absolute.db`` or a plain path: a
      :class:`orderkit.SqliteSink` (created on first use). ``options`` go to it
      (``timeout=``).

    Raises:
        InvalidArgument: another URL scheme.
        StoreError: the store cannot be opened.
    """
    if isinstance(target, str) and _POSTGRES_URL.match(target):
        from orderkit.store.postgres import PostgresSink

        return PostgresSink(target, **options)
    if isinstance(target, str) and target.startswith(_SQLITE_URL):
        target = target[len(_SQLITE_URL) :]
    elif isinstance(target, str) and re.match(r"^[a-z][a-z0-9+.-]+://", target, re.IGNORECASE):
        scheme = target.split("://", 1)[0]
        raise InvalidArgument(
            f"orderkit cannot open a store of kind {scheme!r}: give a file path, "
            "sqlite:///path or postgresql://…",
            ko=f"{scheme!r} 형식의 저장소는 열 수 없습니다. 파일 경로, sqlite:///경로 또는 "
            "postgresql://… 를 주세요.",
        )
    from orderkit.store.sqlite import SqliteSink

    return SqliteSink(target, **options)


# What both stores keep of an order, in one canonical text.


def order_content(order: Order) -> str:
    """An order's content, canonical: what "identical" means on re-upload. JSON escapes
    every control character (NUL too), so the text is safe in any text column."""
    data = order.to_dict()
    del data["status"], data["cancelled_at"]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def order_from_content(content: str, status: str, cancelled_at: str | None) -> Order:
    """The order a stored content, status and cancel time (ISO text) stand for."""
    data: dict[str, Any] = json.loads(content)
    data["status"] = status
    data["cancelled_at"] = cancelled_at
    return Order.from_dict(data)


def already_cancelled(platform: str, order_number: str) -> AlreadyCancelled:
    return AlreadyCancelled(
        f"order {order_number!r} of {platform!r} is already cancelled; nothing changed",
        ko=f"{platform} 주문 {order_number}은(는) 이미 취소되었습니다. 바뀐 것은 없습니다.",
    )

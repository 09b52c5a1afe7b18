"""The ``orderkit`` commands that work on a store: accounts, template versions,
cancellation, history and failure files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from orderkit import errors
from orderkit.cli_output import words

if TYPE_CHECKING:
    from orderkit.store import SqliteSink

__all__ = [
    "account_add",
    "account_list",
    "cancel",
    "failures",
    "history",
    "open_store",
    "template_history",
    "template_match",
]


def template_match(args: argparse.Namespace) -> int:
    with open_store(args.db) as sink:
        account = sink.account(args.account, platform=args.platform)
        version = sink.match_template(account, args.template, sample=args.sample, actor=args.actor)
    print(words("matched", args.locale, account=account, version=version.version,
                fingerprint=version.fingerprint))  # fmt: skip
    return 0


def template_history(args: argparse.Namespace) -> int:
    with open_store(args.db) as sink:
        account = sink.account(args.account, platform=args.platform)
        versions = sink.template_history(account)
    for version in versions:
        actor = f"  {version.actor}" if version.actor else ""
        print(f"v{version.version}  {version.matched_at.isoformat()}  {version.fingerprint}"
              f"  {len(version.headers)} columns{actor}")  # fmt: skip
    return 0


def account_add(args: argparse.Namespace) -> int:
    with open_store(args.db, create=True) as sink:
        account = sink.register_account(args.platform, args.name, brand=args.brand)
    print(words("account_added", args.locale, account=account))
    return 0


def account_list(args: argparse.Namespace) -> int:
    with open_store(args.db) as sink:
        accounts = sink.accounts()
        for account in accounts:
            try:
                active = f"v{sink.active_template(account).version}"
            except errors.AccountNotFound:
                active = "-"
            print(f"{account.name:20} {account.platform:12} {account.brand or '-':12} {active}")
    return 0


def cancel(args: argparse.Namespace) -> int:
    with open_store(args.db) as sink:
        order = sink.cancel(args.platform, args.order_number, reason=args.reason, actor=args.actor)
    at = order.cancelled_at.isoformat() if order.cancelled_at else ""
    print(
        words(
            "cancelled", args.locale, platform=args.platform,
            order_number=args.order_number, at=at,
        )
    )  # fmt: skip
    return 0


def history(args: argparse.Namespace) -> int:
    with open_store(args.db) as sink:
        events = sink.history(args.platform, args.order_number)
    for event in events:
        key = "registered" if event.kind == "registered" else "cancelled_event"
        kind = words(key, args.locale)
        details = [
            f"upload {event.upload_id}, group {event.group}" if event.upload_id else "",
            event.actor or "",
            event.reason or "",
        ]
        print(f"{event.at.isoformat()}  {kind}  {' · '.join(d for d in details if d)}".rstrip())
    return 0


def failures(args: argparse.Namespace) -> int:
    with open_store(args.db) as sink:
        try:
            path = sink.failure_file(args.upload_id, args.out)
        except errors.NoFailures as nothing:  # not an error: there is just nothing to hand back
            print(nothing.localized(args.locale))
            return 0
    print(words("written", args.locale, path=path))
    return 0


def open_store(path: Path, *, create: bool = False) -> SqliteSink:
    from orderkit.store import SqliteSink

    if not create and not path.is_file():
        raise errors.StoreError(
            f"no store at {path}", ko=f"{path}에 저장소(데이터베이스)가 없습니다."
        )
    try:
        return SqliteSink(path)
    except Exception as exc:  # sqlite3 says "unable to open", "file is not a database", …
        raise errors.StoreError(
            f"cannot open the store {path}: {exc}", ko=f"저장소 {path}를 열 수 없습니다: {exc}"
        ) from None

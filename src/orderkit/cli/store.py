"""The ``orderkit`` commands that work on a store: accounts, template versions,
cancellation, history and failure files.

The store keeps times in UTC; they are shown in ``--tz`` (Asia/Seoul by default), to the
second, and given in JSON as ISO 8601 with their offset.
"""

from __future__ import annotations

import argparse
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from orderkit.cli.output import CliProblem, Screen, visible
from orderkit.model import errors

if TYPE_CHECKING:
    from orderkit.model.accounts import SellerAccount
    from orderkit.store.storage import Store

__all__ = [
    "account_add",
    "account_list",
    "aligned",
    "cancel",
    "display_width",
    "failures",
    "find_account",
    "history",
    "open_store",
    "shown_time",
    "template_history",
    "template_match",
]

# Korea has kept UTC+9 without summer time since 1988: a machine without a time-zone
# database still shows Korean time correctly.
_SEOUL = timezone(timedelta(hours=9), "KST")


def time_zone(name: str) -> tzinfo:
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name == "Asia/Seoul":
            return _SEOUL
        raise CliProblem("bad_tz", "bad_time_zone", tz=name) from None


def shown_time(at: datetime, zone: str) -> tuple[str, str]:
    """``("2026-11-26 17:40:53 KST", "2026-11-26T17:40:53+09:00")``: for people, for JSON."""
    local = at.astimezone(time_zone(zone)).replace(microsecond=0)
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()}", local.isoformat()


def find_account(sink: Store, name: str, platform: str | None, brand: str | None) -> SellerAccount:
    """The one account with that name (and platform and brand, when given)."""
    found = [
        a
        for a in sink.accounts()
        if a.name == name
        and (platform is None or a.platform == platform)
        and (brand is None or a.brand == brand)
    ]
    if len(found) > 1:
        listed = ", ".join(str(a) for a in found)
        raise CliProblem("ambiguous_account", "ambiguous_account", name=name, accounts=listed)
    if not found:
        return sink.account(name, platform=platform, brand=brand)  # the store's own error
    return found[0]


def _account_record(account: SellerAccount) -> dict[str, Any]:
    return {"platform": account.platform, "name": account.name, "brand": account.brand or None}


def template_match(args: argparse.Namespace, screen: Screen) -> int:
    from orderkit.cli.commands import check_input

    check_input(args.sample, "sample.xlsx")
    with open_store(args.db) as sink:
        account = find_account(sink, args.account, args.platform, args.brand)
        if args.sample is not None:
            _check_sample(args.sample, args.template, account, args.locale)
        version = sink.match_template(account, args.template, sample=args.sample, actor=args.actor)
    screen.say(screen.words("matched", account=account, version=version.version,
                            fingerprint=version.fingerprint))  # fmt: skip
    return screen.document(
        0,
        account=_account_record(account),
        versions=[_version_record(version, args.tz)],
    )


def _check_sample(sample: Path, template: str, account: SellerAccount, locale: str) -> None:
    """Map the sample first, so a sample that does not fit is told in the user's language
    (as a TemplateMismatch about the sample) before anything is stored."""
    from orderkit.templates.fitting import map_file
    from orderkit.templates.template import load_template

    loaded = load_template(template)
    map_file(sample, loaded, platform=loaded.platform or account.platform, locale=locale)


def _version_record(version: Any, zone: str) -> dict[str, Any]:
    return {
        "version": version.version,
        "matched_at": shown_time(version.matched_at, zone)[1],
        "fingerprint": version.fingerprint,
        "columns": len(version.headers),
        "actor": version.actor,
    }


def template_history(args: argparse.Namespace, screen: Screen) -> int:
    with open_store(args.db) as sink:
        account = find_account(sink, args.account, args.platform, args.brand)
        versions = sink.template_history(account)
    for version in versions:
        actor = f"  {version.actor}" if version.actor else ""
        at = shown_time(version.matched_at, args.tz)[0]
        screen.say(screen.words("version_line", version=version.version, at=at,
                                fingerprint=version.fingerprint, columns=len(version.headers),
                                actor=actor))  # fmt: skip
    return screen.document(
        0,
        account=_account_record(account),
        versions=[_version_record(v, args.tz) for v in versions],
    )


def account_add(args: argparse.Namespace, screen: Screen) -> int:
    with open_store(args.db, create=True) as sink:
        account = sink.register_account(args.platform, args.name, brand=args.brand)
    screen.say(screen.words("account_added", account=account))
    return screen.document(0, accounts=[{**_account_record(account), "active_version": None}])


def account_list(args: argparse.Namespace, screen: Screen) -> int:
    records = []
    with open_store(args.db) as sink:
        for account in sink.accounts():
            try:
                active: int | None = sink.active_template(account).version
            except errors.AccountNotFound:
                active = None
            records.append({**_account_record(account), "active_version": active})
    if not records:
        screen.say(screen.words("no_accounts"))
    else:
        heading = [screen.words(k) for k in _HEADINGS]
        rows = [
            [r["name"], r["platform"], r["brand"] or "-",
             f"v{r['active_version']}" if r["active_version"] else "-"]
            for r in records
        ]  # fmt: skip
        for line in aligned([heading, *rows]):
            screen.say(line)
    return screen.document(0, accounts=records)


_HEADINGS = ("account_heading", "platform_heading", "brand_heading", "version_heading")


def display_width(text: str) -> int:
    """How many terminal cells ``text`` takes: East Asian wide and full-width characters
    (Hangul, kana, CJK ideographs) take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def aligned(rows: list[list[str]]) -> list[str]:
    """The rows as lines of columns padded to one display width (the last is not padded)."""
    shown = [[visible(cell) for cell in row] for row in rows]
    widths = [max(display_width(row[i]) for row in shown) for i in range(len(shown[0]))]
    return [
        "  ".join(
            cell + " " * (widths[i] - display_width(cell)) if i < len(row) - 1 else cell
            for i, cell in enumerate(row)
        )
        for row in shown
    ]


def cancel(args: argparse.Namespace, screen: Screen) -> int:
    with open_store(args.db) as sink:
        order = sink.cancel(args.platform, args.order_number, reason=args.reason, actor=args.actor)
    shown, exact = shown_time(order.cancelled_at, args.tz) if order.cancelled_at else ("", None)
    screen.say(
        screen.words("cancelled", platform=args.platform, order_number=args.order_number, at=shown)
    )
    return screen.document(
        0,
        order={"platform": args.platform, "order_number": args.order_number},
        events=[{"kind": "cancelled", "at": exact, "actor": args.actor, "reason": args.reason,
                 "upload_id": None, "group": None}],
    )  # fmt: skip


def history(args: argparse.Namespace, screen: Screen) -> int:
    with open_store(args.db) as sink:
        events = sink.history(args.platform, args.order_number)
    records = []
    for event in events:
        shown, exact = shown_time(event.at, args.tz)
        group = None if event.group is None else event.group + 1  # numbered from 1, like rows
        records.append({"kind": str(event.kind), "at": exact, "actor": event.actor,
                        "reason": event.reason, "upload_id": event.upload_id,
                        "group": group})  # fmt: skip
        key = "registered" if event.kind == "registered" else "cancelled_event"
        details = [
            screen.words("event_upload", upload_id=event.upload_id, group=group)
            if event.upload_id
            else "",
            event.actor or "",
            event.reason or "",
        ]
        line = f"{shown}  {screen.words(key)}  {' · '.join(d for d in details if d)}"
        screen.say(line.rstrip())
    return screen.document(
        0, order={"platform": args.platform, "order_number": args.order_number}, events=records
    )


def failures(args: argparse.Namespace, screen: Screen) -> int:
    from orderkit.cli.commands import check_output, writing

    check_output(args.out, "failed.xlsx")
    with open_store(args.db) as sink, writing(args.out):
        try:
            path = sink.failure_file(args.upload_id, args.out)
        except errors.NoFailures as nothing:  # not an error: there is just nothing to hand back
            said = nothing.localized(args.locale)
            screen.say(said)
            return screen.document(0, message=said)
    screen.say(screen.words("written", path=path))
    return screen.document(0, path=str(path))


def open_store(target: str, *, create: bool = False) -> Store:
    """``--db``: a SQLite file (created when ``create``) or a ``postgresql://`` URL."""
    from orderkit.store.storage import open_store as open_any

    is_url = "://" in target
    if not create and not is_url and not Path(target).is_file():
        raise errors.StoreError(
            f"no store at {target}", ko=f"{target}에 저장소(데이터베이스)가 없습니다."
        )
    # The store raises StoreError, in both languages, for everything it cannot open.
    return open_any(target)

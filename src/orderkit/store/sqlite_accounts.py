"""Seller accounts and template versions in a SQLite store (the same file as the orders)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Final

from orderkit.model.accounts import SellerAccount
from orderkit.model.errors import AccountNotFound
from orderkit.store.accounts import (
    TemplateVersion,
    account_exists,
    choose_account,
    header_fingerprint,
    new_account,
)
from orderkit.store.sqlite_errors import translated
from orderkit.templates.template import Template, load_template

__all__ = ["ACCOUNT_SCHEMA", "SqliteAccountBook", "migrate_account_identity"]

ACCOUNT_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    brand TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (platform, name)
);
CREATE TABLE IF NOT EXISTS template_versions (
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    version INTEGER NOT NULL,
    template TEXT NOT NULL,
    headers TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    matched_at TEXT NOT NULL,
    actor TEXT,
    PRIMARY KEY (account_id, version)
);
"""


Transaction = Callable[[], AbstractContextManager[sqlite3.Connection]]


class SqliteAccountBook:
    """Accounts and template versions in a store's database (the same file as the orders)."""

    def __init__(self, connection: sqlite3.Connection, transaction: Transaction, path: str) -> None:
        self._db = connection
        self._transaction = transaction
        self.path = path

    @translated
    def register(self, platform: str, name: str, *, brand: str | None = None) -> SellerAccount:
        account = new_account(platform, name, brand)
        with self._transaction() as db:
            found = db.execute(
                "SELECT platform, name, brand FROM accounts WHERE platform = ? AND name = ?",
                (account.platform, account.name),
            ).fetchone()
            if found is not None:
                raise account_exists(SellerAccount(*found))
            db.execute(
                "INSERT INTO accounts (platform, brand, name, created_at) VALUES (?, ?, ?, ?)",
                (account.platform, account.brand, account.name, datetime.now(UTC).isoformat()),
            )
        return account

    @translated
    def all(self) -> list[SellerAccount]:
        rows = self._db.execute("SELECT platform, name, brand FROM accounts ORDER BY id")
        return [SellerAccount(*row) for row in rows]

    @translated
    def find(
        self, name: str, *, platform: str | None = None, brand: str | None = None
    ) -> SellerAccount:
        return choose_account(self.all(), name, platform=platform, brand=brand)

    @translated
    def id_of(self, account: SellerAccount) -> int:
        row = self._db.execute(
            "SELECT id FROM accounts WHERE platform = ? AND name = ?",
            (account.platform, account.name),
        ).fetchone()
        if row is None:
            raise AccountNotFound(
                f"no seller account {account}", ko=f"판매처 계정 {account}이(가) 없습니다."
            )
        return int(row[0])

    @translated
    def match(
        self,
        account: SellerAccount,
        template: Template,
        headers: Sequence[str],
        *,
        actor: str | None = None,
    ) -> TemplateVersion:
        account_id = self.id_of(account)
        at = datetime.now(UTC)
        headers = tuple(h for h in headers if h)
        with self._transaction() as db:
            (latest,) = db.execute(
                "SELECT COALESCE(MAX(version), 0) FROM template_versions WHERE account_id = ?",
                (account_id,),
            ).fetchone()
            db.execute(
                "INSERT INTO template_versions (account_id, version, template, headers,"
                " fingerprint, matched_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    account_id, latest + 1, template.to_toml(),
                    json.dumps(headers, ensure_ascii=False), header_fingerprint(headers),
                    at.isoformat(), actor,
                ),
            )  # fmt: skip
        return TemplateVersion(
            account, latest + 1, template, headers, header_fingerprint(headers), at, actor
        )

    @translated
    def history(self, account: SellerAccount) -> list[TemplateVersion]:
        return list(self._versions(account))

    def _versions(self, account: SellerAccount) -> Iterator[TemplateVersion]:
        rows = self._db.execute(
            "SELECT version, template, headers, fingerprint, matched_at, actor"
            " FROM template_versions WHERE account_id = ? ORDER BY version",
            (self.id_of(account),),
        )
        for version, text, headers, fingerprint, at, actor in rows:
            yield TemplateVersion(
                account, version, load_template(text), tuple(json.loads(headers)),
                fingerprint, datetime.fromisoformat(at), actor,
            )  # fmt: skip


def migrate_account_identity(db: sqlite3.Connection) -> list[tuple[SellerAccount, str]]:
    """Make ``(platform, name)`` unique in a store made before it was (schema < 3).

    Accounts that share a platform and name (possible then, told apart by brand) keep
    everything — id, template versions, uploads — but every one after the first registered
    is renamed ``name (brand)`` (or ``name #id`` without a brand, or when that is taken).
    Returns ``(account as it was, new name)`` for each rename. Run inside a transaction.
    """
    rows = db.execute("SELECT id, platform, name, brand FROM accounts ORDER BY id").fetchall()
    taken = {(platform, name) for _, platform, name, _ in rows}
    seen: set[tuple[str, str]] = set()
    renamed: list[tuple[SellerAccount, str]] = []
    for account_id, platform, name, brand in rows:
        if (platform, name) not in seen:
            seen.add((platform, name))
            continue
        new = f"{name} ({brand})" if brand else f"{name} #{account_id}"
        if (platform, new) in taken:
            new = f"{name} #{account_id}"
        db.execute("UPDATE accounts SET name = ? WHERE id = ?", (new, account_id))
        taken.add((platform, new))
        seen.add((platform, new))
        renamed.append((SellerAccount(platform, name, brand), new))
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS accounts_identity ON accounts(platform, name)")
    return renamed

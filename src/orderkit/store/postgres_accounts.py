"""Seller accounts and template versions in the PostgreSQL store.

Two workers matching one account at once each lock the account's row first, so versions
are numbered 1, 2, 3 … with no gap and no clash.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from orderkit.model.accounts import SellerAccount
from orderkit.model.errors import AccountNotFound
from orderkit.store.accounts import (
    TemplateVersion,
    account_exists,
    choose_account,
    header_fingerprint,
    new_account,
)
from orderkit.store.postgres_schema import from_pg_text, pg_text, pg_translated
from orderkit.templates.template import Template, load_template

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresAccountBook"]

Connect = Callable[[], AbstractContextManager["psycopg.Connection[Any]"]]


class PostgresAccountBook:
    """Accounts and template versions in the tables of one PostgreSQL schema."""

    def __init__(self, schema: str, transaction: Connect, connection: Connect) -> None:
        self._s = schema
        self._transaction = transaction
        self._connection = connection

    @pg_translated
    def register(self, platform: str, name: str, *, brand: str | None = None) -> SellerAccount:
        account = new_account(platform, name, brand)
        with self._transaction() as conn:
            row = conn.execute(
                f"INSERT INTO {self._s}.accounts (platform, name, brand, created_at)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (platform, name) DO NOTHING RETURNING id",
                (pg_text(account.platform), pg_text(account.name), pg_text(account.brand),
                 datetime.now(UTC)),
            ).fetchone()  # fmt: skip
            if row is None:
                found = conn.execute(
                    f"SELECT platform, name, brand FROM {self._s}.accounts"
                    " WHERE platform = %s AND name = %s",
                    (pg_text(account.platform), pg_text(account.name)),
                ).fetchone()
                raise account_exists(_account(found) if found else account)
        return account

    @pg_translated
    def all(self) -> list[SellerAccount]:
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT platform, name, brand FROM {self._s}.accounts ORDER BY id"
            ).fetchall()
        return [_account(row) for row in rows]

    def find(
        self, name: str, *, platform: str | None = None, brand: str | None = None
    ) -> SellerAccount:
        return choose_account(self.all(), name, platform=platform, brand=brand)

    @pg_translated
    def id_of(self, account: SellerAccount) -> int:
        with self._connection() as conn:
            return self._id(conn, account, lock=False)

    def _id(self, conn: psycopg.Connection[Any], account: SellerAccount, *, lock: bool) -> int:
        row = conn.execute(
            f"SELECT id FROM {self._s}.accounts WHERE platform = %s AND name = %s"
            + (" FOR UPDATE" if lock else ""),
            (pg_text(account.platform), pg_text(account.name)),
        ).fetchone()
        if row is None:
            raise AccountNotFound(
                f"no seller account {account}", ko=f"판매처 계정 {account}이(가) 없습니다."
            )
        return int(row[0])

    @pg_translated
    def match(
        self,
        account: SellerAccount,
        template: Template,
        headers: Sequence[str],
        *,
        actor: str | None = None,
    ) -> TemplateVersion:
        at = datetime.now(UTC)
        headers = tuple(h for h in headers if h)
        fingerprint = header_fingerprint(headers)
        with self._transaction() as conn:
            account_id = self._id(conn, account, lock=True)
            (latest,) = conn.execute(
                f"SELECT COALESCE(MAX(version), 0) FROM {self._s}.template_versions"
                " WHERE account_id = %s",
                (account_id,),
            ).fetchone() or (0,)
            version = int(latest) + 1
            conn.execute(
                f"INSERT INTO {self._s}.template_versions (account_id, version, template,"
                " headers, fingerprint, matched_at, actor) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                (
                    account_id, version, pg_text(template.to_toml()),
                    json.dumps(headers, ensure_ascii=False), fingerprint, at,
                    None if actor is None else pg_text(actor),
                ),
            )  # fmt: skip
        return TemplateVersion(account, version, template, headers, fingerprint, at, actor)

    @pg_translated
    def history(self, account: SellerAccount) -> list[TemplateVersion]:
        return list(self._versions(account))

    def _versions(self, account: SellerAccount) -> Iterator[TemplateVersion]:
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT version, template, headers, fingerprint, matched_at, actor"
                f" FROM {self._s}.template_versions WHERE account_id = %s ORDER BY version",
                (self._id(conn, account, lock=False),),
            ).fetchall()
        for version, text, headers, fingerprint, at, actor in rows:
            yield TemplateVersion(
                account, version, load_template(from_pg_text(text)), tuple(json.loads(headers)),
                fingerprint, at.astimezone(UTC), None if actor is None else from_pg_text(actor),
            )  # fmt: skip


def _account(row: Sequence[Any]) -> SellerAccount:
    platform, name, brand = row
    return SellerAccount(from_pg_text(platform), from_pg_text(name), from_pg_text(brand))

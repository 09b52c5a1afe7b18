"""Seller accounts (판매처 계정) and their versioned templates (주문서 매칭).

An account is a sales platform, a brand and an account name the seller makes up. Its
order-sheet layout is matched once — a template version with the header row it was made
for — and matched again when the layout changes; every version is kept, the newest is
active, and each upload records the version that mapped it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Final

import attrs

from orderkit.error_texts import error
from orderkit.errors import AccountExists, AccountNotFound, InvalidArgument
from orderkit.mapper import header_key
from orderkit.template import Template, load_template

__all__ = [
    "ACCOUNT_SCHEMA",
    "AccountBook",
    "Drift",
    "SellerAccount",
    "SellerAccounts",
    "TemplateVersion",
    "compare_headers",
    "header_fingerprint",
]

ACCOUNT_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    brand TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (platform, brand, name)
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


@attrs.frozen
class SellerAccount:
    """판매처 계정: unique by platform, brand and name together."""

    platform: str
    name: str
    brand: str = ""

    def __str__(self) -> str:
        brand = f" / {self.brand}" if self.brand else ""
        return f"{self.name} ({self.platform}{brand})"


@attrs.frozen
class TemplateVersion:
    """One matching of an account's layout: the template and the header row it was made for."""

    account: SellerAccount
    version: int
    template: Template
    headers: tuple[str, ...]
    fingerprint: str
    matched_at: datetime
    actor: str | None = None


@attrs.frozen
class Drift:
    """How a file's header row differs from the one a template version was made for."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    """``(old, new)`` pairs that look like one header renamed."""
    moved: tuple[str, ...] = ()
    """Headers present in both, in another order."""

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed or self.moved)

    def describe(self, locale: str = "ko") -> str:
        ko = locale == "ko"
        parts = []
        if self.renamed:
            pairs = ", ".join(f"'{a}' → '{b}'" for a, b in self.renamed)
            parts.append(("이름이 바뀐 것 같은 열: " if ko else "renamed-looking: ") + pairs)
        if self.removed:
            names = ", ".join(f"'{h}'" for h in self.removed)
            parts.append(("없어진 열: " if ko else "removed: ") + names)
        if self.added:
            names = ", ".join(f"'{h}'" for h in self.added)
            parts.append(("새로 생긴 열: " if ko else "added: ") + names)
        if self.moved:
            names = ", ".join(f"'{h}'" for h in self.moved)
            parts.append(("자리가 바뀐 열: " if ko else "moved: ") + names)
        return "; ".join(parts)


_RENAME_SIMILARITY: Final = 0.6


def header_fingerprint(headers: Sequence[str]) -> str:
    """A short, stable fingerprint of a header row (case and spacing ignored)."""
    joined = "\x1f".join(header_key(h) for h in headers if h)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def compare_headers(old: Sequence[str], new: Sequence[str]) -> Drift:
    """What changed from header row ``old`` to ``new``."""
    old_keys = [header_key(h) for h in old if h]
    new_keys = [header_key(h) for h in new if h]
    original = {header_key(h): h for h in [*old, *new] if h}
    removed = [k for k in old_keys if k not in new_keys]
    added = [k for k in new_keys if k not in old_keys]
    renamed: list[tuple[str, str]] = []
    for key in list(removed):
        candidates = [(SequenceMatcher(None, key, other).ratio(), other) for other in added]
        score, best = max(candidates, default=(0.0, ""))
        if score >= _RENAME_SIMILARITY:
            renamed.append((original[key], original[best]))
            removed.remove(key)
            added.remove(best)
    kept_old = [k for k in old_keys if k in new_keys]
    kept_new = [k for k in new_keys if k in old_keys]
    moved = [original[k] for k, other in zip(kept_old, kept_new, strict=True) if k != other]
    return Drift(
        added=tuple(original[k] for k in added),
        removed=tuple(original[k] for k in removed),
        renamed=tuple(renamed),
        moved=tuple(moved),
    )


Transaction = Callable[[], AbstractContextManager[sqlite3.Connection]]


class AccountBook:
    """Accounts and template versions in a store's database (the same file as the orders)."""

    def __init__(self, connection: sqlite3.Connection, transaction: Transaction) -> None:
        self._db = connection
        self._transaction = transaction

    def register(self, platform: str, name: str, *, brand: str | None = None) -> SellerAccount:
        platform, name, brand = platform.strip(), name.strip(), (brand or "").strip()
        if not platform or not name:
            raise error(InvalidArgument, "account_needs_names")
        account = SellerAccount(platform, name, brand)
        with self._transaction() as db:
            try:
                db.execute(
                    "INSERT INTO accounts (platform, brand, name, created_at) VALUES (?, ?, ?, ?)",
                    (platform, brand, name, datetime.now(UTC).isoformat()),
                )
            except sqlite3.IntegrityError:
                raise AccountExists(
                    f"the account {account} is already registered",
                    ko=f"판매처 계정 {account}은(는) 이미 등록되어 있습니다.",
                ) from None
        return account

    def all(self) -> list[SellerAccount]:
        rows = self._db.execute("SELECT platform, name, brand FROM accounts ORDER BY id")
        return [SellerAccount(*row) for row in rows]

    def find(
        self, name: str, *, platform: str | None = None, brand: str | None = None
    ) -> SellerAccount:
        found = [
            a
            for a in self.all()
            if a.name == name
            and (platform is None or a.platform == platform)
            and (brand is None or a.brand == brand)
        ]
        if not found:
            raise AccountNotFound(
                f"no seller account named {name!r}", ko=f"{name!r} 판매처 계정이 없습니다."
            )
        if len(found) > 1:
            listed = ", ".join(str(a) for a in found)
            raise error(InvalidArgument, "ambiguous_account", name=name, listed=listed)
        return found[0]

    def id_of(self, account: SellerAccount) -> int:
        row = self._db.execute(
            "SELECT id FROM accounts WHERE platform = ? AND brand = ? AND name = ?",
            (account.platform, account.brand, account.name),
        ).fetchone()
        if row is None:
            raise AccountNotFound(
                f"no seller account {account}", ko=f"판매처 계정 {account}이(가) 없습니다."
            )
        return int(row[0])

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


class SellerAccounts:
    """A store's seller accounts and template versions (mixed into :class:`SqliteSink`)."""

    _accounts: AccountBook

    def register_account(
        self, platform: str, name: str, *, brand: str | None = None
    ) -> SellerAccount:
        """Register a seller account (판매처 계정). Raises AccountExists the second time."""
        return self._accounts.register(platform, name, brand=brand)

    def accounts(self) -> list[SellerAccount]:
        return self._accounts.all()

    def account(
        self, name: str, *, platform: str | None = None, brand: str | None = None
    ) -> SellerAccount:
        """The account with that name (and platform or brand, when names repeat)."""
        return self._accounts.find(name, platform=platform, brand=brand)

    def match_template(
        self,
        account: SellerAccount,
        template: Template | Mapping[str, Any] | str | Path,
        *,
        sample: str | Path | None = None,
        actor: str | None = None,
    ) -> TemplateVersion:
        """Store a new version of the account's template (주문서 매칭); it becomes active.

        With a ``sample`` file of the seller's layout, its header row is recorded (and the
        template must fit it); otherwise the template's own headers are.
        """
        loaded = load_template(template)
        headers = sample_headers(sample, loaded) if sample is not None else loaded.headers
        return self._accounts.match(account, loaded, headers, actor=actor)

    def template_history(self, account: SellerAccount) -> list[TemplateVersion]:
        """Every version of the account's template, oldest first; the last is active."""
        return self._accounts.history(account)

    def active_template(self, account: SellerAccount) -> TemplateVersion:
        versions = self._accounts.history(account)
        if not versions:
            raise AccountNotFound(
                f"no template is matched for {account} yet; match one first "
                "(orderkit template match)",
                ko=f"{account} 계정에 매칭된 주문서 양식이 없습니다. 먼저 주문서 매칭을 하세요.",
            )
        return versions[-1]


def sample_headers(sample: str | Path, template: Template) -> tuple[str, ...]:
    """The header row of a sample file, checked to fit ``template``."""
    from orderkit.files import map_file

    mapped = map_file(sample, template, platform=template.platform or "sample")
    return mapped.sheet.row(mapped.header_index)[0]

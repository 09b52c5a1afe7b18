"""Seller accounts (판매처 계정) and their versioned templates (주문서 매칭).

An account is a sales platform and an account name the seller makes up, unique together;
the brand is an attribute of the account, not part of its identity. Its
order-sheet layout is matched once — a template version with the header row it was made
for — and matched again when the layout changes; every version is kept, the newest is
active, and each upload records the version that mapped it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Final, Protocol

import attrs

from orderkit.model.accounts import Drift, SellerAccount
from orderkit.model.errors import AccountExists, AccountNotFound, AmbiguousAccount, InvalidArgument
from orderkit.templates.mapper import header_key
from orderkit.templates.template import Template, load_template

__all__ = [
    "AccountBook",
    "Drift",
    "SellerAccount",
    "SellerAccounts",
    "TemplateVersion",
    "account_exists",
    "choose_account",
    "compare_headers",
    "header_fingerprint",
    "new_account",
]


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


_RENAME_SIMILARITY: Final = 0.6
# Fuzzy work is bounded: a header is short, so only its start is compared, a pair whose
# lengths alone rule out a match is not compared at all, and only the first new columns
# are candidates for a rename.
_RENAME_CHARS: Final = 80
_RENAME_CANDIDATES: Final = 512


def _rename_similarity(old: str, new: str) -> float:
    old, new = old[:_RENAME_CHARS], new[:_RENAME_CHARS]
    if 2 * min(len(old), len(new)) < _RENAME_SIMILARITY * (len(old) + len(new)):
        return 0.0
    return SequenceMatcher(None, old, new).ratio()


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
        candidates = [
            (_rename_similarity(key, other), other) for other in added[:_RENAME_CANDIDATES]
        ]
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


def new_account(platform: str, name: str, brand: str | None) -> SellerAccount:
    """The account to register, its parts trimmed; refuses an empty platform or name."""
    platform, name, brand = platform.strip(), name.strip(), (brand or "").strip()
    if not platform or not name:
        raise InvalidArgument(
            "an account needs a sales platform and an account name",
            ko="판매처 계정에는 판매처(플랫폼)와 계정 이름이 있어야 합니다.",
        )
    return SellerAccount(platform, name, brand)


def account_exists(existing: SellerAccount) -> AccountExists:
    """The error for registering ``existing``'s platform and name a second time."""
    return AccountExists(
        f"the account {existing} is already registered: an account is identified by its "
        "platform and name (the brand is only an attribute), so choose another name",
        ko=f"판매처 계정 {existing}은(는) 이미 등록되어 있습니다. 계정은 판매처와 이름으로 "
        "구별되므로(브랜드는 구별에 쓰이지 않습니다) 다른 이름을 쓰세요.",
    )


def choose_account(
    accounts: Sequence[SellerAccount],
    name: str,
    *,
    platform: str | None = None,
    brand: str | None = None,
) -> SellerAccount:
    """The one account of ``accounts`` named ``name`` (on ``platform``, of ``brand``).

    Raises:
        AccountNotFound: none fits (the message lists the accounts of that name, if any).
        AmbiguousAccount: several fit; the message lists them and names the options that
            choose one (``--platform``/``--brand``, or ``platform=``/``brand=``).
    """
    named = [a for a in accounts if a.name == name]
    found = [
        a
        for a in named
        if (platform is None or a.platform == platform) and (brand is None or a.brand == brand)
    ]
    if len(found) == 1:
        return found[0]
    listed = ", ".join(str(a) for a in (found or named))
    if not found:
        wanted = " ".join(f"{k}={v!r}" for k, v in (("platform", platform), ("brand", brand)) if v)
        en = f"no seller account named {name!r}" + (f" with {wanted}" if wanted else "")
        ko = f"{name!r} 판매처 계정이 없습니다" + (f" ({wanted})" if wanted else "")
        if named:
            en += f"; accounts of that name: {listed}"
            ko += f". 그 이름의 계정: {listed}"
        raise AccountNotFound(en, ko=ko + ".")
    raise AmbiguousAccount(
        f"several seller accounts are named {name!r}: {listed}. Choose one with --platform "
        "(and --brand) on the command line, or platform= (and brand=) in Python",
        ko=f"{name!r} 이름의 판매처 계정이 여럿입니다: {listed}. 명령줄에서는 --platform"
        "(필요하면 --brand)으로, 파이썬에서는 platform=(brand=)으로 하나를 고르세요.",
        candidates=tuple(found),
    )


class AccountBook(Protocol):
    """Where a store keeps accounts and template versions (one per kind of database)."""

    def register(self, platform: str, name: str, *, brand: str | None = None) -> SellerAccount: ...

    def all(self) -> list[SellerAccount]: ...

    def find(
        self, name: str, *, platform: str | None = None, brand: str | None = None
    ) -> SellerAccount: ...

    def match(
        self,
        account: SellerAccount,
        template: Template,
        headers: Sequence[str],
        *,
        actor: str | None = None,
    ) -> TemplateVersion: ...

    def history(self, account: SellerAccount) -> list[TemplateVersion]: ...

    def id_of(self, account: SellerAccount) -> int: ...


class SellerAccounts:
    """A store's seller accounts and template versions (mixed into both stores)."""

    _accounts: AccountBook

    def register_account(
        self, platform: str, name: str, *, brand: str | None = None
    ) -> SellerAccount:
        """Register a seller account (판매처 계정). Platform and name identify it: registering
        the same platform and name again (with any brand) raises AccountExists."""
        return self._accounts.register(platform, name, brand=brand)

    def accounts(self) -> list[SellerAccount]:
        return self._accounts.all()

    def account(
        self, name: str, *, platform: str | None = None, brand: str | None = None
    ) -> SellerAccount:
        """The account with that name (and platform or brand, when names repeat).

        Raises:
            AccountNotFound: no account fits.
            AmbiguousAccount: several do (one name on several platforms); it lists them.
        """
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
    from orderkit.templates.fitting import map_file

    mapped = map_file(sample, template, platform=template.platform or "sample")
    return mapped.sheet.row(mapped.header_index)[0]

"""The values of seller accounts that lower stages carry: an account, and how a header
row drifted from the one its template was matched for.

They live here, below every stage, so an exception can carry them
(:class:`orderkit.AmbiguousAccount`, :class:`orderkit.TemplateMismatch`) without the model
knowing the store; the store keeps the accounts (:mod:`orderkit.store.accounts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs

__all__ = ["Drift", "SellerAccount"]


@attrs.frozen
class SellerAccount:
    """판매처 계정: unique by platform and name together; the brand is an attribute."""

    platform: str
    name: str
    brand: str = ""

    def __str__(self) -> str:
        brand = f" / {self.brand}" if self.brand else ""
        return f"{self.name} ({self.platform}{brand})"


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
        """What changed, for people: each list shows its first few headers, each cut short,
        and says how many more there are (a hostile sheet may add thousands of long ones)."""
        ko = locale == "ko"
        parts = []
        if self.renamed:
            pairs = [f"'{_short(a)}' → '{_short(b)}'" for a, b in self.renamed]
            parts.append(
                ("이름이 바뀐 것 같은 열: " if ko else "renamed-looking: ") + _few(pairs, ko)
            )
        for names, label_ko, label_en in (
            (self.removed, "없어진 열: ", "removed: "),
            (self.added, "새로 생긴 열: ", "added: "),
            (self.moved, "자리가 바뀐 열: ", "moved: "),
        ):
            if names:
                quoted = [f"'{_short(h)}'" for h in names]
                parts.append((label_ko if ko else label_en) + _few(quoted, ko))
        return "; ".join(parts)


_SHOWN_HEADERS: Final = 20
_SHOWN_CHARS: Final = 60


def _short(header: str) -> str:
    return header if len(header) <= _SHOWN_CHARS else header[: _SHOWN_CHARS - 1] + "…"


def _few(items: Sequence[str], ko: bool) -> str:
    shown = ", ".join(items[:_SHOWN_HEADERS])
    more = len(items) - _SHOWN_HEADERS
    if more > 0:
        shown += f" 외 {more:,}개" if ko else f" and {more:,} more"
    return shown

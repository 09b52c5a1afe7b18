"""Exceptions orderkit raises.

Data problems are values (:class:`orderkit.Problem`); exceptions are for broken inputs and
broken promises. Every exception orderkit raises derives from :class:`OrderkitError`::

    OrderkitError
    ├── InvalidArgument (also ValueError)   a caller passed an argument orderkit cannot use
    ├── UnreadableFile                      a file orderkit cannot read (type, encoding, …)
    │   ├── NotASpreadsheet                 a web page or other document named .xls/.xlsx
    │   ├── PasswordProtected               a workbook locked with a password
    │   ├── FileTooLarge                    beyond a size, row, column or cell limit
    │   └── UnsafeFile                      a zip bomb, a DTD or entity, a lying zip
    ├── TemplateError                       a template that is not well formed
    ├── TemplateMismatch                    a file lacks columns its template needs
    ├── ValidationError                     an order failed its rules; .problems lists all
    ├── OrderNotFound                       no order with that platform and order number
    ├── AlreadyCancelled                    the order was cancelled before; nothing changed
    ├── UploadNotFound                      no upload with that id in the store
    ├── AccountExists                       a seller account registered twice
    ├── AccountNotFound                     no such seller account (or no template for it)
    ├── StoreError                          the store cannot be used (locked, full, broken)
    └── MissingExtra (also ImportError)     an optional extra is missing: names the pip command

``str(error)`` is English; ``error.localized("ko")`` is the Korean text where there is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orderkit.accounts import Drift
    from orderkit.problems import Problem
    from orderkit.template import Template

__all__ = [
    "AccountExists",
    "AccountNotFound",
    "AlreadyCancelled",
    "FileTooLarge",
    "InvalidArgument",
    "MissingExtra",
    "NotASpreadsheet",
    "OrderNotFound",
    "OrderkitError",
    "PasswordProtected",
    "StoreError",
    "TemplateError",
    "TemplateMismatch",
    "UnreadableFile",
    "UnsafeFile",
    "UploadNotFound",
    "ValidationError",
]


class OrderkitError(Exception):
    """Base of every exception orderkit raises."""

    def __init__(self, message: str, *, ko: str | None = None) -> None:
        super().__init__(message)
        self.ko = ko

    def localized(self, locale: str) -> str:
        """The message in ``locale`` (``"ko"`` or ``"en"``), English when untranslated."""
        return self.ko if locale == "ko" and self.ko else str(self)


class InvalidArgument(OrderkitError, ValueError):
    """A caller passed an argument orderkit cannot use (an unknown locale, say)."""


class UnreadableFile(OrderkitError):
    """A file orderkit cannot read: an unknown type, undecodable bytes, a broken workbook."""


class NotASpreadsheet(UnreadableFile):
    """A web page (an HTML table) or another document where a workbook was expected."""


class PasswordProtected(UnreadableFile):
    """A workbook locked with a password: orderkit cannot and will not open it."""


class FileTooLarge(UnreadableFile):
    """A file beyond a size, row, column, cell-count or cell-length limit."""


class UnsafeFile(UnreadableFile):
    """A file built to harm its reader: a zip bomb, a DTD or entity, a zip that lies."""


class TemplateError(OrderkitError):
    """A template that is not well formed: an unknown key, a malformed field spec."""


class _ProblemsError(OrderkitError):
    def __init__(self, problems: Iterable[Problem], summary: str, *, ko: str | None = None):
        self.problems: tuple[Problem, ...] = tuple(problems)
        errors = [p for p in self.problems if p.is_error]
        lines = [summary, *(f"- {p}" for p in errors)]
        super().__init__("\n".join(lines), ko=ko)


class ValidationError(_ProblemsError):
    """Data failed its rules. ``problems`` holds every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem], summary: str | None = None) -> None:
        problems = tuple(problems)
        count = sum(p.is_error for p in problems)
        super().__init__(
            problems,
            summary or f"{count} error(s)",
            ko=f"오류 {count}개",
        )


class TemplateMismatch(_ProblemsError):
    """A file lacks columns its template needs; ``problems`` has one ``missing_column`` each.

    Nothing was mapped. The seller's layout changed: match the template again.
    """

    def __init__(
        self,
        problems: Iterable[Problem],
        *,
        drift: Drift | None = None,
        draft: Template | None = None,
    ) -> None:
        problems = tuple(problems)
        headers = ", ".join(repr(p.value) for p in problems)
        en = (
            f"the file lacks {len(problems)} column(s) the template needs: {headers}; "
            "match the template again"
        )
        ko = f"파일에 템플릿이 찾는 열이 없습니다: {headers}. 주문서 매칭(템플릿)을 다시 하세요."
        if drift:
            en += f" (what changed: {drift.describe('en')})"
            ko += f" (바뀐 점: {drift.describe('ko')})"
        super().__init__(problems, en, ko=ko)
        self.drift = drift
        """What changed from the header row the template was matched for, when known."""
        self.draft = draft
        """A draft re-match: the old mapping kept for unchanged columns (check it first)."""


class OrderNotFound(OrderkitError):
    """No order with that platform and order number is in the store."""


class AlreadyCancelled(OrderkitError):
    """The order was cancelled before; a cancelled order never changes again."""


class UploadNotFound(OrderkitError):
    """No upload with that id is in the store."""


class StoreError(OrderkitError):
    """The store cannot be used: locked, full, unwritable or broken."""


class AccountExists(OrderkitError):
    """A seller account with that platform, brand and name is already registered."""


class AccountNotFound(OrderkitError):
    """No such seller account, or no template matched for it yet."""


class MissingExtra(OrderkitError, ImportError):
    """An optional dependency is not installed; the message names the ``pip`` command
    (``pip install "orderkit[spark]"``) that installs it."""

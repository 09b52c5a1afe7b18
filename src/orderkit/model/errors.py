"""Exceptions orderkit raises.

Data problems are values (:class:`orderkit.Problem`); exceptions are for broken inputs and
broken promises. Every exception orderkit raises derives from :class:`OrderkitError`::

    OrderkitError
    ├── InvalidArgument (also ValueError)   a caller passed an argument orderkit cannot use
    │   └── AmbiguousAccount                several seller accounts fit; name the platform
    ├── UnreadableFile                      a file orderkit cannot read (type, encoding, …)
    │   ├── NotASpreadsheet                 a web page, image, PDF, … where a sheet was expected
    │   ├── PasswordProtected               a workbook locked with a password
    │   ├── FileTooLarge                    beyond a size, row, column or cell limit
    │   ├── UnsafeFile                      a zip bomb, a DTD or entity, a lying zip
    │   ├── EmptyFile                       0 bytes, or a sheet with no cells
    │   ├── NotARegularFile                 a folder, a pipe, a device, a socket
    │   └── NoOrders                        a header row with no order rows under it
    ├── TemplateError                       a template that is not well formed
    ├── TemplateMismatch                    a file lacks columns its template needs
    │   └── DuplicateColumns                a header it reads stands twice, unpicked
    ├── ValidationError                     an order failed its rules; .problems lists all
    ├── OrderNotFound                       no order with that platform and order number
    ├── AlreadyCancelled                    the order was cancelled before; nothing changed
    ├── UploadNotFound                      no upload with that id in the store
    ├── NoFailures                          nothing failed: there is no failure file
    ├── AccountExists                       a seller account registered twice
    ├── AccountNotFound                     no such seller account (or no template for it)
    ├── StoreError                          the store cannot be used (locked, full, broken)
    └── MissingExtra (also ImportError)     an optional extra is missing: names the pip command

``str(error)`` is English; ``error.localized("ko")`` is the Korean text. Raise sites word
both from a phrasebook (:func:`orderkit.model.error_texts.error`); a Korean text written with both
particle forms (``{name}은(는)``) gets the one that fits ``name``.

This drawing is the only one: the documentation's exception tree is built from it, and a test
checks every exception class against it, so a new exception is drawn here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orderkit.model.problems import Problem
    from orderkit.store.accounts import Drift, SellerAccount
    from orderkit.templates.template import Template

__all__ = [
    "AccountExists",
    "AccountNotFound",
    "AlreadyCancelled",
    "AmbiguousAccount",
    "DuplicateColumns",
    "EmptyFile",
    "FileTooLarge",
    "InvalidArgument",
    "MissingExtra",
    "NoFailures",
    "NoOrders",
    "NotARegularFile",
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
        from orderkit.model.particles import resolve

        super().__init__(message)
        # A Korean text built with both particle forms (`{name}을(를)`) reads right here.
        self.ko = resolve(ko) if ko else ko

    def localized(self, locale: str) -> str:
        """The message in ``locale`` (``"ko"`` or ``"en"``), English when untranslated."""
        return self.ko if locale == "ko" and self.ko else str(self)


class InvalidArgument(OrderkitError, ValueError):
    """A caller passed an argument orderkit cannot use (an unknown locale, say)."""


class UnreadableFile(OrderkitError):
    """A file orderkit cannot read: an unknown type, undecodable bytes, a broken workbook."""


class NotASpreadsheet(UnreadableFile):
    """A web page (an HTML table), an image, a PDF, an archive or a program where a workbook
    was expected; the message says what the file is."""


class PasswordProtected(UnreadableFile):
    """A workbook locked with a password: orderkit cannot and will not open it."""


class FileTooLarge(UnreadableFile):
    """A file beyond a size, row, column, cell-count or cell-length limit."""


class UnsafeFile(UnreadableFile):
    """A file built to harm its reader: a zip bomb, a DTD or entity, a zip that lies."""


class NotARegularFile(UnreadableFile):
    """A path to a folder, a named pipe, a device or a socket: refused before opening."""


class NoOrders(UnreadableFile):
    """A file whose header row has no order rows under it: there is nothing to register."""


class TemplateError(OrderkitError):
    """A template that is not well formed: an unknown key, a malformed field spec."""


class _ProblemsError(OrderkitError):
    def __init__(self, problems: Iterable[Problem], summary: str, *, ko: str | None = None):
        self.problems: tuple[Problem, ...] = tuple(problems)
        errors = [p for p in self.problems if p.is_error]
        en = [summary, *(f"- {p.describe('en')}" for p in errors)]
        ko_lines = [ko, *(f"- {p.describe('ko')}" for p in errors)] if ko else None
        super().__init__("\n".join(en), ko="\n".join(ko_lines) if ko_lines else None)


class ValidationError(_ProblemsError):
    """Data failed its rules. ``problems`` holds every problem found, not just the first."""

    def __init__(
        self, problems: Iterable[Problem], summary: str | None = None, *, ko: str | None = None
    ) -> None:
        from orderkit.model.error_texts import ERRORS

        problems = tuple(problems)
        if summary is None:
            ko, summary = ERRORS.both("validation_summary", count=sum(p.is_error for p in problems))
        super().__init__(problems, summary, ko=ko)


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
        other_sheet: tuple[int, str] | None = None,
    ) -> None:
        from orderkit.model.error_texts import ERRORS

        problems = tuple(problems)
        headers = ", ".join(repr(p.value) for p in problems)
        ko, en = ERRORS.both("mismatch", count=len(problems), headers=headers)
        if drift:
            ko += " " + ERRORS("mismatch_drift", "ko", drift=drift.describe("ko"))
            en += " " + ERRORS("mismatch_drift", "en", drift=drift.describe("en"))
        if other_sheet is not None:
            number, name = other_sheet
            ko += " " + ERRORS("mismatch_other_sheet", "ko", number=number, name=name)
            en += " " + ERRORS("mismatch_other_sheet", "en", number=number, name=name)
        super().__init__(problems, en, ko=ko)
        self.other_sheet = other_sheet
        """``(number from 1, name)`` of another sheet of the workbook that has every column
        the template reads, when one does: pass ``sheet=number`` (``--sheet``)."""
        self.drift = drift
        """What changed from the header row the template was matched for, when known."""
        self.draft = draft
        """A draft re-match: the old mapping kept for unchanged columns (check it first)."""


class DuplicateColumns(TemplateMismatch):
    """A header the template reads stands more than once on the header row, and the
    template does not say which to read; ``problems`` has one ``duplicate_column`` each,
    naming every position. Nothing was mapped."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        problems = tuple(problems)
        headers = ", ".join(repr(p.value) for p in problems)
        _ProblemsError.__init__(
            self,
            problems,
            f"the header row holds {headers} more than once and the template does not say "
            'which to read; add occurrence = 2 (or position = "E") to the field in the '
            "template, or rename the other column",
            ko=f"머리글 행에 {headers} 열이 두 번 이상 있어 어느 열을 읽을지 알 수 없습니다. "
            '템플릿의 해당 항목에 occurrence = 2 (또는 position = "E")를 적거나 다른 열의 '
            "이름을 바꾸세요.",
        )
        self.drift = None
        self.draft = None
        self.other_sheet = None


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


class AmbiguousAccount(InvalidArgument):
    """Several seller accounts fit a lookup; ``candidates`` lists them. Name the platform
    (and brand) to choose one."""

    def __init__(
        self, message: str, *, ko: str | None = None, candidates: tuple[SellerAccount, ...]
    ) -> None:
        super().__init__(message, ko=ko)
        self.candidates = candidates


class EmptyFile(UnreadableFile):
    """A file of 0 bytes, or a sheet with no cells at all: nothing to read."""


class NoFailures(OrderkitError):
    """Nothing failed in the upload, so there is no failure file to write; nothing was written."""


class MissingExtra(OrderkitError, ImportError):
    """An optional dependency is not installed; the message names the ``pip`` command
    (``pip install "orderkit[spark]"``) that installs it."""

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
checks every exception class against it, so a new exception is drawn here. Most are defined
in this module; an exception that carries a value of a higher stage is defined in that
stage (``TemplateMismatch`` and ``DuplicateColumns`` carry a draft template, so they live in
:mod:`orderkit.templates.mismatch`), and every one is importable from ``orderkit``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orderkit.model.accounts import SellerAccount
    from orderkit.model.problems import Problem

__all__ = [
    "AccountExists",
    "AccountNotFound",
    "AlreadyCancelled",
    "AmbiguousAccount",
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

"""Exceptions orderkit raises.

Data problems are values (:class:`orderkit.Problem`); exceptions are for broken inputs and
broken promises. Every exception orderkit raises derives from :class:`OrderkitError`::

    OrderkitError
    ├── InvalidArgument (also ValueError)   a caller passed an argument orderkit cannot use
    └── ValidationError                     an order failed its rules; .problems lists all
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orderkit.problems import Problem

__all__ = ["InvalidArgument", "OrderkitError", "ValidationError"]


class OrderkitError(Exception):
    """Base of every exception orderkit raises."""


class InvalidArgument(OrderkitError, ValueError):
    """A caller passed an argument orderkit cannot use (an unknown locale, say)."""


class ValidationError(OrderkitError):
    """Data failed its rules. ``problems`` holds every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem], summary: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        errors = [p for p in self.problems if p.is_error]
        head = summary or f"{len(errors)} error(s)"
        lines = [head, *(f"- {p}" for p in errors)]
        super().__init__("\n".join(lines))

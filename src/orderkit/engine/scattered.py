"""Keeping orders whole while a file is checked in batches.

A batch never ends inside a run of rows of one order, so most orders are whole in one
batch and their problems are final there. An order whose rows are scattered (its key seen
in more than one batch) cannot be judged from any one batch: its first-pass problems are
dropped, and its rows are gathered from the file in a second pass and checked together, so
batches give exactly the problems and counts of one whole read.

Only keys and problems are kept between batches, never rows: memory grows with the number
of orders (a key each) and problems, not with the file.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from orderkit.engine.assemble import Assembly
from orderkit.files.table import Table
from orderkit.model.problems import Problem
from orderkit.rules.marks import key_text

__all__ = ["OrderKey", "OrderLedger", "Settled", "keep_rows", "row_keys"]

OrderKey = tuple[str, str]
"""``(platform, order number)`` as grouping compares them."""


def row_keys(table: Table) -> list[OrderKey | None]:
    """The order key of each table position, as grouping compares them
    (``(platform, order_number)``, full-width digits as ASCII); ``None`` where the order
    number is blank: such a row is an order of its own and never scattered."""
    platforms = table.column("platform")
    return [
        (platform, key_text(number)) if number else None
        for platform, number in zip(platforms, table.column("order_number"), strict=True)
    ]


@attrs.frozen
class Settled:
    """What the batches of a file found, once scattered orders are checked whole."""

    problems: list[Problem]
    """Every problem, in row order."""
    invalid: int
    """Orders with an error."""
    order_numbers: dict[int, str]
    """The order number of each problem's row (``""`` for a row without one)."""


@attrs.define
class OrderLedger:
    """What the batches of one file have found: keys, problems and failures per order."""

    first_batch: dict[OrderKey, int] = attrs.field(factory=dict)
    """The batch each order key was first seen in."""
    scattered: set[OrderKey] = attrs.field(factory=set)
    """Keys seen in more than one batch: checked again, whole, in the second pass."""
    failed: set[OrderKey] = attrs.field(factory=set)
    """Keys of the orders with an error in the batch that held them."""
    problems: list[tuple[OrderKey | None, Problem]] = attrs.field(factory=list)
    loners: int = 0
    """Orders without an order number (one row each)."""
    failed_loners: int = 0
    rows: int = 0

    def add(self, batch: int, table: Table, assembly: Assembly) -> None:
        """Note the orders of batch number ``batch``: its mapped ``table`` (whose keys
        the rows were grouped by) and their ``assembly``, checked on their own."""
        keys = row_keys(table)
        self.rows += len(table)
        order_keys: list[OrderKey | None] = []
        for positions in assembly.groups:
            key = keys[positions[0]]
            order_keys.append(key)
            if key is None:
                self.loners += 1
                continue
            first = self.first_batch.setdefault(key, batch)
            if first != batch:
                self.scattered.add(key)
        for index in assembly.failed:
            key = order_keys[index]
            if key is None:
                self.failed_loners += 1
            else:
                self.failed.add(key)
        for index in sorted(assembly.problems_of):
            key = order_keys[index]
            self.problems.extend((key, problem) for problem in assembly.problems_of[index])

    @property
    def orders(self) -> int:
        return len(self.first_batch) + self.loners

    def settled(self, second_passes: Sequence[Assembly]) -> Settled:
        """Every problem in row order, the number of failed orders, and the order number
        of each problem's row, the scattered orders' taken from ``second_passes`` (their
        rows checked together)."""
        scattered = self.scattered
        problems: list[Problem] = []
        numbers: dict[int, str] = {}
        for key, problem in self.problems:
            if key is None or key not in scattered:
                problems.append(problem)
                if problem.row is not None:  # a row without an order number: ""
                    numbers[problem.row] = key[1] if key is not None else ""
        invalid = self.failed_loners + len(self.failed - scattered)
        for second_pass in second_passes:
            for problem, number in second_pass.numbered_problems():
                problems.append(problem)
                if problem.row is not None:
                    numbers[problem.row] = number
            invalid += len(second_pass.failed)
        # Stable: the problems of one row all come from one order, in that order's order.
        problems.sort(key=_row)
        return Settled(problems, invalid, numbers)


def _row(problem: Problem) -> int:
    return problem.row or 0


def keep_rows(table: Table, wanted: set[OrderKey]) -> Sequence[int]:
    """Positions of ``table`` whose order key is in ``wanted``."""
    return [p for p, key in enumerate(row_keys(table)) if key is not None and key in wanted]

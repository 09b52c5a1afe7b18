"""Committing one group of orders: the whole group or none of it, with a reason per row.

:func:`commit_group` sends an error-free group to the sink in one transaction and turns
the sink's answer (registered, skipped as already there, cancelled before, duplicate) into
problems; a group with any error, or one the sink refuses, fails whole, and every row of it
gets its reason for the failure file.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Final

from orderkit.engine.assemble import Assembly
from orderkit.engine.results import GroupResult, GroupStatus
from orderkit.model.errors import OrderkitError
from orderkit.model.problems import Flaw, Problem, Severity
from orderkit.model.values import Order
from orderkit.store.sink import CommitResult, Sink
from orderkit.store.stored import differing_fields, field_names, registered_same, stored_order

__all__ = ["commit_group", "short_reason"]

_SHOWN_ROWS: Final = 10


def commit_group(
    sink: Sink, upload_id: int, index: int, group: list[int], assembly: Assembly, locale: str
) -> tuple[GroupResult, dict[int, tuple[Problem, ...]]]:
    """Commit the orders ``group`` (indexes into ``assembly``) as group ``index`` of the
    upload, unless one of them has an error.

    Returns the group's result and, when it failed, the reasons for the failure file by
    row (empty when it committed).
    """
    rows = tuple(sorted(row for order in group for row in assembly.rows(order)))
    problems = [p for order in group for p in assembly.problems(order)]
    if not any(order in assembly.failed for order in group):
        orders = [o for order in group if (o := assembly.order(order)) is not None]
        try:
            outcome = sink.commit(upload_id, index, orders)
        except Exception as exc:  # the sink's own failure: the group fails, nothing persists
            flaw = Flaw("order", "commit_failed", None, (("reason", _reason(exc, locale)),))
            problems += [flaw.to_problem(row, locale) for row in rows]
        else:
            problems += _outcome_problems(sink, group, assembly, outcome, locale)
            if outcome.ok:
                skipped = len(outcome.skipped) + len(outcome.cancelled)
                result = GroupResult(
                    index, rows, len(group), GroupStatus.COMMITTED, tuple(problems),
                    registered=len(outcome.registered), skipped=skipped,
                )  # fmt: skip
                return result, {}
    return _failed(index, rows, len(group), problems, locale, _registered(sink, group, assembly))


def _registered(sink: Sink, group: list[int], assembly: Assembly) -> dict[int, tuple[int, str]]:
    """Row → (the order's first row, order number) for every row of each error-free order
    of a failed group that the store holds already with the same content (a bulk file
    re-uploaded after its fixed failure file): those orders need nothing more, and must
    not be called failed."""
    fine = [order for order in group if order not in assembly.failed]
    built = [o for order in fine if (o := assembly.order(order)) is not None]
    try:
        same = registered_same(sink, built)
    except OrderkitError:
        return {}  # the store cannot tell now: the orders are reported with their group
    found: dict[int, tuple[int, str]] = {}
    for order in fine:
        key = assembly.key(order)
        if key in same:
            rows = assembly.rows(order)
            found.update(dict.fromkeys(rows, (rows[0], key[1])))
    return found


def _outcome_problems(
    sink: Sink, group: list[int], assembly: Assembly, outcome: CommitResult, locale: str
) -> list[Problem]:
    first_row = {assembly.key(order): assembly.rows(order)[0] for order in group}
    problems = []
    index_of = {assembly.key(order): order for order in group}
    for key in outcome.duplicates:
        flaw = _duplicate(sink, key, assembly.order(index_of[key]), locale)
        problems.append(flaw.to_problem(first_row[key], locale))
    for key in outcome.skipped:
        flaw = Flaw("order_number", "already_registered", key[1], severity=Severity.WARNING)
        problems.append(flaw.to_problem(first_row[key], locale))
    for key, at in outcome.cancelled:
        when = (("at", _when(at, locale)),)
        flaw = Flaw("order_number", "already_cancelled", key[1], when, Severity.WARNING)
        problems.append(flaw.to_problem(first_row[key], locale))
    return sorted(problems, key=lambda p: p.row or 0)


def _duplicate(sink: Sink, key: tuple[str, str], order: Order | None, locale: str) -> Flaw:
    """``duplicate_order``, naming the fields that differ from the stored order when the
    store can say."""
    try:
        stored = stored_order(sink, key)
    except OrderkitError:
        stored = None
    fields = differing_fields(order, stored) if order is not None and stored else []
    if not fields:
        return Flaw("order_number", "duplicate_order", key[1])
    params = (("fields", field_names(fields, locale)),)
    return Flaw("order_number", "duplicate_order_fields", key[1], params)


_KOREA: Final = timezone(timedelta(hours=9))  # no daylight saving time in Korea


def _when(at: datetime, locale: str) -> str:
    """A stored (UTC) time for people: Korean time in Korean, UTC in English."""
    if locale == "ko":
        return at.astimezone(_KOREA).strftime("%Y-%m-%d %H:%M:%S (한국 시간)")
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _failed(
    index: int,
    rows: tuple[int, ...],
    orders: int,
    problems: list[Problem],
    locale: str,
    registered: dict[int, tuple[int, str]] | None = None,
) -> tuple[GroupResult, dict[int, tuple[Problem, ...]]]:
    """The failed group's result and failure-file reasons. Orders in ``registered`` (first
    row → key) are stored as they are: they get ``already_registered``, not
    ``group_failed``, and stay out of the failure file."""
    registered = registered or {}
    own: dict[int, list[Problem]] = {}
    for problem in problems:
        if problem.is_error and problem.row is not None:
            own.setdefault(problem.row, []).append(problem)
    bad_rows = sorted(own)
    shown = ", ".join(map(str, bad_rows[:_SHOWN_ROWS]))
    if len(bad_rows) > _SHOWN_ROWS:
        shown += " …"
    group_failed = Flaw("order", "group_failed", None, (("rows", shown),), Severity.ERROR)
    reasons: dict[int, tuple[Problem, ...]] = {}
    extra: list[Problem] = []
    for row in rows:
        if row in own:
            reasons[row] = tuple(own[row])
        elif row in registered:
            first, number = registered[row]
            if first == row:
                flaw = Flaw("order_number", "already_registered_group", number,
                            severity=Severity.WARNING)  # fmt: skip
                extra.append(flaw.to_problem(row, locale))
        else:
            problem = group_failed.to_problem(row, locale)
            extra.append(problem)
            reasons[row] = (problem,)
    result = GroupResult(
        index, rows, orders, GroupStatus.FAILED, tuple(problems + extra),
        skipped=len({first for first, _ in registered.values()}),
    )  # fmt: skip
    return result, reasons


def _reason(exc: Exception, locale: str) -> str:
    """Why a store failed, in the user's language when it is orderkit's own error."""
    if isinstance(exc, OrderkitError):
        return exc.localized(locale)[:300]
    return short_reason(exc)


def short_reason(exc: Exception) -> str:
    """An exception in one short line: its type and the first line of its text."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:200]

"""The upload engine: groups of orders commit whole or fail whole.

read → map → assemble → group → commit → report. A group with any error is not sent to the
sink; a clean group is committed in one transaction; whatever fails goes to the failure file
with a reason on every row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

import attrs

from orderkit.accounts import SellerAccount, TemplateVersion
from orderkit.assemble import Assembly, assemble_orders
from orderkit.catalogue import load_catalogue
from orderkit.errors import InvalidArgument, StoreError
from orderkit.failures import failure_file
from orderkit.files import CatalogueSource, TemplateSource, map_file
from orderkit.grouping import group_orders, upload_mode
from orderkit.mapper import MappedSheet
from orderkit.matching import map_by_account
from orderkit.messages import check_locale
from orderkit.problems import Flaw, Problem, Severity
from orderkit.results import GroupResult, GroupStatus, UploadResult
from orderkit.safety import Limits
from orderkit.sink import CommitResult, Sink
from orderkit.store import SqliteSink

__all__ = ["upload_file", "upload_rows"]

GROUP_SIZE: Final = 100
SMALL_LIMIT: Final = 300
MAX_ORDERS: Final = 5000
_SHOWN_ROWS: Final = 10

OnGroup = Callable[[GroupResult], object]


def upload_file(
    path: str | Path,
    template: TemplateSource | Sink | None = None,
    sink: Sink | None = None,
    *,
    account: SellerAccount | str | None = None,
    platform: str | None = None,
    brand: str | None = None,
    catalogue: CatalogueSource | None = None,
    group_size: int = GROUP_SIZE,
    small_limit: int = SMALL_LIMIT,
    max_orders: int = MAX_ORDERS,
    on_group: OnGroup | None = None,
    locale: str = "ko",
    limits: Limits | None = None,
) -> UploadResult:
    """Validate a seller's order file and commit it to ``sink`` group by group.

    Call it as ``upload_file(path, template, sink)``, or — with a seller account whose
    template is matched in the store — as ``upload_file(path, sink, account=...)``: the
    account's active template version maps the file and the upload records that version.

    1 to ``small_limit`` orders are one group (small mode); up to ``max_orders`` are split
    into groups of ``group_size`` orders (bulk mode); more are refused with
    ``too_many_orders`` and nothing is committed. ``on_group`` is called with each
    :class:`GroupResult` as it completes.

    Raises:
        UnreadableFile, TemplateError, TemplateMismatch: as :func:`orderkit.validate_file`;
        nothing is committed then. With an account, the mismatch says what changed.
    """
    check_locale(locale)
    if sink is None and isinstance(template, Sink):
        sink, template = template, None
    if sink is None or isinstance(template, Sink):
        raise InvalidArgument("upload_file needs a file, a template (or an account) and a sink")
    links = load_catalogue(catalogue) if catalogue is not None else None
    version: TemplateVersion | None = None
    if account is not None:
        if template is not None:
            raise InvalidArgument("give a template or an account, not both")
        if not isinstance(sink, SqliteSink):
            raise InvalidArgument("uploading by account needs a store that keeps accounts")
        mapped, version = map_by_account(
            path, sink, account, platform=platform, brand=brand, locale=locale, limits=limits
        )
    elif template is None:
        raise InvalidArgument("give a template, or an account whose template is matched")
    else:
        mapped = map_file(
            path, template, platform=platform, brand=brand, locale=locale, limits=limits
        )
    assembly = assemble_orders(mapped.table, catalogue=links, locale=locale)
    return upload_rows(
        mapped,
        assembly,
        sink,
        source=Path(path).name,
        group_size=group_size,
        small_limit=small_limit,
        max_orders=max_orders,
        on_group=on_group,
        locale=locale,
        template_version=version,
    )


def upload_rows(
    mapped: MappedSheet,
    assembly: Assembly,
    sink: Sink,
    *,
    source: str = "rows",
    group_size: int = GROUP_SIZE,
    small_limit: int = SMALL_LIMIT,
    max_orders: int = MAX_ORDERS,
    on_group: OnGroup | None = None,
    locale: str = "ko",
    template_version: TemplateVersion | None = None,
) -> UploadResult:
    """The engine over a sheet already mapped and assembled into orders."""
    check_locale(locale)
    indexes = range(len(assembly))
    groups = group_orders(
        indexes, group_size=group_size, small_limit=small_limit, max_orders=max_orders
    )
    mode = upload_mode(len(indexes), small_limit=small_limit, max_orders=max_orders)
    rows = len(mapped.table)
    if mode == "refused":
        return _refused(mapped, assembly, max_orders, locale)

    try:
        if template_version is not None and isinstance(sink, SqliteSink):
            upload_id = sink.start_upload(
                source, orders=len(indexes), rows=rows, template_version=template_version
            )
        else:
            upload_id = sink.start_upload(source, orders=len(indexes), rows=rows)
    except Exception as exc:
        raise StoreError(
            f"the store cannot start an upload ({_short(exc)}); nothing was committed",
            ko=f"저장소에 업로드를 시작할 수 없습니다 ({_short(exc)}). "
            "아무것도 등록되지 않았습니다.",
        ) from exc
    results: list[GroupResult] = []
    reasons: dict[int, tuple[Problem, ...]] = {}
    for index, group in enumerate(groups):
        result, group_reasons = _run_group(sink, upload_id, index, group, assembly, locale)
        result = attrs.evolve(result, total=len(groups))
        results.append(result)
        reasons.update(group_reasons)
        if on_group is not None:
            on_group(result)
    failures = failure_file(mapped.sheet, mapped.header_index, reasons, locale=locale)
    committed = sum(g.registered for g in results)
    failed = sum(g.orders for g in results if not g.ok)
    problems = [p for g in results for p in g.problems]
    try:
        sink.finish_upload(upload_id, failures, committed=committed, failed=failed)
    except Exception as exc:
        # What was committed stays committed; the failure file is still in the result.
        flaw = Flaw("order", "not_stored", None, (("reason", _short(exc)),), Severity.WARNING)
        problems.append(flaw.to_problem(None, locale))
    return UploadResult(
        upload_id, mode, tuple(results), tuple(problems), failures, rows, len(indexes)
    )


def _run_group(
    sink: Sink, upload_id: int, index: int, group: list[int], assembly: Assembly, locale: str
) -> tuple[GroupResult, dict[int, tuple[Problem, ...]]]:
    rows = tuple(sorted(row for order in group for row in assembly.rows(order)))
    problems = [p for order in group for p in assembly.problems(order)]
    if not any(order in assembly.failed for order in group):
        orders = [o for order in group if (o := assembly.order(order)) is not None]
        try:
            outcome = sink.commit(upload_id, index, orders)
        except Exception as exc:  # the sink's own failure: the group fails, nothing persists
            flaw = Flaw("order", "commit_failed", None, (("reason", _short(exc)),))
            problems += [flaw.to_problem(row, locale) for row in rows]
        else:
            problems += _outcome_problems(group, assembly, outcome, locale)
            if outcome.ok:
                result = GroupResult(
                    index, rows, len(group), GroupStatus.COMMITTED, tuple(problems),
                    registered=len(outcome.registered), skipped=len(outcome.skipped),
                )  # fmt: skip
                return result, {}
    return _failed(index, rows, len(group), problems, locale)


def _outcome_problems(
    group: list[int], assembly: Assembly, outcome: CommitResult, locale: str
) -> list[Problem]:
    first_row = {assembly.key(order): assembly.rows(order)[0] for order in group}
    problems = []
    for keys, message_id, severity in (
        (outcome.duplicates, "duplicate_order", Severity.ERROR),
        (outcome.skipped, "already_registered", Severity.WARNING),
    ):
        for key in keys:
            flaw = Flaw("order_number", message_id, key[1], severity=severity)
            problems.append(flaw.to_problem(first_row[key], locale))
    return problems


def _failed(
    index: int, rows: tuple[int, ...], orders: int, problems: list[Problem], locale: str
) -> tuple[GroupResult, dict[int, tuple[Problem, ...]]]:
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
        else:
            problem = group_failed.to_problem(row, locale)
            extra.append(problem)
            reasons[row] = (problem,)
    result = GroupResult(index, rows, orders, GroupStatus.FAILED, tuple(problems + extra))
    return result, reasons


def _refused(mapped: MappedSheet, assembly: Assembly, limit: int, locale: str) -> UploadResult:
    params = (("count", f"{len(assembly):,}"), ("limit", f"{limit:,}"))
    problem = Flaw("order", "too_many_orders", None, params).to_problem(None, locale)
    reasons = {row: (problem,) for i in range(len(assembly)) for row in assembly.rows(i)}
    failures = failure_file(mapped.sheet, mapped.header_index, reasons, locale=locale)
    rows = len(mapped.table)
    return UploadResult(None, "refused", (), (problem,), failures, rows, len(assembly))


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:200]

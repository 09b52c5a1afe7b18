"""The upload engine: groups of orders commit whole or fail whole.

read → map → assemble → group → commit → report. A group with any error is not sent to the
sink; a clean group is committed in one transaction; whatever fails goes to the failure file
with a reason on every row. This module takes the arguments, refuses what is too big and runs
the groups; committing one group is :mod:`orderkit.engine.group_commit`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import cast

import attrs

from orderkit.engine.assemble import Assembly, assemble_orders, group_rows
from orderkit.engine.catalogue import load_catalogue
from orderkit.engine.counting import OrderCount, count_orders
from orderkit.engine.group_commit import commit_group, short_reason
from orderkit.engine.grouping import GROUP_SIZE, MAX_ORDERS, SMALL_LIMIT, group_orders, upload_mode
from orderkit.engine.matching import map_by_account
from orderkit.engine.results import GroupResult, UploadResult
from orderkit.engine.validate import (
    CatalogueSource,
    TemplateSource,
    require_orders,
    too_many_orders,
)
from orderkit.files.failures import failure_file
from orderkit.files.safety import Limits
from orderkit.files.sheet import Sheet
from orderkit.model.accounts import SellerAccount
from orderkit.model.error_texts import error
from orderkit.model.errors import InvalidArgument, OrderkitError, StoreError
from orderkit.model.messages import check_locale
from orderkit.model.problems import Flaw, Problem, Severity
from orderkit.store.accounts import TemplateVersion
from orderkit.store.sink import Sink
from orderkit.store.storage import Store
from orderkit.store.stored import similar_platforms
from orderkit.templates.fitting import SheetChoice, check_sheet, read_for, with_fitting_sheet
from orderkit.templates.mapper import MappedSheet, map_sheet
from orderkit.templates.mismatch import TemplateMismatch

__all__ = ["upload_file", "upload_rows"]

OnGroup = Callable[[GroupResult], object]


def upload_file(
    path: str | Path,
    store: Sink | None = None,
    *legacy: Sink | None,
    template: TemplateSource | None = None,
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
    sink: Sink | None = None,
    sheet: SheetChoice | None = None,
) -> UploadResult:
    """Validate a seller's order file and commit it to ``store`` group by group.

    Call it as ``upload_file(path, store, template=...)``, or — with a seller account whose
    template is matched in the store — as ``upload_file(path, store, account=...)``: the
    account's active template version maps the file and the upload records that version
    (``platform``/``brand`` choose among accounts of one name). ``store`` is any
    :class:`Sink`; uploading by account needs a :class:`Store`.

    1 to ``small_limit`` orders are one group (small mode); up to ``max_orders`` are split
    into groups of ``group_size`` orders (bulk mode); more are refused with
    ``too_many_orders`` and nothing is committed. ``on_group`` is called with each
    :class:`GroupResult` as it completes. ``sheet`` chooses the worksheet (a name, or a
    number from 1) instead of the template's, like ``--sheet``.

    The older ``upload_file(path, template, sink)`` (and ``sink=``) still works for one
    release, with a :class:`DeprecationWarning`.

    ``sheet`` (a name, or a number from 1) reads that sheet of a workbook instead of the
    one the template (or the account's template) names.

    Raises:
        UnreadableFile, TemplateError, TemplateMismatch: as :func:`orderkit.validate_file`;
        nothing is committed then. With an account, the mismatch says what changed; a
            mismatch names another sheet that fits in ``other_sheet``.
        StoreError: the store cannot start the upload.
    """
    check_locale(locale)
    check_sheet(sheet)
    store, template = _old_shape(store, legacy, sink, template)
    links = load_catalogue(catalogue) if catalogue is not None else None
    version: TemplateVersion | None = None
    if account is not None:
        if template is not None:
            raise error(InvalidArgument, "template_or_account")
        if not isinstance(store, Store):
            raise InvalidArgument(
                "uploading by account needs a store that keeps accounts "
                "(SqliteSink, PostgresSink or another orderkit.Store)",
                ko="계정으로 올리려면 계정을 보관하는 저장소(SqliteSink, PostgresSink 등 "
                "orderkit.Store)가 필요합니다.",
            )
        mapped, version = map_by_account(
            path, store, account, platform=platform, brand=brand, locale=locale, limits=limits,
            sheet=sheet,
        )  # fmt: skip
    elif template is None:
        raise InvalidArgument(
            "give a template (template=...), or an account whose template is matched (account=...)",
            ko="템플릿(template=...)이나, 템플릿이 매칭된 계정(account=...)을 주세요.",
        )
    else:
        loaded, read = read_for(
            path,
            template,
            limits=limits,
            sheet=sheet,
            platform=platform,
            brand=brand,
            locale=locale,
        )
        try:
            # Counted from the order key alone, before the sheet is mapped whole.
            count = count_orders(read, loaded, platform=platform, brand=brand, locale=locale)
        except TemplateMismatch as mismatch:
            raise with_fitting_sheet(mismatch, path, loaded, limits) from None
        if count.orders > max_orders:
            return _too_many(read, count, max_orders, locale)
        mapped = map_sheet(read, loaded, platform=platform, brand=brand, locale=locale)
    require_orders(mapped, Path(path).name)
    orders = len(group_rows(mapped.table))
    if orders > max_orders:
        return _too_many(
            mapped.sheet,
            OrderCount(len(mapped.table), orders, mapped.header_index),
            max_orders,
            locale,
        )
    assembly = assemble_orders(mapped.table, catalogue=links, locale=locale)
    return upload_rows(
        mapped,
        assembly,
        store,
        source=Path(path).name,
        group_size=group_size,
        small_limit=small_limit,
        max_orders=max_orders,
        on_group=on_group,
        locale=locale,
        template_version=version,
    )


def _old_shape(
    store: Sink | None,
    legacy: tuple[Sink | None, ...],
    sink: Sink | None,
    template: TemplateSource | None,
) -> tuple[Sink, TemplateSource | None]:
    """The store and template of a call, turning the deprecated shapes
    ``(path, template, sink)`` and ``sink=`` into the current one, with a warning."""
    candidates = [s for s in (*legacy, sink) if s is not None]
    if len(legacy) > 1 or len(candidates) > 1:
        raise InvalidArgument(
            "upload_file takes a file and one store: upload_file(path, store, template=...)",
            ko="upload_file에는 파일 하나와 저장소 하나를 주세요: "
            "upload_file(경로, 저장소, template=...)",
        )
    if not candidates and not legacy and sink is None:
        if store is None or not isinstance(store, Sink):
            raise InvalidArgument(
                "upload_file needs a store: upload_file(path, store, template=...)",
                ko="upload_file에는 저장소가 필요합니다: upload_file(경로, 저장소, template=...)",
            )
        return store, template
    warnings.warn(
        "upload_file(path, template, sink) and sink= are deprecated and go in the next "
        "release: call upload_file(path, store, template=...) or (path, store, account=...)",
        DeprecationWarning,
        stacklevel=3,
    )
    if store is not None and not isinstance(store, Sink):
        if template is not None:
            raise InvalidArgument("give the template once", ko="템플릿은 한 번만 주세요.")
        template = cast(TemplateSource, store)
    if not candidates:
        raise InvalidArgument(
            "upload_file needs a store: upload_file(path, store, template=...)",
            ko="upload_file에는 저장소가 필요합니다: upload_file(경로, 저장소, template=...)",
        )
    return candidates[0], template


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
        if template_version is not None and isinstance(sink, Store):
            upload_id = sink.start_upload(
                source, orders=len(indexes), rows=rows, template_version=template_version
            )
        else:
            upload_id = sink.start_upload(source, orders=len(indexes), rows=rows)
    except Exception as exc:
        raise StoreError(
            f"the store cannot start an upload ({short_reason(exc)}); nothing was committed",
            ko=f"저장소에 업로드를 시작할 수 없습니다 ({short_reason(exc)}). "
            "아무것도 등록되지 않았습니다.",
        ) from exc
    _warn_similar_platforms(sink, assembly, locale)
    results: list[GroupResult] = []
    reasons: dict[int, tuple[Problem, ...]] = {}
    for index, group in enumerate(groups):
        result, group_reasons = commit_group(sink, upload_id, index, group, assembly, locale)
        result = attrs.evolve(result, total=len(groups))
        results.append(result)
        reasons.update(group_reasons)
        if on_group is not None:
            on_group(result)
    failures = failure_file(mapped.sheet, mapped.header_index, reasons, locale=locale)
    committed = sum(g.registered for g in results)
    # An order of a failed group that the store already holds as it is did not fail.
    failed = sum(g.orders - g.skipped for g in results if not g.ok)
    problems = [p for g in results for p in g.problems]
    try:
        sink.finish_upload(upload_id, failures, committed=committed, failed=failed)
    except Exception as exc:
        # What was committed stays committed; the failure file is still in the result.
        flaw = Flaw("order", "not_stored", None, (("reason", short_reason(exc)),), Severity.WARNING)
        problems.append(flaw.to_problem(None, locale))
    return UploadResult(
        upload_id, mode, tuple(results), tuple(problems), failures, rows, len(indexes)
    )


def _warn_similar_platforms(sink: Sink, assembly: Assembly, locale: str) -> None:
    """Once per platform of the upload that the store holds only in another case, on the
    first order written with it (the case is kept: the seller decides)."""
    firsts: dict[str, int] = {}
    for index, (platform, _) in enumerate(assembly.keys()):
        if platform and index not in assembly.failed:
            firsts.setdefault(platform, index)
    try:
        similar = similar_platforms(sink, firsts)
    except OrderkitError:
        return
    for platform, stored in similar.items():
        index = firsts[platform]
        params = (("stored", stored),)
        flaw = Flaw("platform", "similar_platform", platform, params, Severity.WARNING)
        problem = flaw.to_problem(assembly.rows(index)[0], locale)
        assembly.problems_of.setdefault(index, []).append(problem)


def _too_many(sheet: Sheet, count: OrderCount, limit: int, locale: str) -> UploadResult:
    # Refused as soon as the count is known: no row is checked, no failure file made
    # (every row would carry the same reason: split the file).
    problem = too_many_orders(count.orders, limit, locale)
    failures = failure_file(sheet, count.header_index, {}, locale=locale)
    return UploadResult(None, "refused", (), (problem,), failures, count.rows, count.orders)


def _refused(mapped: MappedSheet, assembly: Assembly, limit: int, locale: str) -> UploadResult:
    problem = too_many_orders(len(assembly), limit, locale)
    # No failure file: every row would carry the same reason (split the file).
    failures = failure_file(mapped.sheet, mapped.header_index, {}, locale=locale)
    rows = len(mapped.table)
    return UploadResult(None, "refused", (), (problem,), failures, rows, len(assembly))

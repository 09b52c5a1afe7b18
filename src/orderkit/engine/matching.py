"""Mapping a file with a seller account's matched template, and explaining drift.

The account's active version maps the file. A failure file handed back by an earlier
version is still accepted by that version after a re-match. Any other file that does not
fit is refused with a :class:`TemplateMismatch` that says what changed and carries a draft
re-match that keeps the mapping of every unchanged column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import attrs

from orderkit.files.failures import REASON_HEADER
from orderkit.files.reader import read_sheet, sheet_index
from orderkit.files.safety import Limits
from orderkit.files.sheet import Sheet
from orderkit.model.accounts import SellerAccount
from orderkit.store.accounts import TemplateVersion, compare_headers
from orderkit.store.storage import Store
from orderkit.templates.fitting import fitting_sheet
from orderkit.templates.mapper import HEADER_SEARCH_ROWS, MappedSheet, find_header, map_sheet
from orderkit.templates.mismatch import TemplateMismatch
from orderkit.templates.suggest import suggest_template

__all__ = ["map_by_account"]

_REASON: Final = REASON_HEADER


def map_by_account(
    path: str | Path,
    store: Store,
    account: SellerAccount | str,
    *,
    platform: str | None = None,
    brand: str | None = None,
    locale: str = "ko",
    limits: Limits | None = None,
    sheet: str | int | None = None,
) -> tuple[MappedSheet, TemplateVersion]:
    """Map ``path`` with the account's template; return the mapping and the version used.

    ``sheet`` (a name, or a number from 1) overrides the sheet the template names.

    Raises:
        AccountNotFound: no such account, or no template matched for it.
        AmbiguousAccount: several accounts have that name; give ``platform``/``brand``.
        TemplateMismatch: the file fits no version it may use; ``.drift`` says what changed
            and ``.draft`` is a draft re-match.
    """
    if isinstance(account, str):  # the platform and brand given choose among same-named ones
        account = store.account(account, platform=platform, brand=brand)
    versions = store.template_history(account)
    active = store.active_template(account)
    template = active.template
    if sheet is not None:
        template = attrs.evolve(template, sheet=sheet)
    read = read_sheet(path, sheet=sheet_index(template.sheet), limits=limits)
    platform = platform or account.platform
    brand = brand or account.brand or None

    def mapped_with(version: TemplateVersion) -> MappedSheet:
        return map_sheet(read, version.template, platform=platform, brand=brand, locale=locale)

    try:
        return mapped_with(active), active
    except TemplateMismatch as mismatch:
        if _is_failure_file(read):
            for version in reversed(versions[:-1]):
                try:
                    return mapped_with(version), version
                except TemplateMismatch:
                    continue
        header = read.row(find_header(read, template))[0]
        drift = compare_headers(active.headers, [h for h in header if h != _REASON])
        draft = suggest_template(read, seed=template, renamed=dict(drift.renamed))
        other = fitting_sheet(path, template, limits=limits)
        raise TemplateMismatch(
            mismatch.problems, drift=drift, draft=draft, other_sheet=other
        ) from None


def _is_failure_file(sheet: Sheet) -> bool:
    """A failure file orderkit wrote: a header row ending in the reason column."""
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet))):
        cells = [c for c in sheet.row(index)[0] if c]
        if cells and cells[-1] == _REASON:
            return True
    return False

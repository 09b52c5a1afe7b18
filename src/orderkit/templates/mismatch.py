"""The exceptions of a sheet that does not fit its template.

They carry a draft :class:`~orderkit.Template` and the header :class:`~orderkit.Drift`, so
they are defined with the templates, not in :mod:`orderkit.model.errors` (which is drawn
with the whole exception tree).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from orderkit.model.errors import _ProblemsError

if TYPE_CHECKING:
    from orderkit.model.accounts import Drift
    from orderkit.model.problems import Problem
    from orderkit.templates.template import Template

__all__ = ["DuplicateColumns", "TemplateMismatch"]


class TemplateMismatch(_ProblemsError):
    """A file lacks columns its template needs; ``problems`` has one ``missing_column`` each,
    and one ``duplicate_column`` for each header it reads that also stands twice unpicked
    (every fault of the header row at once).

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
        # The columns that are not there; a header that stands twice is said after them.
        missing = [p for p in problems if p.code != "duplicate_column"]
        headers = ", ".join(repr(p.value) for p in missing)
        ko, en = ERRORS.both("mismatch", count=len(missing), headers=headers)
        if twice := [p for p in problems if p.code == "duplicate_column"]:
            headers = ", ".join(repr(p.value) for p in twice)
            ko += " " + ERRORS("mismatch_duplicates", "ko", headers=headers)
            en += " " + ERRORS("mismatch_duplicates", "en", headers=headers)
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

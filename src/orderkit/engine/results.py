"""What an upload did: per group, per row, and the failure file to hand back."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from orderkit.engine.report import problems_frame, problems_html
from orderkit.files.failures import FailureFile
from orderkit.model.problems import Problem

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GroupResult", "GroupStatus", "UploadResult"]


class GroupStatus(enum.StrEnum):
    COMMITTED = "committed"
    FAILED = "failed"


@attrs.frozen
class GroupResult:
    """One group: which rows, how many orders, committed or failed, and why."""

    index: int
    """0-based position of the group in the upload."""
    rows: tuple[int, ...]
    """The Excel rows of the group's orders, in file order."""
    orders: int
    status: GroupStatus
    problems: tuple[Problem, ...]
    registered: int = 0
    skipped: int = 0
    total: int = attrs.field(default=1, kw_only=True)
    """How many groups the upload has (for progress: group ``index + 1`` of ``total``)."""

    @property
    def ok(self) -> bool:
        return self.status is GroupStatus.COMMITTED

    @property
    def first_row(self) -> int:
        return self.rows[0]

    @property
    def last_row(self) -> int:
        return self.rows[-1]


@attrs.frozen
class UploadResult:
    """The result of :func:`orderkit.upload_file`.

    ``committed`` counts orders newly registered, ``skipped`` orders already registered with
    the same content, ``failed`` orders of failed groups (or of a refused upload).
    """

    upload_id: int | None
    mode: str
    """``"small"``, ``"bulk"`` or ``"refused"``."""
    groups: tuple[GroupResult, ...]
    problems: tuple[Problem, ...]
    failures: FailureFile
    rows: int
    """Data rows read from the file."""
    orders: int
    """Orders in the file."""

    @property
    def committed(self) -> int:
        return sum(g.registered for g in self.groups)

    @property
    def skipped(self) -> int:
        return sum(g.skipped for g in self.groups)

    @property
    def failed(self) -> int:
        if self.mode == "refused":
            return self.orders
        # An order of a failed group that the store already held as it is did not fail.
        return sum(g.orders - g.skipped for g in self.groups if not g.ok)

    @property
    def ok(self) -> bool:
        """True when every group committed (warnings allowed)."""
        return self.mode != "refused" and all(g.ok for g in self.groups)

    def summary(self) -> dict[str, int | str | None]:
        return {
            "upload_id": self.upload_id,
            "mode": self.mode,
            "rows": self.rows,
            "orders": self.orders,
            "groups": len(self.groups),
            "groups_committed": sum(g.ok for g in self.groups),
            "groups_failed": sum(not g.ok for g in self.groups),
            "committed": self.committed,
            "skipped": self.skipped,
            "failed": self.failed,
            "failure_rows": len(self.failures),
        }

    def write_failure_file(self, path: str | Path) -> Path:
        """Write the failure file (xlsx): every row of every failed group, with reasons.

        See :meth:`FailureFile.write <orderkit.FailureFile.write>`.

        Raises:
            NoFailures: nothing failed (``len(result.failures) == 0``); nothing is written.
        """
        return self.failures.write(path)

    def to_frame(self) -> pd.DataFrame:
        """The problems as a DataFrame: row, column, field, code, severity, message, value."""
        return problems_frame(self.problems)

    def groups_frame(self) -> pd.DataFrame:
        import pandas as pd

        records = [
            # groups numbered from 1, as rows are
            (g.index + 1, g.first_row, g.last_row, g.orders, str(g.status), g.registered, g.skipped)
            for g in self.groups
        ]
        columns = ["group", "first_row", "last_row", "orders", "status", "registered", "skipped"]
        return pd.DataFrame.from_records(records, columns=columns)

    def _repr_html_(self) -> str:
        import html  # for notebooks only

        s = self.summary()
        verdict = "OK" if self.ok else "failures"
        head = (
            f"<p><strong>orderkit upload {html.escape(str(s['upload_id']))}: {verdict}</strong>"
            f" — {s['mode']} mode, {s['orders']} orders in {s['groups']} groups: "
            f"{s['groups_committed']} committed, {s['groups_failed']} failed; "
            f"{s['committed']} orders registered, {s['skipped']} skipped, "
            f"{s['failed']} failed ({s['failure_rows']} rows in the failure file)</p>"
        )
        return head + problems_html(self.problems)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.summary().items())
        return f"<UploadResult ok={self.ok} {counts}>"

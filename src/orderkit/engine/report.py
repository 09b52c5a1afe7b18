"""What validating a file found: the valid orders and every problem, by Excel row."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Final

import attrs

from orderkit.engine.assemble import AssembledOrder, Assembly
from orderkit.model.error_texts import error
from orderkit.model.errors import InvalidArgument, NoOrders
from orderkit.model.problems import Problem
from orderkit.model.values import Order

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from orderkit.templates.mapper import MappedSheet

__all__ = [
    "PROBLEM_COLUMNS",
    "Counts",
    "Report",
    "no_orders",
    "orders_frame",
    "problems_frame",
    "problems_html",
]

PROBLEM_COLUMNS: Final = ("row", "column", "field", "code", "severity", "message", "value")
_HTML_ROWS: Final = 200


@attrs.frozen
class Counts:
    """How many rows and orders a report covers, and how many orders failed."""

    rows: int
    orders: int
    invalid_orders: int

    @classmethod
    def of(cls, assembly: Assembly) -> Counts:
        return cls(len(assembly.table), len(assembly), len(assembly.failed))


class Report:
    """The result of :func:`orderkit.validate_file` and :func:`orderkit.validate_records`.

    ``problems`` holds every error and warning with its Excel row, ``orders`` the valid
    orders (built on first use), ``assembled`` each order of the file with its rows. A
    report made with ``keep_orders=False`` holds the problems and counts only.

    A report given ``assemble`` holds the problems and counts found without checking every
    order (screened records), and assembles all of them only when its orders (or
    ``assembly``) are asked for.
    """

    def __init__(
        self,
        assembly: Assembly | None,
        mapped: MappedSheet | None = None,
        *,
        problems: Sequence[Problem] | None = None,
        counts: Counts | None = None,
        file_problems: Sequence[Problem] = (),
        order_numbers: Mapping[int, str] | None = None,
        assemble: Callable[[], Assembly] | None = None,
    ) -> None:
        self._assembly_value = assembly
        self._assemble = assemble if assembly is None else None
        self._order_numbers = dict(order_numbers or {})
        self.mapped = mapped
        if assembly is not None:
            counts = Counts.of(assembly)
        if counts is None or (assemble is not None and problems is None):
            raise error(InvalidArgument, "report_needs_counts")
        self.counts = counts
        self.file_problems = tuple(file_problems)
        """Problems of the file as a whole (``too_many_orders``), listed first."""
        # Problems and counts given, not read from an assembly (a streamed or screened report).
        self._counted = problems is not None
        if problems is not None:
            self.__dict__["problems"] = (*self.file_problems, *problems)

    @property
    def assembly(self) -> Assembly | None:
        """Every order checked, with its rows; ``None`` for a report of problems and counts
        only. A screened report assembles it on first use."""
        if self._assembly_value is None and self._assemble is not None:
            self._assembly_value = self._assemble()
            self._assemble = None
        return self._assembly_value

    def __getstate__(self) -> dict[str, object]:
        # A screened report's orders are assembled before it is pickled: a function that
        # would assemble them later does not pickle.
        _ = self.assembly
        return dict(self.__dict__)

    def with_file_problems(self, problems: Sequence[Problem]) -> Report:
        """This report with ``problems`` of the file as a whole listed first."""
        if self._assembly_value is not None and not self._counted:
            return Report(self._assembly_value, self.mapped, file_problems=problems)
        assembly = self._assembly_value
        return Report(
            None,
            problems=self.problems[len(self.file_problems) :],
            counts=self.counts,
            file_problems=problems,
            order_numbers=self._order_numbers,
            assemble=self._assemble if assembly is None else lambda: assembly,
        )

    @cached_property
    def problems(self) -> tuple[Problem, ...]:
        return (*self.file_problems, *self._assembly().all_problems())

    @cached_property
    def orders(self) -> tuple[Order, ...]:
        assembly = self._assembly()
        return tuple(o for i in range(len(assembly)) if (o := assembly.order(i)) is not None)

    @cached_property
    def assembled(self) -> tuple[AssembledOrder, ...]:
        assembly = self._assembly()
        return tuple(assembly.assembled(i) for i in range(len(assembly)))

    def _assembly(self) -> Assembly:
        if self.assembly is None:
            raise error(InvalidArgument, "report_keeps_no_orders")
        return self.assembly

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.counts.invalid_orders == 0 and not any(p.is_error for p in self.file_problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def rows(self) -> int:
        """How many data rows were read."""
        return self.counts.rows

    def summary(self) -> dict[str, int]:
        orders, invalid = self.counts.orders, self.counts.invalid_orders
        return {
            "rows": self.rows,
            "orders": orders,
            "valid_orders": orders - invalid,
            "invalid_orders": invalid,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }

    def to_frame(self) -> pd.DataFrame:
        """The problems as a pandas DataFrame with the columns of :meth:`to_arrow`, in its
        order: row, order_number, field, column, code, severity, message, value.

        ``row`` is a nullable ``Int64`` and the other columns pandas' ``string`` dtype, so a
        missing value is ``pd.NA`` in every column (test it with ``.isna()``), as it is null
        in :meth:`to_arrow` and :meth:`to_polars`, whichever pandas is installed.
        """
        from orderkit.engine.frame import PROBLEM_FIELDS

        return _pandas_problems(
            ((p.row, number, p.field, p.column, p.code, p.severity, p.message, p.value)
             for p, number in self.problems_with_orders()),
            PROBLEM_FIELDS,
        )  # fmt: skip

    def problems_with_orders(self) -> Iterator[tuple[Problem, str | None]]:
        """Each problem with the number of the order its row belongs to (``""`` for a row
        without an order number, ``None`` for a problem of no row)."""
        order_of: dict[int, str] = dict(self._order_numbers)
        # A screened report's numbers cover each problem's row: its orders may not be built.
        assembly = None if self._counted else self._assembly_value
        if assembly is not None:
            for index in range(len(assembly)):
                number = assembly.key(index)[1]
                order_of.update((row, number) for row in assembly.rows(index))
        for problem in self.problems:
            yield problem, order_of.get(problem.row) if problem.row is not None else None

    def orders_frame(self) -> pd.DataFrame:
        """The valid orders as a DataFrame: one row per SKU line, with the order's fields.

        Their ``status`` is ``"validated"``: a report only checks orders, nothing of it is
        registered (an upload's store says what is).
        """
        return orders_frame(self.orders, status="validated")

    def _repr_html_(self) -> str:
        counts = self.summary()
        verdict = "OK" if self.ok else "errors found"
        head = (
            f"<p><strong>orderkit report: {verdict}</strong> — {counts['rows']} rows, "
            f"{counts['orders']} orders ({counts['valid_orders']} valid), "
            f"{counts['errors']} errors, {counts['warnings']} warnings</p>"
        )
        return head + problems_html(self.problems)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.summary().items())
        return f"<Report ok={self.ok} {counts}>"

    def to_arrow(self) -> pa.Table:
        """The problems as an Arrow table with the columns of :func:`orderkit.validate_frame`
        (row, order_number, field, column, code, severity, message, value); needs pyarrow
        (``orderkit[arrow]``). ``order_number`` is null for a problem of no row."""
        from orderkit.engine.frame import report_table

        return report_table(self)

    def to_polars(self) -> pl.DataFrame:
        """The problems as a polars DataFrame, columns as :meth:`to_arrow`; needs polars
        (``orderkit[polars]``)."""
        from orderkit.model.extras import require

        polars = require("polars", "polars")
        frame: pl.DataFrame = polars.from_arrow(self.to_arrow())
        return frame


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as a pandas DataFrame of :data:`PROBLEM_COLUMNS` (dtypes as
    :meth:`Report.to_frame`)."""
    return _pandas_problems(
        ((p.row, p.column, p.field, p.code, p.severity, p.message, p.value) for p in problems),
        PROBLEM_COLUMNS,
    )


def _pandas_problems(records: Iterable[tuple[object, ...]], names: Sequence[str]) -> pd.DataFrame:
    """``row`` as ``Int64``, everything else as ``string``: ``pd.NA`` for what is missing.
    Left to itself pandas 2 gives ``object`` columns holding ``None`` and pandas 3 ``str``
    columns holding NaN, so a notebook's missing-value test would depend on the version."""
    import pandas as pd

    columns: list[list[object]] = [[] for _ in names]
    for record in records:
        for column, value in zip(columns, record, strict=True):
            column.append(value if value is None or isinstance(value, int) else str(value))
    frame = {
        name: pd.Series(values, dtype="Int64" if name == "row" else "string")
        for name, values in zip(names, columns, strict=True)
    }
    return pd.DataFrame(frame)


def orders_frame(orders: Iterable[Order], *, status: str | None = None) -> pd.DataFrame:
    """Orders as a DataFrame, one row per SKU line; ``status`` overrides each order's own
    (``"validated"`` for orders that were only checked)."""
    import pandas as pd

    records: list[dict[str, object]] = []
    for order in orders:
        record = order.to_record()
        lines = record.pop("lines")
        record["status"] = status if status is not None else str(order.status)
        records.extend(
            {**record, "sku": line["sku"], "quantity": line["quantity"]} for line in lines
        )
    return pd.DataFrame.from_records(records)


def problems_html(problems: Sequence[Problem]) -> str:
    """An HTML table of problems, errors first (the first 200; a line says how many more),
    escaped: cell text is user data."""
    import html  # for notebooks only: not loaded by every validate

    if not problems:
        return "<p>No problems.</p>"
    cells = "".join(f"<th>{name}</th>" for name in PROBLEM_COLUMNS)
    ordered = sorted(problems, key=lambda p: not p.is_error)  # stable: rows stay in order
    body = []
    for p in ordered[:_HTML_ROWS]:
        values = (p.row, p.column, p.field, p.code, p.severity, p.message, p.value)
        row = "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in values)
        body.append(f"<tr>{row}</tr>")
    more = len(problems) - _HTML_ROWS
    tail = (
        f"<p>Showing {_HTML_ROWS} of {len(problems)} problems, errors first: {more} rows "
        "left out (.to_frame() has them all).</p>"
        if more > 0
        else ""
    )
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(body)}</tbody></table>{tail}"


def no_orders(name: str, header_row: int | None) -> NoOrders:
    """The refusal of a file with a header row (Excel's ``header_row``) but no orders."""
    at_en = f" (row {header_row})" if header_row is not None else ""
    at_ko = f"({header_row}행)" if header_row is not None else ""
    return NoOrders(
        f"{name} has a header row{at_en} but no orders under it; fill in the orders below "
        "the header, or choose the file that holds them",
        ko=f"{name} 파일에 머리글 행{at_ko}은 있지만 그 아래에 주문이 없습니다. 머리글 아래에 "
        "주문을 입력하거나, 주문이 담긴 파일을 고르세요.",
    )

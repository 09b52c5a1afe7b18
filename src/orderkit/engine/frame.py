"""Validating a frame already in memory: the engine-free core under Spark and Dask.

A frame of one seller layout (an Arrow table or record batch, a polars or a pandas
DataFrame; its column names are the seller's headers) goes through exactly the mapper,
assembly and checks that :func:`orderkit.validate_file` uses, and the problems come back as
an Arrow table with fixed columns (:data:`PROBLEM_FIELDS`). Nothing here is a second copy of
a rule: the frame is only turned into the cells a sheet would hold.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from orderkit.engine.assemble import Assembly, assemble_orders
from orderkit.engine.catalogue import Catalogue, load_catalogue
from orderkit.engine.frame_screen import screen_frame, screen_keys
from orderkit.engine.frame_sheet import FrameLayout, FrameSheet, rows_of
from orderkit.engine.stream_source import key_fields
from orderkit.model.errors import InvalidArgument
from orderkit.model.extras import require
from orderkit.model.messages import check_locale
from orderkit.model.problems import Problem
from orderkit.templates.mapper import (
    check_columns,
    header_positions,
    map_columns,
    map_sheet,
    resolve_fields,
)
from orderkit.templates.template import FieldSpec, Template, load_template

if TYPE_CHECKING:
    import pyarrow as pa

    from orderkit.engine.report import Report

__all__ = [
    "KEY_COLUMN",
    "PROBLEM_FIELDS",
    "ROW_COLUMN",
    "checked_engine_input",
    "order_keys",
    "problem_schema",
    "problems_table",
    "report_table",
    "validate_frame",
]

TemplateSource = Template | Mapping[str, Any] | str | Path
CatalogueSource = Catalogue | Mapping[Any, Any] | str | Path

PROBLEM_FIELDS: Final = (
    "row",
    "order_number",
    "field",
    "column",
    "code",
    "severity",
    "message",
    "value",
)
"""The columns of every problems table, in order: ``row`` is a 64-bit integer (null for a
problem of no row), every other column text; ``column`` and ``value`` may be null."""


def problem_schema() -> pa.Schema:
    """The Arrow schema of a problems table (:data:`PROBLEM_FIELDS`)."""
    pa = require("pyarrow", "arrow")
    return pa.schema(
        [pa.field("row", pa.int64())] + [pa.field(name, pa.string()) for name in PROBLEM_FIELDS[1:]]
    )


def validate_frame(
    frame: Any,
    template: TemplateSource,
    *,
    rows: str | Sequence[int] | None = None,
    platform: str | None = None,
    brand: str | None = None,
    catalogue: CatalogueSource | None = None,
    locale: str = "ko",
    encoding: str | None = None,
) -> pa.Table:
    """Validate the rows of a frame of one seller layout; the problems as an Arrow table.

    ``frame`` is a ``pyarrow.Table`` or ``RecordBatch``, a polars or a pandas DataFrame whose
    column names are the seller's headers (as the template names them). Cells may be text or
    what a spreadsheet reader gives (numbers, dates); nulls and NaN are empty cells.

    ``rows`` says which row of the file each frame row is, so problems name the row a
    person sees: the name of an integer column of ``frame`` (not a seller column then), or
    one number per frame row. Without it, frame row ``i`` is row ``header_row + 1 + i``
    (``header_row`` is the template's, 1 when it names none): the file's rows when the frame
    holds a file's data rows from under its header with no blank row left out. Rows are
    checked in row number order, as in the file: within an order, a blank order-level cell
    means "same as the row above".

    ``encoding`` names the encoding the text was decoded from when it came from a CSV file
    (``"cp949"`` checks for characters the encoding could not store, as for that file).
    ``template``, ``platform``, ``brand``, ``catalogue`` and ``locale`` are those of
    :func:`orderkit.validate_file`, and the problems are exactly the ones it reports for the
    same rows, in the same order. An order is the rows that share ``(platform,
    order_number)``: give each call every row of its orders.

    Returns:
        An Arrow table with the columns of :data:`PROBLEM_FIELDS`; ``order_number`` is the
        number of the order the row belongs to.

    Raises:
        InvalidArgument: ``rows`` names no column, or does not give one whole number per row.
        TemplateError: the template is malformed or maps nothing to a required field.
        TemplateMismatch: the frame lacks columns the template needs; nothing was checked.
    """
    check_locale(locale)
    given = load_template(template)
    links = load_catalogue(catalogue) if catalogue is not None else None
    layout = FrameLayout.of(frame)
    numbers = _row_numbers(layout, rows, given)
    # The frame's column names are its header row.
    loaded = attrs.evolve(given, header_row=1)
    # The row number column is no seller column: the screen must not read it either.
    names = ["" if isinstance(rows, str) and name == rows else name for name in layout.names]
    if isinstance(rows, str):
        layout = layout.without(rows)
    specs = resolve_fields(loaded, platform, brand)
    check_columns(specs, header_positions(layout.names), 1, locale)
    screen = screen_frame(frame, names, specs, encoding=encoding, catalogue=links)
    if screen is None:
        assembly = _checked(layout, numbers, loaded, encoding, links,
                            platform=platform, brand=brand, locale=locale)  # fmt: skip
        return problems_table(assembly_problems(assembly))

    # Only the rows of orders that may have something to report are checked by the engine;
    # rows the screen passed but the engine reads as part of one of those orders join them.
    def checked_rows(positions: Sequence[int]) -> Assembly:
        part = FrameLayout.of(rows_of(frame, positions))
        if isinstance(rows, str):
            part = part.without(rows)
        return _checked(part, [numbers[p] for p in positions], loaded, encoding, links,
                        platform=platform, brand=brand, locale=locale)  # fmt: skip

    assembly = checked_rows(screen.positions)
    joining = screen.joining(assembly.keys())
    if joining:
        # The joining rows are all the rows of those orders the screen passed: once is enough.
        assembly = checked_rows(sorted({*screen.positions, *joining}))
    return problems_table(assembly_problems(assembly))


def _checked(
    layout: FrameLayout,
    numbers: Sequence[int],
    template: Template,
    encoding: str | None,
    catalogue: Catalogue | None,
    *,
    platform: str | None,
    brand: str | None,
    locale: str,
) -> Assembly:
    """The orders of the frame rows of ``layout``, numbered ``numbers``, checked."""
    if any(a > b for a, b in itertools.pairwise(numbers)):
        # Rows of an order are compared in file order ("blank: same as the row above").
        order = sorted(range(len(numbers)), key=numbers.__getitem__)
        layout, numbers = layout.taken(order), [numbers[p] for p in order]
    # The frame is a sheet whose first row holds the column names: it goes through the very
    # mapping a file goes through (column checks included), rows numbered 2, 3, … there.
    sheet = FrameSheet(
        "frame", [()] * (layout.length + 1), "frame", encoding=encoding, frame=layout
    )
    mapped = map_sheet(sheet, template, platform=platform, brand=brand, locale=locale)
    table = mapped.table
    table = attrs.evolve(table, rows=[numbers[r - 2] for r in table.rows if r is not None])
    return assemble_orders(table, catalogue=catalogue, locale=locale)


def order_keys(
    frame: Any,
    template: TemplateSource,
    *,
    rows: Sequence[int],
    platform: str | None = None,
    brand: str | None = None,
) -> list[str]:
    """The order each frame row belongs to, as text to partition by: rows of one order
    (one mapped ``(platform, order_number)``) get the same key; a row without an order
    number stands alone, keyed by its row number ``rows[i]``."""
    loaded = load_template(template)
    layout = FrameLayout.of(frame)
    specs = resolve_fields(loaded, platform, brand)
    wanted = key_fields(specs)
    fast = screen_keys(frame, layout.names, wanted, rows)
    if fast is None:
        return _mapped_keys(layout, wanted, rows)
    keys, slow = fast
    if slow:
        # Keys only the mapper reads right (full-width digits, a platform spelled another
        # way, text to normalise): those rows are mapped as everywhere else.
        part = FrameLayout.of(rows_of(frame, slow))
        for position, key in zip(
            slow, _mapped_keys(part, wanted, [rows[p] for p in slow]), strict=True
        ):
            keys[position] = key
    return keys


def _mapped_keys(
    layout: FrameLayout, wanted: Mapping[str, FieldSpec], rows: Sequence[int]
) -> list[str]:
    """:func:`order_keys` through the mapper, row by row."""
    sheet = FrameSheet("frame", [()] * (layout.length + 1), "frame", frame=layout)
    positions = header_positions(sheet.row(0)[0])
    # Only the key's fields are mapped, row by row as everywhere else; rows blank in them
    # are left out of the table and keep their own key.
    table = map_columns(sheet, 1, wanted, positions, first_row=0)
    keys = [f"\x1e{row}" for row in rows]
    platforms, orders = table.column("platform"), table.column("order_number")
    for position, platform_text, number in zip(table.rows, platforms, orders, strict=True):
        if position is not None and number:
            keys[position] = f"{platform_text}\x1f{number}"
    return keys


def assembly_problems(assembly: Assembly) -> list[tuple[Problem, str]]:
    """Every problem of an assembly with its order's number, in the order of
    :meth:`Assembly.all_problems` (by row; an order's problems keep their order)."""
    return assembly.numbered_problems()


def problems_table(pairs: Iterable[tuple[Problem, str | None]]) -> pa.Table:
    """An Arrow problems table of ``(problem, order number)`` pairs."""
    pa = require("pyarrow", "arrow")
    columns: dict[str, list[Any]] = {name: [] for name in PROBLEM_FIELDS}
    for problem, number in pairs:
        columns["row"].append(problem.row)
        columns["order_number"].append(number)
        columns["field"].append(problem.field)
        columns["column"].append(problem.column)
        columns["code"].append(str(problem.code))
        columns["severity"].append(str(problem.severity))
        columns["message"].append(problem.message)
        columns["value"].append(problem.value)
    return pa.table(columns, schema=problem_schema())


def report_table(report: Report) -> pa.Table:
    """A report's problems as a problems table; ``order_number`` is null for a problem of
    no row."""
    return problems_table(report.problems_with_orders())


def _row_numbers(
    layout: FrameLayout, rows: str | Sequence[int] | None, template: Template
) -> Sequence[int]:
    if rows is None:
        start = (template.header_row or 1) + 1
        return range(start, start + layout.length)
    if isinstance(rows, str):
        if rows not in layout.names:
            raise InvalidArgument(
                f"rows names the column {rows!r}, which the frame does not have",
                ko=f"rows에 지정한 열 {rows!r}이(가) 데이터에 없습니다.",
            )
        numbers: Sequence[Any] = layout.column(layout.names.index(rows))
    else:
        numbers = list(rows)
    if len(numbers) != layout.length:
        raise InvalidArgument(
            f"rows gives {len(numbers)} row number(s) for {layout.length} rows; give one per row",
            ko=f"행 번호가 {len(numbers)}개인데 행은 {layout.length}개입니다. "
            "행마다 하나씩 주세요.",
        )
    bad = next((n for n in numbers if not _whole(n)), _NONE)
    if bad is not _NONE:
        raise InvalidArgument(
            f"row numbers must be whole numbers, not {bad!r}",
            ko=f"행 번호는 정수여야 합니다({bad!r}은(는) 정수가 아닙니다).",
        )
    return [int(n) for n in numbers]


_NONE: Final = object()


def _whole(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Integral):  # numpy's integers too
        return True
    return isinstance(value, float) and value.is_integer()


ROW_COLUMN: Final = "__orderkit_row"
"""The row number column an engine adds while it works (a seller column must not be named so)."""
KEY_COLUMN: Final = "__orderkit_key"
"""The order key column an engine adds while it works."""


def checked_engine_input(
    columns: Sequence[str],
    template: TemplateSource,
    *,
    platform: str | None,
    brand: str | None,
    catalogue: CatalogueSource | None,
    row_column: str | None,
    locale: str,
) -> tuple[Template, Catalogue | None]:
    """What Spark and Dask check before any job runs: the template and catalogue load, the
    frame's ``columns`` hold what the template reads, ``row_column`` is one of them, and no
    column takes a name the engines use themselves. Returns the loaded template and
    catalogue.

    Raises:
        TemplateError, TemplateMismatch, InvalidArgument: as the engines document.
    """
    loaded = load_template(template)
    links = load_catalogue(catalogue) if catalogue is not None else None
    for reserved in (ROW_COLUMN, KEY_COLUMN):
        if reserved in columns:
            raise InvalidArgument(
                f"the column name {reserved!r} is orderkit's own; rename that column",
                ko=f"{reserved!r} 열 이름은 orderkit이 씁니다. 열 이름을 바꾸세요.",
            )
    if row_column is not None and row_column not in columns:
        raise InvalidArgument(
            f"row_column names the column {row_column!r}, which the DataFrame does not have",
            ko=f"row_column에 지정한 열 {row_column!r}이(가) DataFrame에 없습니다.",
        )
    specs = resolve_fields(loaded, platform, brand)
    seller = [name for name in columns if name != row_column]
    check_columns(specs, header_positions(seller), loaded.header_row or 1, locale)
    return loaded, links

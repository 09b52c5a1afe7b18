"""Validating a seller's order file: read → map → assemble → report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from orderkit.engine.assemble import Assembly, assemble_orders
from orderkit.engine.catalogue import Catalogue, load_catalogue
from orderkit.engine.grouping import MAX_ORDERS
from orderkit.engine.report import Counts, Report, no_orders
from orderkit.files.reader import file_format
from orderkit.files.safety import Limits
from orderkit.files.table import table_from_columns, table_from_records, with_defaults
from orderkit.model.error_texts import error
from orderkit.model.errors import InvalidArgument
from orderkit.model.messages import check_locale
from orderkit.model.problems import Flaw, Problem
from orderkit.templates.fitting import SheetChoice, check_sheet, map_file
from orderkit.templates.mapper import MappedSheet
from orderkit.templates.template import Template, load_template

__all__ = [
    "require_orders",
    "too_many_orders",
    "validate_file",
    "validate_records",
]

# The streamed reader's chunk (orderkit.engine.streaming.CHUNK_ROWS, held equal by a test):
# named here so that a workbook, which never streams, does not import the CSV stream and
# the pyarrow and numpy it brings (about a quarter of a second in a fresh process).
CHUNK_ROWS: Final = 100_000

TemplateSource = Template | Mapping[str, Any] | str | Path

SCREEN_FROM: Final = 2_000
"""Records are screened over columns from this many on. Screening costs a few dozen polars
calls (about 15–20 ms) whatever the number of records; the engine alone checks fewer
records sooner (measured: break-even at about 2,000 records)."""
CatalogueSource = Catalogue | Mapping[Any, Any] | str | Path


def validate_file(
    path: str | Path,
    template: TemplateSource,
    *,
    platform: str | None = None,
    brand: str | None = None,
    catalogue: CatalogueSource | None = None,
    locale: str = "ko",
    keep_orders: bool = True,
    chunk_rows: int = CHUNK_ROWS,
    limits: Limits | None = None,
    max_orders: int = MAX_ORDERS,
    sheet: SheetChoice | None = None,
) -> Report:
    """Validate every row of a seller's order file.

    ``template`` is a :class:`Template`, a built-in name, a TOML path or text, or a dict.
    ``platform`` and ``brand`` given here win over the template's. With a ``catalogue``,
    seller product codes (and options) are expanded to warehouse SKUs.

    With ``keep_orders=False`` a CSV file is read in chunks of ``chunk_rows`` rows and the
    report keeps problems and counts only, so files of millions of rows fit in memory. The
    problems and counts are those of a whole read: an order whose rows are scattered over
    several chunks is checked again with all its rows together.

    ``sheet`` chooses the worksheet (a name, or a number from 1) instead of the template's
    (like ``--sheet``).

    ``limits`` bounds what will be read (:class:`Limits`); a file beyond them, or built to
    harm its reader, is refused before any parser sees it.

    A file of more than ``max_orders`` orders (the upload limit) gets a ``too_many_orders``
    problem first, exactly as :func:`orderkit.upload_file` would refuse it, and every row
    is still checked and reported.

    Raises:
        UnreadableFile: the file cannot be read.
        NoOrders: the file has a header row but no order rows under it.
        TemplateError: the template is malformed or maps nothing to a required field.
        TemplateMismatch: the file lacks columns the template needs; nothing was mapped.
            ``other_sheet`` is ``(number, name)`` of another sheet that has them all.
        InvalidArgument: ``sheet`` is neither a name nor a number from 1.
    """
    check_locale(locale)
    check_sheet(sheet)
    if chunk_rows < 1:
        raise error(InvalidArgument, "chunk_rows", value=chunk_rows)
    if max_orders < 1:
        raise InvalidArgument(
            f"max_orders must be at least 1, not {max_orders}",
            ko=f"max_orders는 1 이상이어야 합니다 ({max_orders}).",
        )
    links = load_catalogue(catalogue) if catalogue is not None else None
    loaded = load_template(template)
    # A CSV file has one sheet: any other choice (here or in the template) is refused by
    # the reader below.
    chosen = sheet if sheet is not None else loaded.sheet
    if not keep_orders and chosen in (None, 1) and file_format(Path(path)) == "csv":
        from orderkit.engine.streaming import validate_csv_stream

        report = validate_csv_stream(
            Path(path), loaded, platform=platform, brand=brand,
            catalogue=links, locale=locale, chunk_rows=chunk_rows, limits=limits,
        )  # fmt: skip
        return _with_limit(report, max_orders, locale)
    mapped = map_file(
        path, loaded, platform=platform, brand=brand, locale=locale, limits=limits, sheet=sheet
    )
    require_orders(mapped, Path(path).name)
    assembly = assemble_orders(mapped.table, catalogue=links, locale=locale)
    if not keep_orders:
        pairs = assembly.numbered_problems()
        report = Report(
            None, problems=[p for p, _ in pairs], counts=Counts.of(assembly),
            order_numbers={p.row: n for p, n in pairs if p.row is not None},
        )  # fmt: skip
    else:
        report = Report(assembly, mapped)
    return _with_limit(report, max_orders, locale)


def _with_limit(report: Report, max_orders: int, locale: str) -> Report:
    """``report`` with ``too_many_orders`` first when an upload would refuse the file."""
    if report.counts.orders <= max_orders:
        return report
    problem = too_many_orders(report.counts.orders, max_orders, locale)
    return report.with_file_problems((problem,))


def too_many_orders(count: int, limit: int, locale: str) -> Problem:
    """The problem of a file holding more orders than one upload takes (no row: the file)."""
    params = (("count", f"{count:,}"), ("limit", f"{limit:,}"))
    return Flaw("order", "too_many_orders", None, params).to_problem(None, locale)


def require_orders(mapped: MappedSheet, name: str) -> None:
    """Refuse a file whose header row has no order rows under it.

    Raises:
        NoOrders: saying the file has a header but no orders.
    """
    if len(mapped.table) == 0:
        raise no_orders(name, mapped.header_row)


def validate_records(
    records: Iterable[Mapping[str, Any]],
    *,
    platform: str | None = None,
    brand: str | None = None,
    catalogue: CatalogueSource | None = None,
    first_row: int | None = 1,
    locale: str = "ko",
) -> Report:
    """Validate rows already in memory: flat records with canonical field names.

    One record is one SKU line (``sku``, ``quantity``, and ``option`` with a catalogue);
    records sharing ``(platform, order_number)`` are one order, as in a sheet. ``platform``
    and ``brand`` given here fill records that leave them empty. Problems name record ``i``
    as row ``first_row + i``: pass ``first_row=2`` for rows read under a header row, or
    ``first_row=0`` to match a DataFrame's default index.

    ``records`` may also be a pandas or polars DataFrame or a pyarrow Table: its rows are
    the records, its column names the fields.

    Raises:
        InvalidArgument: ``records`` is not records (one dict, a text, a list of lists …),
            or ``first_row`` is not a whole number; the message says what to pass.
    """
    check_locale(locale)
    if first_row is not None and type(first_row) is not int:
        raise InvalidArgument(
            f"first_row must be a whole number (the row of the first record) or None, "
            f"not {first_row!r}",
            ko=f"first_row에는 첫 레코드의 행 번호(정수)나 None을 주세요 (받은 값: {first_row!r}).",
        )
    for name, argument in (("platform", platform), ("brand", brand)):
        if argument is not None and not isinstance(argument, str):
            raise InvalidArgument(
                f"{name} must be text or None, not {argument!r}",
                ko=f"{name}에는 텍스트나 None을 주세요 (받은 값: {argument!r}).",
            )
    links = load_catalogue(catalogue) if catalogue is not None else None
    frame = _is_frame(records)
    given: Any = records if frame else _records_of(records)

    def everything(of: object) -> Assembly:
        return records_assembly(
            of, platform=platform, brand=brand, catalogue=links, first_row=first_row,
            locale=locale,
        )  # fmt: skip

    if links is None and len(given) >= SCREEN_FROM:
        # The screen (and the Arrow helpers it shares with the CSV stream) loads only for
        # records: validating a workbook never imports it.
        from orderkit.engine.records_report import screened_report

        # A screened report assembles its orders when first asked for: from a copy, so that
        # records changed after this call cannot change them (the values are not copied).
        kept = _copied_frame(given) if frame else list(map(dict, given))
        screened = screened_report(
            kept, platform=platform, brand=brand, first_row=first_row, locale=locale,
            values_at=lambda positions: _records_at(kept, positions),
            everything=lambda: everything(kept),
        )  # fmt: skip
        if screened is not None:
            return screened
    return Report(everything(given))


def records_assembly(
    records: object,
    *,
    platform: str | None,
    brand: str | None,
    catalogue: Catalogue | None,
    first_row: int | None,
    locale: str,
) -> Assembly:
    """Every order of ``records`` (a frame, or a list of dicts) checked by the engine."""
    columns = frame_columns(records)
    if columns is not None:
        # A frame is columns already: its values go straight to text, never through dicts.
        table = table_from_columns(columns[0], columns[1], first_row=first_row)
    else:
        table = table_from_records(_records_of(records), first_row=first_row)
    table = with_defaults(table, {"platform": platform, "brand": brand})
    return assemble_orders(table, catalogue=catalogue, locale=locale)


def _records_at(records: object, positions: Sequence[int]) -> dict[Any, list[Any]]:
    """The values of the records at ``positions``, field by field (absent: ``None``)."""
    if isinstance(records, list):
        part = [records[p] for p in positions]
        every: dict[Any, None] = {}
        for record in part:
            every.update(dict.fromkeys(record))
        return {key: [record.get(key) for record in part] for key in every}
    columns = frame_columns(_frame_rows_at(records, positions))
    assert columns is not None  # a frame the screen read has unique column names
    return columns[0]


def _frame_rows_at(frame: Any, positions: Sequence[int]) -> Any:
    """The rows of a polars, pandas or Arrow frame at ``positions``, as the same kind."""
    module = type(frame).__module__.split(".")[0]
    if module == "pandas":
        return frame.iloc[list(positions)]
    if module == "pyarrow":
        import pyarrow as pa

        return frame.take(pa.array(positions, pa.int64()))  # typed: no rows is no null array
    return frame[list(positions)]


def _copied_frame(frame: Any) -> Any:
    """A frame whose cells later changes to ``frame`` leave alone: a pandas or polars copy
    (of the cells' references, cheap), an Arrow table as it is (it cannot change)."""
    module = type(frame).__module__.split(".")[0]
    if module == "pandas":
        return frame.copy(deep=True)
    if module == "polars":
        return frame.clone()
    return frame


def _is_frame(records: object) -> bool:
    """Whether ``records`` is a frame :func:`frame_columns` or :func:`_frame_rows` reads
    (asked without reading it)."""
    given: Any = records
    names = getattr(given, "columns", None)
    if callable(getattr(given, "to_dicts", None)) and names is not None:  # polars
        return True
    if callable(getattr(given, "to_pylist", None)) and hasattr(given, "column_names"):  # pyarrow
        return True
    pandas = callable(getattr(given, "to_dict", None)) and hasattr(given, "iloc")
    return pandas and names is not None


def _records_of(records: object) -> list[Mapping[str, Any]]:
    """Flat records from a list of dicts or a data frame; anything else is refused."""
    frame_rows = _frame_rows(records)
    if frame_rows is not None:
        return frame_rows
    if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        raise _not_records(type(records).__name__, file=isinstance(records, str | Path))
    listed = list(records)
    if set(map(type, listed)) <= {dict}:
        return listed  # plain dicts (nearly always): no record needs a closer look
    for position, record in enumerate(listed):
        if not isinstance(record, Mapping):
            raise _not_records(type(listed).__name__, record=(position, type(record).__name__))
    return listed


def _frame_rows(records: object) -> list[Mapping[str, Any]] | None:
    """The rows of a pandas or polars DataFrame or a pyarrow Table, as dicts (by what the
    object can do, so that none of those libraries needs to be installed)."""
    to_dicts = getattr(records, "to_dicts", None)  # polars
    if callable(to_dicts) and hasattr(records, "columns"):
        return list(to_dicts())
    to_pylist = getattr(records, "to_pylist", None)  # pyarrow
    if callable(to_pylist) and hasattr(records, "column_names"):
        return list(to_pylist())
    to_dict = getattr(records, "to_dict", None)  # pandas
    if callable(to_dict) and hasattr(records, "columns") and hasattr(records, "iloc"):
        return list(to_dict(orient="records"))
    return None


def frame_columns(records: object) -> tuple[dict[Any, list[Any]], int] | None:
    """The columns of a polars or pandas DataFrame or a pyarrow Table, as lists of the
    values its rows (as dicts) would hold, and its row count; ``None`` for anything else
    (judged by what the object can do, so none of those libraries need be installed)."""
    given: Any = records
    names = getattr(given, "columns", None)
    if callable(getattr(given, "to_dicts", None)) and names is not None:  # polars
        return {name: given.get_column(name).to_list() for name in names}, given.height
    if callable(getattr(given, "to_pylist", None)) and hasattr(given, "column_names"):  # pyarrow
        names = list(given.column_names)
        if len(set(names)) != len(names):
            return None  # repeated column names: the rows say which value counts
        return {name: given.column(name).to_pylist() for name in names}, given.num_rows
    if callable(getattr(given, "to_dict", None)) and names is not None and hasattr(given, "iloc"):
        names = list(names)  # pandas
        if len(set(names)) != len(names):
            return None
        return {name: given[name].tolist() for name in names}, len(given)
    return None


def _not_records(
    given: str, *, file: bool = False, record: tuple[int, str] | None = None
) -> InvalidArgument:
    """What to pass instead of ``given`` (a type's name): records, or for ``file`` (a text
    or a path) :func:`validate_file`; ``record`` is (position, type) of a record that is
    no dict."""
    if record is not None:
        en_got = f"a {given} whose item {record[0]} is of type {record[1]}, not a dict"
        ko_got = f"{given}의 {record[0]}번째 항목이 dict가 아닌 {record[1]}"
    else:
        en_got, ko_got = f"a value of type {given}", given
    en_hint = "For one order as a dict, use validate_order."
    ko_hint = "주문 하나를 dict로 검사하려면 validate_order를 쓰세요."
    if file:  # a text may be a file's name
        en_hint = f"To check a file, use validate_file. {en_hint}"
        ko_hint = f"파일을 검사하려면 validate_file을 쓰세요. {ko_hint}"
    return InvalidArgument(
        f"validate_records takes records: a list of dicts with canonical field names (one "
        f"per SKU line), or a pandas or polars DataFrame or a pyarrow Table; got {en_got}. "
        f"{en_hint}",
        ko=f"validate_records에는 표준 항목 이름을 키로 하는 dict의 목록(SKU 한 줄에 하나)이나 "
        f"pandas·polars DataFrame, pyarrow Table을 주세요 (받은 값: {ko_got}). {ko_hint}",
    )

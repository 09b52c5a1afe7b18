"""Validating orders on Spark with exactly the rules of one process (``orderkit[spark]``).

``import orderkit.spark`` needs pyspark (3.5 or later) and pyarrow; without them it raises
:class:`orderkit.MissingExtra` naming the pip command. Nothing else in orderkit imports
this module.

How it runs: the seller's rows get a row number (the caller's, or one counted in file order)
and an order key (the mapped ``(platform, order_number)``); Spark repartitions by the key,
so every row of an order lands in one partition however far apart the rows stood in the
files, and sorts each partition by key and row. Each partition is then checked by
:func:`orderkit.validate_frame` in Arrow batches (``DataFrame.mapInArrow``); a batch never
cuts an order, because the rows of the last order in a batch wait for the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from orderkit.engine.catalogue import Catalogue
from orderkit.engine.frame import (
    KEY_COLUMN,
    PROBLEM_FIELDS,
    ROW_COLUMN,
    CatalogueSource,
    TemplateSource,
    checked_engine_input,
    order_keys,
    problem_schema,
    validate_frame,
)
from orderkit.model.extras import require
from orderkit.model.messages import check_locale
from orderkit.templates.template import Template

require("pyspark", "spark")
pa = require("pyarrow", "spark")
_sql = require("pyspark.sql", "spark")
_functions = require("pyspark.sql.functions", "spark")
_types = require("pyspark.sql.types", "spark")

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["KEY_COLUMN", "ROW_COLUMN", "problem_struct", "validate"]


# monotonically_increasing_id(): the partition in the upper 31 bits, the record below.
_RECORD_BITS: Final = 33


def problem_struct() -> Any:
    """The Spark schema of the problems: the columns of :func:`orderkit.validate_frame`."""
    text = _types.StringType
    fields = [_types.StructField("row", _types.LongType(), True)]
    fields += [_types.StructField(name, text(), True) for name in PROBLEM_FIELDS[1:]]
    return _types.StructType(fields)


def validate(
    df: DataFrame,
    template: TemplateSource,
    *,
    platform: str | None = None,
    brand: str | None = None,
    catalogue: CatalogueSource | None = None,
    locale: str = "ko",
    row_column: str | None = None,
    encoding: str | None = None,
    partitions: int | None = None,
) -> DataFrame:
    """Validate a Spark DataFrame of one seller layout; a DataFrame of its problems.

    ``df``'s column names are the seller's headers (read the files with ``header=True``).
    The result has the columns of :func:`orderkit.validate_frame` (row, order_number,
    field, column, code, severity, message, value) and exactly its problems: those
    :func:`orderkit.validate_file` reports for the same rows.

    Row numbers: ``row_column`` names an integer column holding each row's number in its
    file (it is not a seller column then). Without it, rows are numbered in the
    DataFrame's order from ``header_row + 1`` (2 under a header in row 1): the file's rows
    for one CSV file read as it is, with no blank line. This counts the rows of every input
    partition first (one small job), and needs partitions that come out the same when
    read again, as files do; after a shuffle of your own, pass ``row_column``.

    ``partitions`` is how many partitions the order-key shuffle makes (default: Spark's
    ``spark.sql.shuffle.partitions``). The other arguments are those of
    :func:`orderkit.validate_frame`. The template, catalogue and columns are checked here,
    before any job runs.

    Raises:
        TemplateError: the template is malformed or maps nothing to a required field.
        TemplateMismatch: the DataFrame lacks columns the template needs.
        InvalidArgument: ``row_column`` is not a column of ``df``, or a reserved name is used.
    """
    check_locale(locale)
    columns = list(df.columns)
    loaded, links = checked_engine_input(
        columns, template, platform=platform, brand=brand, catalogue=catalogue,
        row_column=row_column, locale=locale,
    )  # fmt: skip

    if row_column is None:
        numbered = _numbered(df, (loaded.header_row or 1) + 1)
    else:
        row = df[columns.index(row_column)].cast("long")
        numbered = df.withColumn(ROW_COLUMN, row).drop(row_column)
    keyed = numbered.mapInArrow(
        _Keys(loaded, platform, brand),
        _types.StructType(
            [*numbered.schema.fields, _types.StructField(KEY_COLUMN, _types.StringType(), True)]
        ),
    )
    count = partitions or int(df.sparkSession.conf.get("spark.sql.shuffle.partitions") or 200)
    together = keyed.repartition(count, _functions.col(KEY_COLUMN)).sortWithinPartitions(
        KEY_COLUMN, ROW_COLUMN
    )
    check = _Check(loaded, platform, brand, links, locale, encoding)
    result: DataFrame = together.mapInArrow(check, problem_struct())
    return result


def _numbered(df: DataFrame, start: int) -> DataFrame:
    """``df`` with each row's number in DataFrame order, from ``start``."""
    f = _functions
    ids = df.withColumn(ROW_COLUMN, f.monotonically_increasing_id())
    partition = f.shiftright(f.col(ROW_COLUMN), _RECORD_BITS)
    counts = sorted(tuple(r) for r in ids.groupBy(partition.alias("p")).count().collect())
    offsets: list[Any] = []
    total = start
    for number, size in counts:
        offsets += [f.lit(number), f.lit(total)]
        total += size
    if not offsets:
        return ids
    record = f.col(ROW_COLUMN).bitwiseAND((1 << _RECORD_BITS) - 1)
    numbered: DataFrame = ids.withColumn(ROW_COLUMN, f.create_map(*offsets)[partition] + record)
    return numbered


class _Keys:
    """Adds the order key to each Arrow batch (runs on the executors)."""

    def __init__(self, template: Template, platform: str | None, brand: str | None) -> None:
        self.template, self.platform, self.brand = template, platform, brand

    def __call__(self, batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            rows = batch.column(ROW_COLUMN).to_pylist()
            keys = order_keys(
                batch, self.template, rows=rows, platform=self.platform, brand=self.brand
            )
            yield pa.RecordBatch.from_arrays(
                [*batch.columns, pa.array(keys, pa.string())],
                names=[*batch.schema.names, KEY_COLUMN],
            )


class _Check:
    """Validates a partition sorted by order key, batch by batch (runs on the executors).

    The rows of the last order of a batch may go on in the next batch: they are held back
    and checked with it, so every order is checked whole.
    """

    def __init__(
        self,
        template: Template,
        platform: str | None,
        brand: str | None,
        catalogue: Catalogue | None,
        locale: str,
        encoding: str | None,
    ) -> None:
        self.template, self.platform, self.brand = template, platform, brand
        self.catalogue, self.locale, self.encoding = catalogue, locale, encoding

    def __call__(self, batches: Iterator[Any]) -> Iterator[Any]:
        held = None
        for batch in batches:
            if batch.num_rows == 0:
                continue
            table = pa.Table.from_batches([batch])
            if held is not None:
                table = pa.concat_tables([held, table])
            keys = table.column(KEY_COLUMN)
            cut = _run_start(keys.to_pylist())
            held = table.slice(cut)
            yield from self._checked(table.slice(0, cut))
        if held is not None:
            yield from self._checked(held)

    def _checked(self, table: Any) -> Iterator[Any]:
        if table.num_rows == 0:
            return
        frame = table.drop_columns([KEY_COLUMN])
        problems = validate_frame(
            frame,
            self.template,
            rows=ROW_COLUMN,
            platform=self.platform,
            brand=self.brand,
            catalogue=self.catalogue,
            locale=self.locale,
            encoding=self.encoding,
        )
        yield from problems.cast(problem_schema()).to_batches()


def _run_start(keys: list[str]) -> int:
    """Where the run of equal keys that ends the list begins."""
    last = keys[-1]
    position = len(keys) - 1
    while position > 0 and keys[position - 1] == last:
        position -= 1
    return position

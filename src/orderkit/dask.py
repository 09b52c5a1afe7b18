"""Validating orders on Dask with exactly the rules of one process (``orderkit[dask]``).

``import orderkit.dask`` needs dask's DataFrame support and pyarrow; without them it raises
:class:`orderkit.MissingExtra` naming the pip command. Nothing else in orderkit imports this
module.

How it runs: each row gets a row number (the caller's, or one counted in file order) and
an order key (the mapped ``(platform, order_number)``); a shuffle on the key brings every
row of an order into one partition, however far apart the rows stood; each partition is
sorted by row and checked whole by :func:`orderkit.validate_frame` (``map_partitions``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orderkit.engine.catalogue import Catalogue
from orderkit.engine.frame import (
    KEY_COLUMN,
    PROBLEM_FIELDS,
    ROW_COLUMN,
    CatalogueSource,
    TemplateSource,
    checked_engine_input,
    order_keys,
    validate_frame,
)
from orderkit.model.extras import require
from orderkit.model.messages import check_locale
from orderkit.templates.template import Template

require("dask.dataframe", "dask")
require("pyarrow", "dask")
pd = require("pandas", "dask")

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas

__all__ = ["KEY_COLUMN", "ROW_COLUMN", "problem_meta", "validate"]


def _dtypes() -> dict[str, str]:
    return {name: "Int64" if name == "row" else "string[pyarrow]" for name in PROBLEM_FIELDS}


def problem_meta() -> pandas.DataFrame:
    """An empty frame with the problems' columns and dtypes (``row`` is ``Int64``, the
    others ``string[pyarrow]``): the ``meta`` of :func:`validate`'s result."""
    frame: pandas.DataFrame = pd.DataFrame(
        {name: pd.Series([], dtype=dtype) for name, dtype in _dtypes().items()}
    )
    return frame


def validate(
    ddf: dd.DataFrame,
    template: TemplateSource,
    *,
    platform: str | None = None,
    brand: str | None = None,
    catalogue: CatalogueSource | None = None,
    locale: str = "ko",
    row_column: str | None = None,
    encoding: str | None = None,
    partitions: int | None = None,
) -> dd.DataFrame:
    """Validate a Dask DataFrame of one seller layout; a lazy Dask DataFrame of problems.

    ``ddf``'s column names are the seller's headers. The result has the columns of
    :func:`orderkit.validate_frame` (row, order_number, field, column, code, severity,
    message, value; see :func:`problem_meta`) and exactly its problems: those
    :func:`orderkit.validate_file` reports for the same rows. Nothing runs until you
    compute it, on whatever scheduler is active.

    Row numbers: ``row_column`` names an integer column holding each row's number in its
    file (it is not a seller column then). Without it, rows are numbered in the
    DataFrame's order from ``header_row + 1`` (2 under a header in row 1): the file's rows
    for one CSV file read as it is, with no blank line.

    ``partitions`` is how many partitions the order-key shuffle makes (default: as many as
    ``ddf`` has). The other arguments are those of :func:`orderkit.validate_frame`. The
    template, catalogue and columns are checked here, before anything is computed.

    Raises:
        TemplateError: the template is malformed or maps nothing to a required field.
        TemplateMismatch: the DataFrame lacks columns the template needs.
        InvalidArgument: ``row_column`` is not a column of ``ddf``, or a reserved name is used.
    """
    check_locale(locale)
    columns = [str(name) for name in ddf.columns]
    loaded, links = checked_engine_input(
        columns, template, platform=platform, brand=brand, catalogue=catalogue,
        row_column=row_column, locale=locale,
    )  # fmt: skip

    if row_column is None:
        # A running count over the partitions, in order: each row's place in the frame.
        ones = ddf.assign(**{ROW_COLUMN: 1})[ROW_COLUMN]
        start = (loaded.header_row or 1) + 1
        numbered = ddf.assign(**{ROW_COLUMN: ones.cumsum() + (start - 1)})
    else:
        numbered = ddf.rename(columns={row_column: ROW_COLUMN})
    keyed = numbered.map_partitions(_with_keys, loaded, platform, brand)
    together = keyed.shuffle(on=KEY_COLUMN, npartitions=partitions or ddf.npartitions)
    result: dd.DataFrame = together.map_partitions(
        _checked,
        loaded,
        platform,
        brand,
        links,
        locale,
        encoding,
        meta=problem_meta(),
        enforce_metadata=False,
    )
    return result


def _with_keys(
    part: pandas.DataFrame, template: Template, platform: str | None, brand: str | None
) -> pandas.DataFrame:
    seller = part.drop(columns=[ROW_COLUMN])
    rows = part[ROW_COLUMN].tolist()
    keys = order_keys(seller, template, rows=rows, platform=platform, brand=brand)
    keyed: pandas.DataFrame = part.assign(**{KEY_COLUMN: pd.Series(keys, index=part.index)})
    return keyed


def _checked(
    part: pandas.DataFrame,
    template: Template,
    platform: str | None,
    brand: str | None,
    catalogue: Catalogue | None,
    locale: str,
    encoding: str | None,
) -> pandas.DataFrame:
    # Within an order, rows run in file order: a blank means "same as the row above".
    ordered = part.sort_values(ROW_COLUMN, kind="stable").drop(columns=[KEY_COLUMN])
    problems = validate_frame(
        ordered,
        template,
        rows=ROW_COLUMN,
        platform=platform,
        brand=brand,
        catalogue=catalogue,
        locale=locale,
        encoding=encoding,
    )
    frame: pandas.DataFrame = pd.DataFrame(
        {
            name: pd.array(problems.column(name).to_pylist(), dtype=dtype)
            for name, dtype in _dtypes().items()
        }
    )
    return frame

"""A report's problems as pandas, Arrow and polars: the same columns, the same values, and
one kind of missing value (pd.NA in pandas, null in Arrow and polars)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import orderkit
from orderkit.engine.report import Counts, Report
from orderkit.model.problems import Code, Problem, Severity

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

COLUMNS = ["row", "order_number", "field", "column", "code", "severity", "message", "value"]


def report_of(tmp_path: Path, **options: Any) -> Report:
    rows = [
        STANDARD_HEADER,
        standard_row("A-1", quantity=0),
        standard_row("A-2", name="가" * 21),
        standard_row("A-2", sku="S-2", quantity=1_000_001),
    ]
    path = write_xlsx(tmp_path / "o.xlsx", rows)
    return orderkit.validate_file(path, "standard", platform="P", **options)


def pandas_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a frame with pd.NA as None, to compare with Arrow's and polars' rows."""
    return [
        {name: None if pd.isna(value) else value for name, value in row.items()}
        for row in frame.to_dict("records")
    ]


def test_pandas_arrow_and_polars_have_the_same_columns_and_values(tmp_path: Path) -> None:
    report = report_of(tmp_path)
    frame, table, polars = report.to_frame(), report.to_arrow(), report.to_polars()
    assert list(frame.columns) == table.column_names == polars.columns == COLUMNS
    assert pandas_rows(frame) == table.to_pylist() == polars.to_dicts()
    numbers = dict(zip(frame["row"], frame["order_number"], strict=True))
    assert numbers == {2: "A-1", 3: "A-2", 4: "A-2"}


def test_pandas_gets_na_for_every_missing_value_and_fixed_dtypes(tmp_path: Path) -> None:
    no_row = Problem(None, "order_number", Code.TOO_MANY_ORDERS, Severity.ERROR, "too many")
    report = Report(None, problems=[no_row], counts=Counts(rows=1, orders=1, invalid_orders=0))
    frame = report.to_frame()
    assert dict(frame.dtypes.astype(str)) == {
        "row": "Int64", **dict.fromkeys(COLUMNS[1:], "string")
    }  # fmt: skip
    first = frame.iloc[0]
    for name in ("row", "order_number", "column", "value"):
        assert first[name] is pd.NA, name
    assert first["code"] == "too_many_orders"
    assert report.to_arrow().to_pylist()[0]["order_number"] is None


@pytest.mark.parametrize("keep_orders", [True, False])
def test_order_numbers_are_there_whether_the_report_keeps_orders_or_not(
    tmp_path: Path, keep_orders: bool
) -> None:
    frame = report_of(tmp_path, keep_orders=keep_orders).to_frame()
    assert list(frame.columns) == COLUMNS
    assert frame["order_number"].tolist() == ["A-1", "A-2", "A-2", "A-2"]


def test_upload_results_keep_their_columns_with_the_same_dtypes(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("A", quantity=0)])
    result = orderkit.upload_file(path, orderkit.MemorySink(), template="standard", platform="P")
    frame = result.to_frame()
    assert list(frame.columns) == ["row", "column", "field", "code", "severity", "message", "value"]
    assert str(frame["row"].dtype) == "Int64"
    assert {str(frame[name].dtype) for name in frame.columns[1:]} == {"string"}

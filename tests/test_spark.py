"""orderkit.spark: repartitioned by the order key and checked with validate_frame per Arrow
batch, Spark finds exactly what validate_file finds. Local mode; skipped without Java."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import orderkit
import orderkit.spark as ok_spark
from orderkit.engine.frame import PROBLEM_FIELDS

from . import scale_data
from .scale_data import CATALOGUE, TEMPLATE

# pyspark warns on every job that it has not caught up with pandas 3; orderkit's Spark path
# runs on Arrow only.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support:FutureWarning")

if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
    pytest.skip("Spark needs Java (17 or later), and none is installed", allow_module_level=True)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local session for the whole run: 2 cores, small partitions and batches so that
    orders cross partition and batch boundaries, no web UI."""
    from pyspark.sql import SparkSession

    # Executors run this interpreter, where orderkit is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("orderkit-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.files.maxPartitionBytes", str(2 * 1024 * 1024))
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "5000")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _read(spark: Any, path: Path) -> Any:
    # escape='"': quotes inside a quoted cell are doubled in CSV, as orderkit reads them.
    return spark.read.csv(str(path), header=True, escape='"', multiLine=False)


def test_200k_rows_read_in_many_partitions_match_validate_file(spark: Any) -> None:
    path, expected = scale_data.large_case()
    df = _read(spark, path)
    assert df.rdd.getNumPartitions() > 4
    problems = ok_spark.validate(df, TEMPLATE, platform="P", catalogue=CATALOGUE)
    assert problems.columns == list(PROBLEM_FIELDS)
    found = problems.toArrow()
    assert scale_data.problem_set(found) == expected
    assert {"conflicting_rows", "unknown_sku", "missing"} <= set(found.column("code").to_pylist())


def test_rows_numbered_by_the_caller_in_any_order_with_english_messages(
    spark: Any, tmp_path: Path
) -> None:
    path = scale_data.write_csv(tmp_path / "orders.csv", 6000, scatter=0.3)
    report = orderkit.validate_file(path, TEMPLATE, platform="P", locale="en")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.insert(3, "줄 번호", range(2, len(frame) + 2))
    from pyspark.sql import functions

    df = spark.createDataFrame(frame).orderBy(functions.rand(seed=7)).repartition(3)
    problems = ok_spark.validate(df, TEMPLATE, platform="P", locale="en", row_column="줄 번호")
    assert scale_data.problem_set(problems.toArrow()) == scale_data.problem_set(report.problems)


def test_columns_and_row_column_are_checked_before_any_job(spark: Any, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("주문번호,受取人名\nA1,김하늘\n", encoding="utf-8")
    df = _read(spark, path)
    with pytest.raises(orderkit.TemplateMismatch) as raised:
        ok_spark.validate(df, TEMPLATE, platform="P")
    assert "数量" in {p.value for p in raised.value.problems}
    with pytest.raises(orderkit.InvalidArgument, match="줄"):
        ok_spark.validate(df, TEMPLATE, platform="P", row_column="줄")
    reserved = df.withColumnRenamed("受取人名", ok_spark.ROW_COLUMN)
    with pytest.raises(orderkit.InvalidArgument, match="orderkit's own"):
        ok_spark.validate(reserved, TEMPLATE, platform="P")

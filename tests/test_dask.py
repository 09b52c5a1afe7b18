"""orderkit.dask: a shuffle on the order key, then validate_frame per partition, finds
exactly what validate_file finds, also for orders whose rows stand far apart."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import orderkit
import orderkit.dask as ok_dask

from . import scale_data
from .scale_data import CATALOGUE, TEMPLATE


def _read(path: Path, **options: object) -> dd.DataFrame:
    # keep_default_na=False: a seller's "NA" or "null" is text, as orderkit reads the file.
    return dd.read_csv(path, dtype=str, keep_default_na=False, **options)


def test_200k_rows_on_the_synchronous_scheduler_match_validate_file() -> None:
    path, expected = scale_data.large_case()
    # Small blocks: many partitions, and orders whose rows sit in several of them.
    ddf = _read(path, blocksize=1_000_000)
    assert ddf.npartitions > 10
    problems = ok_dask.validate(ddf, TEMPLATE, platform="P", catalogue=CATALOGUE)
    with dask.config.set(scheduler="synchronous"):
        found = problems.compute()
    assert list(found.columns) == list(ok_dask.problem_meta().columns)
    assert found.dtypes.equals(ok_dask.problem_meta().dtypes)
    assert scale_data.problem_set(found) == expected
    assert {"conflicting_rows", "unknown_sku", "missing"} <= set(found["code"])


@pytest.fixture
def cluster() -> Iterator[Client]:
    # Gone after its test: while a Client exists, Dask plans shuffles for its workers.
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as local,
        Client(local) as client,
    ):
        yield client


def test_200k_shuffled_rows_on_a_2_worker_cluster_match_validate_file(
    cluster: Client, tmp_path: Path
) -> None:
    path, expected = scale_data.large_case()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.insert(0, "행번호", range(2, len(frame) + 2))
    # Every row in a random place, with its row number: no partition holds an order whole.
    frame = frame.sample(frac=1, random_state=random.Random(5).randrange(2**31))
    shuffled = tmp_path / "shuffled.csv"
    frame.to_csv(shuffled, index=False)
    ddf = _read(shuffled, blocksize=4_000_000).astype({"행번호": "int64"})
    assert ddf.npartitions >= 4
    problems = ok_dask.validate(
        ddf, TEMPLATE, platform="P", catalogue=CATALOGUE, row_column="행번호"
    )
    found = cluster.compute(problems).result()
    assert scale_data.problem_set(found) == expected


def test_without_the_shuffle_rows_of_one_order_would_be_checked_apart(tmp_path: Path) -> None:
    # The reason for the shuffle: partitions cut at random give false problems.
    path = scale_data.write_csv(tmp_path / "orders.csv", 4000, scatter=0.3)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = list(range(2, len(frame) + 2))
    whole = scale_data.problem_set(
        orderkit.validate_frame(frame, TEMPLATE, platform="P", catalogue=CATALOGUE, rows=rows)
    )
    halves: set[tuple[object, ...]] = set()
    for part in (slice(0, 2000), slice(2000, 4000)):
        halves |= scale_data.problem_set(
            orderkit.validate_frame(
                frame.iloc[part], TEMPLATE, platform="P", catalogue=CATALOGUE, rows=rows[part]
            )
        )
    assert halves != whole


def test_columns_are_checked_before_anything_is_computed(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("주문번호,受取人名\nA1,김하늘\n", encoding="utf-8")
    with pytest.raises(orderkit.TemplateMismatch) as raised:
        ok_dask.validate(_read(path), TEMPLATE, platform="P")
    assert "数量" in {p.value for p in raised.value.problems}
    with pytest.raises(orderkit.InvalidArgument, match="줄"):
        ok_dask.validate(_read(path), TEMPLATE, platform="P", row_column="줄")


def test_english_messages_and_rows_counted_in_file_order(tmp_path: Path) -> None:
    path = scale_data.write_csv(tmp_path / "orders.csv", 2000, scatter=0.3)
    report = orderkit.validate_file(path, TEMPLATE, platform="P", locale="en")
    ddf = _read(path, blocksize=50_000)
    assert ddf.npartitions > 3
    found = ok_dask.validate(ddf, TEMPLATE, platform="P", locale="en", partitions=3)
    with dask.config.set(scheduler="synchronous"):
        assert scale_data.problem_set(found.compute()) == scale_data.problem_set(report.problems)

"""The 1M-row CSV through Spark local and Dask local, next to the single-process path.

Run by ``run.py`` (``make bench``) or alone::

    python benchmarks/engines.py benchmarks/data/rows-1000000-utf8.csv

The session or cluster start and the whole job are timed once (a Spark job on this size
takes tens of seconds); the order-key shuffle on its own as the difference between the
medians of three runs of the job up to the shuffle, with and without it. Every engine
is checked to find exactly the problems of the single-process path.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv

import orderkit

TEMPLATE = "standard"
PLATFORM = "P"


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = run()
    return time.perf_counter() - start, value


def shuffle_cost(
    without: Callable[[], Any], with_shuffle: Callable[[], Any]
) -> tuple[float, float]:
    """Median times of the job up to the shuffle without and with it, alternated three
    times so that warm-up and a neighbour's load fall on both alike."""
    apart, together = [], []
    for _ in range(3):
        apart.append(timed(without)[0])
        together.append(timed(with_shuffle)[0])
    return statistics.median(apart), statistics.median(together)


def problem_set(records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(r["row"], r["field"], r["code"], r["severity"], r["message"]) for r in records}


def single(path: Path) -> tuple[list[tuple[str, float]], set[tuple[Any, ...]]]:
    streamed, report = timed(
        lambda: orderkit.validate_file(path, TEMPLATE, platform=PLATFORM, keep_orders=False)
    )
    read, table = timed(
        lambda: pa_csv.read_csv(
            path,
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(pa_csv.read_csv(path).column_names, pa.string())
            ),
        )
    )
    checked, problems = timed(lambda: orderkit.validate_frame(table, TEMPLATE, platform=PLATFORM))
    expected = problem_set(problems.to_pylist())
    # validate_file adds too_many_orders (of no row) for a file over one upload's orders;
    # a frame is often a part of a file, so validate_frame does not.
    same = expected == {(p.row, p.field, str(p.code), str(p.severity), p.message)
                        for p in report.problems if p.row is not None}  # fmt: skip
    return [
        ("validate_file, streamed (one process)", streamed),
        ("pyarrow read of the CSV, text columns", read),
        (f"validate_frame on that table ({'same' if same else 'DIFFERENT'} problems)", checked),
    ], expected


def spark(path: Path, expected: set[tuple[Any, ...]]) -> list[tuple[str, float]]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    started, session = timed(
        lambda: (
            SparkSession.builder.master("local[2]")
            .appName("orderkit-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
    )
    session.sparkContext.setLogLevel("ERROR")
    import orderkit.spark as ok_spark
    from orderkit.spark import KEY_COLUMN, ROW_COLUMN, _Keys, _numbered
    from orderkit.templates.template import load_template

    df = session.read.csv(str(path), header=True, escape='"')
    job, found = timed(
        lambda: ok_spark.validate(df, TEMPLATE, platform=PLATFORM).toArrow().to_pylist()
    )
    template = load_template(TEMPLATE)

    def keyed() -> Any:
        numbered = _numbered(df, 2)
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([*numbered.schema.fields, StructField(KEY_COLUMN, StringType())])
        return numbered.mapInArrow(_Keys(template, PLATFORM, None), schema)

    def run(frame: Any) -> None:
        frame.write.format("noop").mode("overwrite").save()

    without, with_shuffle = shuffle_cost(
        lambda: run(keyed()),
        lambda: run(
            keyed().repartition(8, KEY_COLUMN).sortWithinPartitions(KEY_COLUMN, ROW_COLUMN)
        ),
    )
    session.stop()
    same = "same" if problem_set(found) == expected else "DIFFERENT"
    return [
        ("Spark local[2]: session start (one run)", started),
        (f"Spark local[2]: validate, whole job, one run ({same} problems)", job),
        ("Spark local[2]: row numbers + order keys, no shuffle (median of 3)", without),
        ("Spark local[2]: the same + repartition by key + sort", with_shuffle),
        ("Spark local[2]: shuffle cost (difference)", with_shuffle - without),
    ]


def dask(path: Path, expected: set[tuple[Any, ...]]) -> list[tuple[str, float]]:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster, wait

    import orderkit.dask as ok_dask
    from orderkit.dask import KEY_COLUMN, ROW_COLUMN, _with_keys
    from orderkit.templates.template import load_template

    started, cluster = timed(
        lambda: LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0")
    )
    client = Client(cluster)
    ddf = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize=16_000_000)
    job, found = timed(
        lambda: client.compute(ok_dask.validate(ddf, TEMPLATE, platform=PLATFORM)).result()
    )
    template = load_template(TEMPLATE)

    def keyed() -> Any:
        ones = ddf.assign(**{ROW_COLUMN: 1})[ROW_COLUMN]
        numbered = ddf.assign(**{ROW_COLUMN: ones.cumsum() + 1})
        return numbered.map_partitions(_with_keys, template, PLATFORM, None)

    def run(frame: Any) -> None:
        # persist: the work is done and kept, nothing is optimised away.
        wait(client.persist(frame))

    without, with_shuffle = shuffle_cost(
        lambda: run(keyed()), lambda: run(keyed().shuffle(on=KEY_COLUMN))
    )
    client.close()
    cluster.close()
    same = "same" if problem_set(found.to_dict("records")) == expected else "DIFFERENT"
    return [
        ("Dask, 2 local workers: cluster start (one run)", started),
        (f"Dask, 2 local workers: validate, whole job, one run ({same} problems)", job),
        ("Dask, 2 local workers: row numbers + order keys, no shuffle (median of 3)", without),
        ("Dask, 2 local workers: the same + shuffle on the key", with_shuffle),
        ("Dask, 2 local workers: shuffle cost (difference)", with_shuffle - without),
    ]


def measure(path: Path) -> list[tuple[str, float]]:
    """Every figure of this section, in seconds, in the order printed."""
    rows, expected = single(path)
    print("spark …", file=sys.stderr)
    rows += spark(path, expected)
    print("dask …", file=sys.stderr)
    rows += dask(path, expected)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csv", type=Path)
    args = parser.parse_args()
    for name, seconds in measure(args.csv):
        print(f"{seconds:8.1f} s  {name}")


if __name__ == "__main__":
    main()

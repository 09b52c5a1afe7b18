"""Rows in memory: ``validate_records`` against every peer, and ``validate_order`` on one dict.

Every contender checks the same records and is checked to flag exactly the known bad ones.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any, Final

import data
import peers
import peers_polars
from measure import Row, median

import orderkit

PYDANTIC: Final = "pydantic v2 model per row"
# validate_order per dict over a pydantic v2 model_validate per dict, on the same dicts,
# measured on this tree before the columnar engine of issue 15 (9.3× to 11.9× over six runs
# of 2,000 dicts on 2 shared cores; 11.5× the median of the paired runs):
# the figure it must not fall behind.
ONE_ORDER_BEFORE: Final = 11.5


def bench_rules(count: int, runs: int) -> tuple[list[Row], list[str]]:
    """Rows per second of orderkit and every peer, as ratios to pydantic's."""
    records = data.records(count)
    truth = {i for i, r in enumerate(records) if r["_bad"]}
    rows = [{k: v for k, v in r.items() if k != "_bad"} for r in records]
    few = rows[: min(count, 20_000)]
    ready = _ready_frame(rows)
    model, schema = peers.pydantic_model(), peers.pandera_schema()
    dataframely = peers_polars.dataframely_schema()
    pandera_polars = peers_polars.pandera_polars_schema()
    patito = peers_polars.patito_model()

    def orderkit_flags(records: object) -> Callable[[], set[int]]:
        def run() -> set[int]:
            report = orderkit.validate_records(records, platform="P", first_row=0)  # type: ignore[arg-type]
            return {p.row for p in report.errors if p.row is not None}

        return run

    contenders: list[tuple[str, Callable[[], object], int]] = [
        ("orderkit validate_records (dicts)", orderkit_flags(rows), count),
        (PYDANTIC, lambda: peers.flag_pydantic(rows, model), count),
        ("plain polars, the rules as one filter", lambda: peers_polars.flag_polars(rows), count),
        ("dataframely Schema.filter", lambda: peers_polars.flag_dataframely(rows, dataframely),
         count),
        ("pandera polars DataFrameSchema",
         lambda: peers_polars.flag_pandera_polars(rows, pandera_polars), count),
        ("patito Model.validate (valid or not)", lambda: peers_polars.check_patito(rows, patito),
         count),
        ("pandera pandas DataFrameSchema", lambda: peers.flag_pandera(rows, schema), count),
        ("frictionless (+ cross-field rules)", lambda: peers.flag_frictionless(few), len(few)),
    ]  # fmt: skip
    speeds: dict[str, float] = {}
    timed, agreement = [], []
    for name, run, size in contenders:
        seconds = median(run, runs)
        speeds[name] = size / seconds
        timed.append((name, seconds, size))
        expected = truth if size == count else {i for i in truth if i < size}
        if name.startswith("patito"):
            same = peers_polars.patito_flags_exactly(rows, patito, truth)
            how = "rejects each known bad row alone and accepts the rest"
        else:
            same = run() == expected
            how = "flags the known bad rows"
        agreement.append(f"{name}: {how if same else 'DIFFERENT rows'}")
    ready_seconds = median(orderkit_flags(ready), runs)
    same = orderkit_flags(ready)() == truth
    agreement.append(f"orderkit validate_records (ready polars frame): "
                     f"{'flags the known bad rows' if same else 'DIFFERENT rows'}")  # fmt: skip

    base = speeds[PYDANTIC]
    best_peer = max(speed for name, speed in speeds.items() if not name.startswith("orderkit"))
    result = []
    for name, seconds, size in timed:
        ratio = speeds[name] / base
        goal, met = "", None
        if name.startswith("orderkit"):
            goal = "≥ 3.7× pydantic and ahead of every peer"
            met = ratio >= 3.7 and speeds[name] > best_peer
        result.append(Row(f"{name}: {speeds[name]:,.0f} rows/s ({size:,} rows)", seconds,
                          "pydantic rows/s", ratio, goal, met))  # fmt: skip
    ratio = (count / ready_seconds) / base
    result.insert(1, Row(f"orderkit validate_records (a ready polars frame): "
                         f"{count / ready_seconds:,.0f} rows/s", ready_seconds,
                         "pydantic rows/s", ratio, "moonshot 8×", ratio >= 8))  # fmt: skip
    return result, agreement


def _ready_frame(rows: Sequence[dict[str, Any]]) -> Any:
    """The records as a polars frame of text, made before the clock starts."""
    import polars as pl

    fields = sorted({key for row in rows for key in row})
    return pl.from_dicts(rows, schema=dict.fromkeys(fields, pl.String))


def bench_one_order(count: int, runs: int) -> list[Row]:
    """``validate_order`` on one dict at a time against pydantic's ``model_validate``."""
    orders = [
        {"platform": "P", **{k: v for k, v in r.items() if k != "_bad"}}
        for r in data.records(count)
    ]
    truth = [bool(r["_bad"]) for r in data.records(count)]
    from pydantic import ValidationError

    model = peers.pydantic_model()

    def orderkit_one() -> list[bool]:
        return [
            any(p.severity is orderkit.Severity.ERROR for p in orderkit.validate_order(order))
            for order in orders
        ]

    def pydantic_one() -> list[bool]:
        flagged = []
        for order in orders:
            try:
                model.model_validate(order)
            except ValidationError:
                flagged.append(True)
            else:
                flagged.append(False)
        return flagged

    ours, theirs, ratio = paired(orderkit_one, pydantic_one, count, runs)
    same = orderkit_one() == truth and pydantic_one() == truth
    # Microseconds, in the names: the table's millisecond column would round them away.
    return [
        Row(f"pydantic v2 model_validate, one dict: {theirs * 1e6:,.1f} µs each "
            f"({count:,} dicts)", 0, note="baseline"),
        Row(f"orderkit validate_order, one dict: {ours * 1e6:,.1f} µs each; "
            f"{'both flag the known bad dicts' if same else 'DIFFERENT dicts flagged'}",
            0, "pydantic per dict", ratio, f"≤ {ONE_ORDER_BEFORE:.2f}× (before issue 15)",
            ratio <= ONE_ORDER_BEFORE),
    ]  # fmt: skip


def paired(
    ours: Callable[[], object], theirs: Callable[[], object], calls: int, runs: int
) -> tuple[float, float, float]:
    """Seconds per call of each, and the median of their ratios, over ``runs`` rounds of
    ``calls`` calls taken in turns after a warm-up round: the steady cost of one call in a
    long-lived service, each round's ratio measured under the same load."""
    ours(), theirs()
    mine, others, ratios = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        ours()
        middle = time.perf_counter()
        theirs()
        end = time.perf_counter()
        mine.append((middle - start) / calls)
        others.append((end - middle) / calls)
        ratios.append((middle - start) / (end - middle))
    return statistics.median(mine), statistics.median(others), statistics.median(ratios)

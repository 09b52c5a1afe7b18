"""A large CSV file read as Arrow batches: orders screened over columns, the rest checked
by the engine, scattered orders checked again whole.

Each batch is screened (:mod:`orderkit.engine.screening`): orders that surely have no
problem are only counted, by key; the rows of every other order go to the engine, which
finds and words their problems as in a whole read. Keys are kept per part of the file (the
clean orders of a batch, the engine's orders of a batch); a key found in more than one part
— an order whose rows a batch boundary cut, that lie far apart, or whose rows read alike
only once normalised — is checked again whole in a second pass, so the report holds
exactly the problems and counts of one whole read.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from typing import TYPE_CHECKING, Final

from orderkit.engine.assemble import assemble_orders
from orderkit.engine.read_ahead import read_ahead
from orderkit.engine.report import Counts, Report
from orderkit.engine.scattered import OrderKey, OrderLedger, row_keys
from orderkit.engine.screening import (
    KEY,
    BatchScreen,
    ScreenPlan,
    key_parts,
    python_key,
    screen_batch,
)
from orderkit.engine.stream_source import Source, check_gathered, map_numbered, plain_number_column
from orderkit.files.arrow_csv import iter_csv_batches
from orderkit.files.arrow_rows import column_name
from orderkit.files.safety import too_many_rows

if TYPE_CHECKING:
    import polars as pl

__all__ = ["validate_batches"]

_LOOK_BACK: Final = 8
"""Batches back in which a batch's rows for the engine look for an earlier part of their
order."""


def validate_batches(source: Source, plan: ScreenPlan, *, locale: str, chunk_rows: int) -> Report:
    """Validate ``source`` batch by batch; the report keeps problems and counts only."""
    ledger = OrderLedger()
    clean: list[pl.DataFrame] = []
    # The keys of the parts of the last few batches: looking further back would cost a
    # pass over every key so far for each batch; an order whose rows lie further apart is
    # still found (by _settle_keys), its later rows only checked once more than needed.
    seen: deque[pl.DataFrame] = deque(maxlen=2 * _LOOK_BACK)
    # Rows counted without the engine: those of orders screened clean, and those left for
    # the second pass (the engine counts the rows it maps).
    counted = 0
    # The next batch is read and screened (pyarrow, polars) while the engine checks this
    # one's flagged orders (Python): the screen of a batch depends on no other batch.
    with closing(
        read_ahead(
            (frame, first_row, screen_batch(frame, plan))
            for frame, first_row in _data_frames(source, chunk_rows)
        )
    ) as screened:
        for number, (frame, first_row, screen) in enumerate(screened):
            clean.append(screen.clean_keys)
            counted += screen.clean_rows
            positions = screen.engine_rows
            if seen and positions:
                positions, left = _not_seen(screen, seen, ledger, plan)
                counted += left
            seen.append(screen.clean_keys)
            if positions:
                rows = _rows_at(frame, positions)
                numbers = [first_row + p for p in positions]
                table = map_numbered(source, rows, numbers)
                ledger.add(number, table, assemble_orders(table, locale=locale))
                seen.append(_keys_frame(row_keys(table), plan))
    orders = _settle_keys(ledger, clean, plan)
    ledger.rows += counted
    # Scattered orders are checked a share at a time, so that no pass holds more than about
    # a batch of rows: a file whose orders are all scattered costs more passes, never more
    # memory.
    scattered = sorted(ledger.scattered)
    share = max(1, chunk_rows // 2)
    second = []
    for n in range(0, len(scattered), share):
        wanted = set(scattered[n : n + share])
        # The file is read again in the worker while the rows found are mapped here.
        with closing(read_ahead(_candidates(source, wanted, chunk_rows))) as candidates:
            second.append(check_gathered(source, wanted, candidates, None, locale))
    settled = ledger.settled(second)
    return Report(
        None,
        problems=settled.problems,
        counts=Counts(ledger.rows, orders, settled.invalid),
        order_numbers=settled.order_numbers,
    )


def _data_frames(source: Source, chunk_rows: int) -> Iterator[tuple[pl.DataFrame, int]]:
    """The file's data rows (those under the header) batch by batch, as polars frames,
    each with the Excel row of its first row.

    Raises:
        FileTooLarge: more rows than the limits allow.
    """
    import polars as pl

    _, batches = iter_csv_batches(
        source.path, limits=source.limits, batch_rows=chunk_rows, known=source.encoding
    )
    seen = 0  # rows of the file before this batch
    # Closed here, however this ends: an error kept by the caller (its traceback holds this
    # frame) must not keep the file open.
    try:
        for batch in batches:
            if seen + batch.num_rows > source.limits.rows:
                raise too_many_rows(source.path.name, source.limits)
            skip = max(0, source.header_index + 1 - seen)
            if skip < batch.num_rows:
                frame = pl.from_arrow(batch)
                assert isinstance(frame, pl.DataFrame)
                yield frame.slice(skip), seen + skip + 1
            seen += batch.num_rows
    finally:
        close = getattr(batches, "close", None)  # a generator reading the file
        if close is not None:
            close()


def _not_seen(
    screen: BatchScreen, seen: Iterable[pl.DataFrame], ledger: OrderLedger, plan: ScreenPlan
) -> tuple[list[int], int]:
    """The engine's rows of ``screen`` less those of orders an earlier part of the file
    already holds, and how many rows were left out. Such an order is scattered: it is
    checked whole in the second pass, so checking its rows here would be wasted (a part
    of an order often lacks the row with its address, and would be all problems).

    Rows whose key only the engine's reading gives are never left out."""
    import polars as pl

    keys = screen.engine_keys.with_columns(_position=pl.Series(screen.engine_rows))
    plain = keys.filter(~pl.col("_odd"))
    if not plain.height:
        return list(screen.engine_rows), 0
    wanted = plain[KEY].unique().implode()
    earlier = pl.concat([frame.filter(pl.col(KEY).is_in(wanted)) for frame in seen])[KEY]
    earlier = earlier.unique()
    if not earlier.len():
        return list(screen.engine_rows), 0
    ledger.scattered.update(key_parts(key, plan) for key in earlier.to_list())
    left_out = set(plain.filter(pl.col(KEY).is_in(earlier.implode()))["_position"].to_list())
    return [p for p in screen.engine_rows if p not in left_out], len(left_out)


def _keys_frame(keys: Sequence[OrderKey | None], plan: ScreenPlan) -> pl.DataFrame:
    """The keys (:func:`orderkit.engine.screening.key_of`) of the engine's orders."""
    import polars as pl

    found = {python_key(key[0], key[1], plan) for key in keys if key is not None}
    return pl.DataFrame({KEY: sorted(found)}, schema={KEY: pl.String})


def _rows_at(frame: pl.DataFrame, positions: Sequence[int]) -> list[list[str]]:
    """The rows at ``positions`` as lists of cell texts (a cell the row lacks is empty)."""
    taken = frame[list(positions)].fill_null("")
    columns = [taken.get_column(name).to_list() for name in taken.columns]
    return [list(row) for row in zip(*columns, strict=True)]


def _settle_keys(ledger: OrderLedger, clean: list[pl.DataFrame], plan: ScreenPlan) -> int:
    """Count the file's orders, and add to ``ledger.scattered`` every key found in more
    than one part of the file (clean keys are unique within their part, and so are the
    engine's, which the ledger has already compared between its parts)."""
    import polars as pl

    engine = [python_key(key[0], key[1], plan) for key in ledger.first_batch]
    keys = pl.concat([*(frame[KEY] for frame in clean), pl.Series(KEY, engine, dtype=pl.String)])
    repeated = keys.filter(keys.is_duplicated())
    distinct_repeated = repeated.unique()
    ledger.scattered.update(key_parts(key, plan) for key in distinct_repeated.to_list())
    return keys.len() - repeated.len() + distinct_repeated.len() + ledger.loners


def _candidates(
    source: Source, wanted: set[OrderKey], chunk_rows: int
) -> Iterator[tuple[list[list[str]], list[int]]]:
    """Rows that may belong to the ``wanted`` orders, batch by batch, with their Excel
    rows: every row whose order number cell, trimmed, is one of theirs, or that only the
    engine's reading can tell (text beyond plain ASCII)."""
    import polars as pl

    column = plain_number_column(source.specs, source.positions)
    numbers = pl.Series(sorted({number for _, number in wanted}), dtype=pl.String)
    for frame, first_row in _data_frames(source, chunk_rows):
        if column is None or column_name(column) not in frame.columns:
            positions = list(range(frame.height))
        else:
            cell = pl.col(column_name(column)).fill_null("")
            maybe = cell.str.contains("[^\\x20-\\x7E]") | cell.str.strip_chars().is_in(
                numbers.implode()
            )
            positions = frame.select(maybe.arg_true())[:, 0].to_list()
        if positions:
            yield _rows_at(frame, positions), [first_row + p for p in positions]

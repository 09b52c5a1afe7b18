"""CSV files straight to Arrow: the strict encoding decision first, then pyarrow's streaming
reader, giving exactly the rows :func:`orderkit.files.csvfile.iter_csv_rows` gives.

The encoding is decided as before (BOM → UTF-8 → CP949 or CP932, over the whole file);
a file in another encoding than UTF-8 is transcoded block by block into a temporary file
(removed as soon as pyarrow has opened it), so memory stays bounded. Every cell is a string
(no type inference), every row is a row as the ``csv`` module reads it (quoted line breaks,
``\\r\\n``, a lone ``\\r``, empty lines, NUL bytes), and every limit and error of the
``csv`` path holds:

- rows of another width than the first row (pyarrow calls them invalid) are read by the
  ``csv`` module and put back in their place;
- quoting the ``csv`` module refuses (text after a closing quote, a quote never closed) is
  looked for before pyarrow reads (:mod:`orderkit.files.csv_quotes`), and the ``csv`` path
  then reads such a file to word the refusal exactly as it always has;
- anything pyarrow itself cannot parse is read by the ``csv`` path too: orderkit's reading
  wins, never pyarrow's.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from orderkit.files.arrow_rows import RowChecks, batch_of_rows, column_name, pad_batch
from orderkit.files.csv_quotes import QuoteCheck
from orderkit.files.csvfile import csv_delimiter, csv_encoding, iter_csv_rows
from orderkit.files.identify import no_cells
from orderkit.files.safety import DEFAULT_LIMITS, Limits, too_many_rows
from orderkit.model.columns import LAST_COLUMN

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["BATCH_ROWS", "CsvFormat", "iter_csv_batches", "read_csv_table"]

BATCH_ROWS: Final = 65_536
_BLOCK: Final = 1 << 22
# Rows of another width than the first, held at once, beyond which the csv module reads.
_ODD_MOST: Final = 1_000


@attrs.frozen
class CsvFormat:
    """How a CSV file was read."""

    encoding: str
    """The text encoding the bytes were decoded from (``"utf-8"``, ``"cp949"``, …)."""
    delimiter: str
    """``","``, or ``"\\t"`` for tab-separated text."""


def iter_csv_batches(
    path: str | Path,
    *,
    limits: Limits | None = None,
    batch_rows: int = BATCH_ROWS,
    known: tuple[str, int] | None = None,
) -> tuple[CsvFormat, Iterator[pa.RecordBatch]]:
    """A CSV (or tab-separated) file's rows as Arrow record batches, read as needed.

    Batches hold ``batch_rows`` rows each (the last fewer), in file order and without gaps:
    the first batch starts with the file's first row (Excel's row 1, header included), and a
    row with a quoted line break is one row. Columns are strings named ``A``, ``B``, …
    (:func:`orderkit.files.arrow_rows.column_name`); a batch is as wide as its widest row,
    and a cell a shorter row does not have is null (an empty cell is ``""``). Cell text is
    as written: not trimmed, not normalised.

    The encoding is decided before this returns; the rows are read while iterating.
    ``known`` is :func:`orderkit.files.csvfile.csv_encoding`'s answer when the caller has it.

    Raises:
        UnreadableFile: undecodable bytes (on the call), or broken CSV quoting (while
            iterating), worded as :func:`orderkit.files.csvfile.iter_csv_rows` words it.
        FileTooLarge: a row, a cell or the whole beyond ``limits`` (while iterating).
    """
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    encoding, bom = known or csv_encoding(path)
    delimiter = csv_delimiter(path, encoding, bom)
    found = CsvFormat(encoding, delimiter)
    batches = _batches(path, limits, (encoding, bom), delimiter, max(1, batch_rows))
    return found, batches


def read_csv_table(
    path: str | Path, *, limits: Limits | None = None, known: tuple[str, int] | None = None
) -> tuple[CsvFormat, pa.Table]:
    """The whole file as one Arrow table (see :func:`iter_csv_batches` for its columns).

    Raises:
        UnreadableFile, FileTooLarge: as :func:`iter_csv_batches`; also FileTooLarge for
            more rows than ``limits.rows``, and EmptyFile when no cell holds text.
    """
    import pyarrow as pa

    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    found, batches = iter_csv_batches(path, limits=limits, known=known)
    collected = list(batches)
    width = max((batch.num_columns for batch in collected), default=0)
    padded = [pad_batch(batch, width) for batch in collected]
    schema = pa.schema([(column_name(c), pa.string()) for c in range(width)])
    table = pa.Table.from_batches(padded, schema=schema)
    if table.num_rows > limits.rows:
        raise too_many_rows(path.name, limits)
    if not _has_text(table):
        raise no_cells(path, None)
    return found, table


def _has_text(table: pa.Table) -> bool:
    import pyarrow.compute as pc

    for column in table.columns:
        trimmed = pc.utf8_trim_whitespace(column)
        if pc.any(pc.greater(pc.utf8_length(trimmed), 0)).as_py():
            return True
        # Python's strip() removes a few characters Arrow's trim keeps (and keeps none it
        # removes), so what is left is looked at as Python would.
        left = pc.filter(trimmed, pc.greater(pc.utf8_length(trimmed), 0))
        if any(text.strip() for text in left.to_pylist()):
            return True
    return False


def _batches(
    path: Path, limits: Limits, known: tuple[str, int], delimiter: str, batch_rows: int
) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    checks = RowChecks(path, limits)
    odd: dict[int, list[str]] = {}
    takeover = _Takeover()
    source = _utf8_file(path, known, delimiter)
    if source is None:
        yield from _by_csv_module(path, limits, known, checks, batch_rows)
        return

    def invalid(row: pacsv.InvalidRow) -> str:
        if row.number is None:  # pragma: no cover - the reader is serial, numbers are known
            return "error"
        try:
            odd[row.number] = _parse_row(row.text, delimiter)
        except csv.Error:  # pragma: no cover - the quoting was checked before
            takeover.needed = True
        if len(odd) > _ODD_MOST:
            # Most rows are of another width than the first (a short header): putting them
            # back one by one would cost more than the csv module reading them all.
            takeover.needed = True
        return "skip"

    reader = None
    try:
        reader = pacsv.open_csv(
            source,
            read_options=pacsv.ReadOptions(
                autogenerate_column_names=True, use_threads=False, block_size=_BLOCK
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False,
                invalid_row_handler=invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=_all_strings(limits), strings_can_be_null=False,
                quoted_strings_can_be_null=False, auto_dict_encode=False,
            ),
        )  # fmt: skip
        if _plain_text(reader):
            yield from _read(reader, checks, odd, batch_rows, takeover)
        else:
            takeover.needed = True
    except pa.ArrowInvalid:
        takeover.needed = True  # pyarrow cannot go on (a row larger than a block)
    finally:
        if reader is not None:
            reader.close()
        source.close()
    if takeover.needed or odd:
        # The csv module reads the rest of the file: rows already handed out are not
        # handed out again.
        yield from _by_csv_module(path, limits, known, checks, batch_rows)


class _Takeover:
    """Set when the csv module must read the rest of the file."""

    needed = False


def _plain_text(reader: pa.RecordBatchReader) -> bool:
    """Whether pyarrow reads the file as plain text in at least two columns (a first row
    wider than the types named, a row larger than a block, or one column, where pyarrow
    cannot tell an empty line (no cell) from an empty cell, are left to the csv module)."""
    import pyarrow as pa

    schema = reader.schema
    return len(schema) >= 2 and all(field.type == pa.string() for field in schema)


def _read(
    reader: pa.RecordBatchReader,
    checks: RowChecks,
    odd: dict[int, list[str]],
    batch_rows: int,
    takeover: _Takeover,
) -> Iterator[pa.RecordBatch]:
    """pyarrow's batches with the rows it skipped put back, re-cut to ``batch_rows`` and
    checked; nothing more is handed out once the csv module must take over."""
    import pyarrow as pa

    pending: list[pa.RecordBatch] = []
    pending_rows = 0
    while not takeover.needed:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            if odd:  # rows pyarrow skipped after its last batch
                empty = pa.RecordBatch.from_arrays([], names=[])
                pending.append(_with_odd_rows(empty, checks.rows + pending_rows, odd))
            break
        batch = _with_odd_rows(batch, checks.rows + pending_rows, odd)
        pending.append(batch)
        pending_rows += batch.num_rows
        while pending_rows >= batch_rows and not takeover.needed:
            ready, pending, pending_rows = _split(pending, batch_rows)
            checks.check(ready)
            yield ready
    if takeover.needed or odd:
        return
    for ready in _split_all(pending):
        checks.check(ready)
        yield ready


def _all_strings(limits: Limits) -> dict[str, pa.DataType]:
    """Every column pyarrow may name (``f0``, ``f1``, …) typed as text: no inference."""
    import pyarrow as pa

    return {f"f{c}": pa.string() for c in range(min(limits.columns, LAST_COLUMN) + 1)}


def _split(
    pending: list[pa.RecordBatch], rows: int
) -> tuple[pa.RecordBatch, list[pa.RecordBatch], int]:
    """The first ``rows`` rows of ``pending`` as one batch, and what is left."""
    import pyarrow as pa

    width = max(batch.num_columns for batch in pending)
    table = pa.Table.from_batches([pad_batch(batch, width) for batch in pending])
    head = table.slice(0, rows).combine_chunks().to_batches()
    first = head[0] if head else pad_batch(pending[0].slice(0, 0), width)
    rest = table.slice(rows).to_batches()
    return first, rest, sum(batch.num_rows for batch in rest)


def _split_all(pending: list[pa.RecordBatch]) -> list[pa.RecordBatch]:
    total = sum(batch.num_rows for batch in pending)
    if not total:
        return []
    ready, _, _ = _split(pending, total)
    return [ready]


def _with_odd_rows(batch: pa.RecordBatch, before: int, odd: dict[int, list[str]]) -> pa.RecordBatch:
    """``batch`` with the rows pyarrow skipped (numbered from 1 in the file) put back."""
    import pyarrow as pa

    if not odd:
        return batch
    first = before + 1
    pieces: list[pa.RecordBatch] = []
    taken, number = 0, first
    while taken < batch.num_rows or number in odd:
        if number in odd:
            pieces.append(batch_of_rows([odd.pop(number)]))
            number += 1
            continue
        # The run of pyarrow's rows up to the next skipped one.
        following = [n for n in odd if n > number]
        run = (min(following) - number) if following else batch.num_rows - taken
        run = min(run, batch.num_rows - taken)
        pieces.append(batch.slice(taken, run))
        taken += run
        number += run
    if not pieces:
        return batch
    width = max(piece.num_columns for piece in pieces)
    table = pa.Table.from_batches([pad_batch(piece, width) for piece in pieces])
    return table.combine_chunks().to_batches()[0]


def _parse_row(text: str, delimiter: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter))
    return rows[0] if rows else []


def _by_csv_module(
    path: Path, limits: Limits, known: tuple[str, int], checks: RowChecks, batch_rows: int
) -> Iterator[pa.RecordBatch]:
    """The rest of the file as the ``csv`` module reads it, from the row after the last one
    handed out (it raises, with its own words, where the file is broken)."""
    rows = iter_csv_rows(path, limits, known=known)
    for _ in islice(rows, checks.rows):
        pass
    while chunk := list(islice(rows, batch_rows)):
        batch = batch_of_rows(chunk)
        checks.count(batch)
        yield batch


def _utf8_file(path: Path, known: tuple[str, int], delimiter: str) -> pa.NativeFile | None:
    """The file's text as UTF-8 for pyarrow, its quoting checked on the way; ``None`` when
    the quoting is broken (the csv module then words the refusal).

    A UTF-8 file is handed over as it is (pyarrow leaves a UTF-8 BOM out itself). Any other
    encoding (or a file name pyarrow cannot take) is transcoded a block at a time into a
    temporary file, unlinked as soon as pyarrow has opened it, so memory stays bounded and
    nothing is left behind. pyarrow reads a native file in its own threads; a Python file
    object would be called back from them, which crashes an interpreter shutting down.
    """
    import pyarrow as pa

    encoding, bom = known
    native = encoding == "utf-8" and _native_name(path)
    quotes = QuoteCheck(delimiter)
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    with path.open("rb") as handle, contextlib.ExitStack() as cleanup:
        handle.seek(bom)
        target = None
        if not native:
            target = cleanup.enter_context(tempfile.NamedTemporaryFile(suffix=".csv"))
        while True:
            raw = handle.read(_BLOCK)
            block = raw if encoding == "utf-8" else decoder.decode(raw, final=not raw).encode()
            if block:
                quotes.feed(block)
                if target is not None:
                    target.write(block)
            if not raw or quotes.broken is not None:
                break
        quotes.close()
        if quotes.broken is not None:
            return None
        if target is None:
            return pa.OSFile(str(path))
        target.flush()
        # Opened before the temporary file is closed and removed (POSIX keeps its data
        # while a descriptor is open; elsewhere the file is read in full first).
        if os.name == "posix":
            return pa.OSFile(target.name)
        return pa.BufferReader(pa.py_buffer(Path(target.name).read_bytes()))


def _native_name(path: Path) -> bool:
    """Whether pyarrow can open ``path`` by name (it takes names as UTF-8 text)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

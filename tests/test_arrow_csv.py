"""CSV to Arrow gives exactly the rows, limits and errors of the csv-module reader."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.files.arrow_csv import iter_csv_batches, read_csv_table
from orderkit.files.csv_quotes import QuoteCheck
from orderkit.files.csvfile import iter_csv_rows
from orderkit.files.safety import Limits
from orderkit.model.errors import EmptyFile, FileTooLarge, UnreadableFile

pytest.importorskip("pyarrow")

# Cells built from what trips CSV readers: quotes, delimiters, line ends, NUL, Unicode that
# Python strips and Arrow does not, decomposed Hangul, full-width digits, emoji.
_PIECES = st.sampled_from(
    ['"', ",", "\t", "\r", "\n", "\r\n", "\x00", " ", "\u3000", "\x1c", "\x85", "a", "0",
     "010", "가", "\u1100\u1161", "１２", "😀", "é", "e\u0301", "\\", "'", "x" * 40]
)  # fmt: skip
_CELLS = st.lists(_PIECES, max_size=4).map("".join)
_ROWS = st.lists(st.lists(_CELLS, max_size=5), min_size=1, max_size=12)


def _written(rows: Sequence[Sequence[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


def _outcome(read: object) -> object:
    """Rows, or the exception's type and both messages."""
    try:
        return read() if callable(read) else read
    except (UnreadableFile, FileTooLarge) as exc:
        return type(exc), str(exc), getattr(exc, "ko", None)


def _trimmed(rows: Sequence[Sequence[str | None]]) -> list[tuple[str, ...]]:
    """Rows as a sheet shows them: a missing cell is empty, trailing empty cells dropped."""
    out = []
    for row in rows:
        cells = [cell or "" for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        out.append(tuple(cells))
    return out


def _both(path: Path, limits: Limits | None = None) -> tuple[object, object]:
    old = _outcome(lambda: _trimmed(list(iter_csv_rows(path, limits))))

    def new() -> list[tuple[str, ...]]:
        _, batches = iter_csv_batches(path, limits=limits, batch_rows=3)
        rows: list[list[str | None]] = []
        for batch in batches:
            assert batch.num_rows <= 3
            rows.extend(list(row.values()) for row in batch.to_pylist())
        return _trimmed(rows)

    return old, _outcome(new)


def _file(data: bytes, suffix: str = ".csv") -> Path:
    folder = Path(tempfile.mkdtemp())
    path = folder / f"orders{suffix}"
    path.write_bytes(data)
    return path


@given(
    rows=_ROWS,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    delimiter=st.sampled_from([",", "\t"]),
)
def test_written_csv_reads_the_same_through_arrow(
    rows: list[list[str]], encoding: str, delimiter: str
) -> None:
    path = _file(_written(rows, delimiter).encode(encoding), ".tsv")
    old, new = _both(path)
    assert old == new


@given(rows=st.lists(st.lists(st.sampled_from(["가", "나다", "", "0101", "서울,시"]),
                              max_size=4), min_size=1, max_size=8))  # fmt: skip
def test_cp949_csv_is_transcoded_to_the_same_rows(rows: list[list[str]]) -> None:
    path = _file(_written([["주문번호", "수량"], *rows], ",").encode("cp949"))
    old, new = _both(path)
    assert old == new


@given(text=st.lists(_PIECES, max_size=40).map("".join))
def test_hand_made_csv_bytes_read_or_fail_the_same(text: str) -> None:
    # Not written by a csv writer: broken quoting, ragged rows, stray quotes.
    path = _file(text.encode("utf-8"))
    old, new = _both(path)
    assert old == new


@given(
    rows=_ROWS,
    columns=st.integers(1, 6),
    cells=st.integers(1, 40),
    cell_length=st.integers(1, 30),
)
def test_limits_refuse_the_same_row_with_the_same_words(
    rows: list[list[str]], columns: int, cells: int, cell_length: int
) -> None:
    limits = Limits(columns=columns, cells=cells, cell_length=cell_length)
    path = _file(_written(rows, ",").encode())
    old, new = _both(path, limits)
    assert old == new


def test_text_after_a_closing_quote_is_refused_as_the_csv_module_words_it() -> None:
    path = _file(b'order,name\n1,"Kim"x\n')
    with pytest.raises(UnreadableFile, match="line 2: not a valid CSV file"):
        read_csv_table(path)


def test_a_quote_never_closed_is_refused() -> None:
    path = _file(b'order,name\n1,"Kim\n2,Lee\n')
    with pytest.raises(UnreadableFile, match="unexpected end of data"):
        read_csv_table(path)


def test_ragged_rows_keep_their_place_and_cells() -> None:
    body = "".join(f"{n},{n}\n" for n in range(5000))
    path = _file(f"a,b,c\n{body}short\nx,y,z,w\n".encode())
    found, table = read_csv_table(path)
    assert found.delimiter == ","
    assert table.num_rows == 5003
    assert table.column_names == ["A", "B", "C", "D"]
    assert table.slice(5001, 2).to_pylist() == [
        {"A": "short", "B": None, "C": None, "D": None},
        {"A": "x", "B": "y", "C": "z", "D": "w"},
    ]
    assert table.slice(1, 1).to_pylist() == [{"A": "0", "B": "0", "C": None, "D": None}]


def test_numbers_stay_text_with_their_leading_zeros() -> None:
    path = _file("전화,수량\n01012345678,0010\n1e5,3\n".encode("cp949"))
    found, table = read_csv_table(path)
    assert found.encoding == "cp949"
    assert table.to_pylist()[1:] == [
        {"A": "01012345678", "B": "0010"},
        {"A": "1e5", "B": "3"},
    ]


def test_batches_are_contiguous_and_bounded() -> None:
    body = "".join(f'{n},"line\n{n}"\n' for n in range(1000))
    path = _file(f"a,b\n{body}".encode())
    _, batches = iter_csv_batches(path, batch_rows=128)
    sizes = [batch.num_rows for batch in batches]
    assert sizes == [128] * 7 + [105]


def test_a_file_of_blank_cells_is_empty() -> None:
    with pytest.raises(EmptyFile):
        read_csv_table(_file(b" , \n\t,\n"))


def test_more_rows_than_allowed_are_refused() -> None:
    path = _file(b"a\n1\n2\n3\n")
    with pytest.raises(FileTooLarge, match="more than the 3 rows"):
        read_csv_table(path, limits=Limits(rows=3))


def test_a_very_long_cell_is_refused_as_the_csv_module_refuses_it() -> None:
    path = _file(b"a,b\n1," + b"x" * 200_000 + b"\n")
    old, new = _both(path)
    assert old == new
    assert isinstance(new, tuple)
    assert "a cell in row 2" in str(new[1])


def _checked(data: bytes, *cuts: int) -> bool:
    """Whether the quote check finds a broken cell, fed in pieces cut at ``cuts``."""
    check = QuoteCheck(",")
    for start, end in zip((0, *cuts), (*cuts, len(data)), strict=True):
        check.feed(data[start:end])
    check.close()
    return check.broken is not None


@given(text=st.lists(st.sampled_from(['"', ",", "\n", "a", '""']), max_size=30).map("".join),
       cut=st.integers(0, 30))  # fmt: skip
def test_quote_check_misses_nothing_wherever_blocks_end(text: str, cut: int) -> None:
    data = text.encode()
    try:
        list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        assert _checked(data)
        assert _checked(data, min(cut, len(data)))


@given(rows=_ROWS, cuts=st.lists(st.integers(0, 200), max_size=4).map(sorted))
def test_quote_check_passes_written_csv_wherever_blocks_end(
    rows: list[list[str]], cuts: list[int]
) -> None:
    data = _written(rows, ",").encode()
    assert not _checked(data, *(min(cut, len(data)) for cut in cuts))


def test_a_header_shorter_than_every_row_reads_the_same() -> None:
    body = "".join(f"{n},{n},extra\n" for n in range(3000))
    path = _file(f"a,b\n{body}".encode())
    old, new = _both(path)
    assert old == new
    _, table = read_csv_table(path)
    assert table.num_rows == 3001
    assert table.column_names == ["A", "B", "C"]


def test_a_cell_past_what_the_csv_module_parses_is_refused_first() -> None:
    # Wider than allowed too: the csv module's parse error comes before the width check.
    path = _file(b"a,b\n1,2,3," + b"x" * 140_000 + b"\n")
    limits = Limits(cell_length=500_000, columns=3)
    old, new = _both(path, limits)
    assert old == new
    assert isinstance(new, tuple)
    assert "a cell in row 2" in str(new[1])


def test_a_reader_left_half_way_does_not_crash_the_interpreter_on_exit() -> None:
    # pyarrow reads ahead in its own threads; a Python file object called back from them
    # while the interpreter shuts down hangs or aborts the process (15 MB: past what it
    # reads ahead).
    body = "".join(f'{n},"서울시, {n}"\n' for n in range(600_000))
    path = _file(f"주문번호,주소\n{body}".encode("cp949"))
    script = (
        "import sys\n"
        "from orderkit.files.arrow_csv import iter_csv_batches\n"
        "_, batches = iter_csv_batches(sys.argv[1], batch_rows=1000)\n"
        "print(next(batches).num_rows)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout.strip()) == (0, "1000"), done.stderr[-500:]

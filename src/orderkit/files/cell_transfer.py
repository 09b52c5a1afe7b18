"""A worksheet's cells packed for the trip from the forked reader back to the caller.

Pickling a list of lists pickles every cell on its own, and unpickling builds them again one
by one: for the benchmark's 5,000-order sheet that was a fifth of the isolated read. Nearly
every cell a reader returns is text, so each block of rows goes back as one string,
separated by a character no cell holds, and :meth:`str.split` rebuilds its cells in one
call. The few cells that are not text (numbers, dates, booleans) travel beside it by
position. A block whose cells hold the separator, and a sheet whose rows differ in length,
travel as they are.

The rows are released block by block as they are packed, so the child never holds the
sheet twice: a workbook near the memory limit packs as it pickled. The caller gets the cells
back as one flat list (:class:`~orderkit.files.flat_rows.FlatRows`), not a list per row.
"""

from __future__ import annotations

from itertools import chain
from typing import Any, Final

from orderkit.files.flat_rows import FlatRows

__all__ = ["Packed", "pack_cells", "unpack_cells"]

# A control character no spreadsheet program writes; a block with a cell that holds it
# anyway travels the slow way, never as a wrong cell.
_SEPARATOR: Final = "\x00"
# Cells per block: large enough that the per-block work vanishes, small enough that the
# block's list of cells is no burden.
_BLOCK_CELLS: Final = 1 << 16

Block = tuple[int, str, tuple[tuple[int, Any], ...]] | list[list[Any]]
"""``(rows, text, other cells by position)``, or the block's rows as they are."""
Packed = tuple[int, list[Block]] | list[list[Any]]
"""``(columns, blocks)``, or the rows as they are (an empty or ragged sheet)."""


def pack_cells(rows: list[list[Any]]) -> Packed:
    """``rows`` in the form :func:`unpack_cells` reads (emptying ``rows`` when packed)."""
    width = len(rows[0]) if rows else 0
    if not width or any(len(row) != width for row in rows):
        return rows
    step = max(1, _BLOCK_CELLS // width)
    blocks: list[Block] = []
    for start in range(0, len(rows), step):
        block = rows[start : start + step]
        rows[start : start + step] = [[]] * len(block)  # released as they are packed
        blocks.append(_packed_block(block))
    rows.clear()
    return width, blocks


def _packed_block(rows: list[list[Any]]) -> Block:
    cells = list(chain.from_iterable(rows))
    try:
        text = _SEPARATOR.join(cells)
        others: tuple[tuple[int, Any], ...] = ()
    except TypeError:
        others = tuple((p, v) for p, v in enumerate(cells) if v.__class__ is not str)
        text = _SEPARATOR.join([v if v.__class__ is str else "" for v in cells])
    if text.count(_SEPARATOR) != len(cells) - 1:
        return rows
    return len(rows), text, others


def unpack_cells(packed: Packed) -> FlatRows | list[list[Any]]:
    """The rows :func:`pack_cells` packed: as :class:`FlatRows` when they were packed.

    Raises:
        ValueError: ``packed`` is not what :func:`pack_cells` makes.
    """
    if isinstance(packed, list):
        return packed
    # Checked, not trusted: the child that packed them read a file that may be hostile.
    width, blocks = packed
    if not (isinstance(width, int) and width >= 1 and isinstance(blocks, list)):
        raise ValueError("the packed cells are not in the packed form")
    cells: list[Any] = []
    for block in blocks:
        if isinstance(block, list):
            if any(not isinstance(row, list) or len(row) != width for row in block):
                raise ValueError("a packed row is not as wide as the others")
            cells.extend(chain.from_iterable(block))
        else:
            _unpack_block(cells, width, *block)
    return FlatRows(cells, width)


def _unpack_block(
    cells: list[Any], width: int, height: int, text: str, others: tuple[tuple[int, Any], ...]
) -> None:
    """Add one packed block's cells to ``cells``."""
    if not (isinstance(height, int) and isinstance(text, str)):
        raise ValueError("the packed cells are not in the packed form")
    found = text.split(_SEPARATOR)
    if len(found) != height * width:
        raise ValueError("the packed cells do not fill their rows")
    for position, value in others:
        if not (isinstance(position, int) and 0 <= position < len(found)):
            raise ValueError("a packed cell is outside its rows")
        found[position] = value
    cells += found

"""A column of Python values made only when first read.

The polars backend checks whole columns without turning their cells into Python objects;
the checked values it returns (the texts, the typed amounts and quantities) become Python
lists only if a caller reads them, for instance to build :class:`~orderkit.Order` objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar, overload

__all__ = ["LazyColumn", "made_column"]

_T = TypeVar("_T")


class LazyColumn(Sequence[_T]):
    """``length`` values, made by ``make()`` on first access; ``source`` is what they are
    made from (a polars Series), for a caller that can use it as it is."""

    __slots__ = ("_length", "_make", "_values", "source")

    def __init__(self, length: int, make: Callable[[], list[_T]], source: object = None) -> None:
        self._length = length
        self._make = make
        self._values: list[_T] | None = None
        self.source = source

    def _list(self) -> list[_T]:
        if self._values is None:
            values = self._make()
            if len(values) != self._length:
                raise AssertionError(f"made {len(values)} values, not {self._length}")
            self._values = values
        return self._values

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> _T: ...

    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...

    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        return self._list()[index]

    def __iter__(self) -> Iterator[_T]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyColumn | list | tuple):
            return self._list() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a list, so unhashable like one

    def __repr__(self) -> str:
        shown = "…" if self._values is None else repr(self._values)
        return f"LazyColumn({self._length}, {shown})"

    def __reduce__(self) -> tuple[Callable[[list[_T]], LazyColumn[_T]], tuple[list[_T]]]:
        # A report crosses to other processes (a pool, Spark, Dask) by pickle: it travels as
        # its values, without the polars Series and the function that made them.
        return made_column, (self._list(),)


def made_column(values: list[_T]) -> LazyColumn[_T]:
    """A column whose values are already made."""
    column = LazyColumn(len(values), values.copy)
    column._list()
    return column

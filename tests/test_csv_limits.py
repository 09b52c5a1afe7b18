"""CSV files under the same column, cell and cell-length limits as workbooks (issue 11,
item 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit import FileTooLarge, Limits

from .sheets import STANDARD_HEADER, standard_row, write_csv

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def every_reader(path: Path, limits: Limits | None = None) -> list[Any]:
    """What each way of reading a CSV file raised (all three must refuse alike)."""
    calls = (
        lambda: orderkit.read_sheet(path, limits=limits),
        lambda: orderkit.validate_file(path, "standard", platform="수기", limits=limits),
        lambda: orderkit.validate_file(
            path, "standard", platform="수기", limits=limits, keep_orders=False, chunk_rows=2
        ),
    )
    raised = []
    for call in calls:
        with pytest.raises(FileTooLarge) as caught:
            call()
        raised.append(caught.value)
    return raised


def test_a_csv_wider_than_excel_allows_is_refused_naming_the_line(tmp_path: Path) -> None:
    wide = standard_row("A-2") + ["x"] * 16_384
    path = write_csv(tmp_path / "wide.csv", [STANDARD_HEADER, standard_row("A-1"), wide])
    for error in every_reader(path):
        assert "row 3" in str(error)
        assert "16,384" in str(error)
        assert "3행" in error.localized("ko")


@pytest.mark.parametrize("length", [32_768, 200_000])
def test_a_csv_cell_longer_than_excel_allows_is_refused_naming_it(
    tmp_path: Path, length: int
) -> None:
    # Any column, even one no template reads: the failure file writes every column back.
    row = [*standard_row("A-2"), "x" * length]
    path = write_csv(tmp_path / "long.csv", [STANDARD_HEADER, standard_row("A-1"), row])
    for error in every_reader(path):
        assert "row 3" in str(error)
        assert "32,767" in str(error)


def test_a_csv_over_the_cell_limit_is_refused(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, *(standard_row(f"A-{i}") for i in range(20))]
    path = write_csv(tmp_path / "many.csv", rows)
    limits = Limits(cells=len(STANDARD_HEADER) * 10)
    for error in every_reader(path, limits):
        assert "cells" in str(error)
    assert orderkit.validate_file(path, "standard", platform="수기").ok


@fixture_ok
@given(
    columns=st.integers(min_value=len(STANDARD_HEADER), max_value=60),
    cell_length=st.integers(min_value=1, max_value=40),
    longest=st.integers(min_value=1, max_value=60),
)
def test_a_csv_is_read_exactly_when_within_the_limits(
    tmp_path: Path, columns: int, cell_length: int, longest: int
) -> None:
    extra = columns - len(STANDARD_HEADER)
    header = [*STANDARD_HEADER, *(f"extra{i}" for i in range(extra))]
    row = [*standard_row("A-1"), *(["y"] * extra)]
    row[-1] = "z" * longest if extra else row[-1]
    path = write_csv(tmp_path / "sized.csv", [header, row])
    limits = Limits(columns=30, cell_length=max(cell_length, 20))
    too_wide = columns > limits.columns
    too_long = max(len(str(cell)) for cell in [*header, *row]) > limits.cell_length
    if too_wide or too_long:
        with pytest.raises(FileTooLarge):
            orderkit.read_sheet(path, limits=limits)
    else:
        assert len(orderkit.read_sheet(path, limits=limits).rows) == 2

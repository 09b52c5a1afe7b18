"""Counting orders from the order key alone gives exactly what the full mapping gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit.engine.assemble import group_rows
from orderkit.engine.counting import count_orders
from orderkit.templates.fitting import read_for
from orderkit.templates.mapper import map_sheet

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

# A row: an order number (maybe empty or repeated), and whether its other cells are empty.
rows_strategy = st.lists(
    st.tuples(st.sampled_from(["", " ", "A-1", "A-2", "B-7"]), st.booleans()),
    max_size=12,
)


def sheet_rows(shape: list[tuple[str, bool]]) -> list[list[Any]]:
    rows: list[list[Any]] = [STANDARD_HEADER]
    for number, empty in shape:
        rows.append([number] + [""] * 13 if empty else standard_row(number))
    return rows


@fixture_ok
@given(
    shape=rows_strategy,
    default=st.booleans(),
    platform_column=st.booleans(),
    xlsx=st.booleans(),
)
def test_the_cheap_count_is_the_full_mappings(
    tmp_path: Path, shape: list[tuple[str, bool]], default: bool, platform_column: bool, xlsx: bool
) -> None:
    fields = orderkit.standard_template().to_dict()["fields"]
    if default:
        fields["country"] = {"column": "국가코드", "default": "KR"}
    if platform_column:
        fields["platform"] = "배송메세지"  # some rows name a platform, most leave it empty
    template = orderkit.load_template({"platform": None, "header_row": 1, "fields": fields})
    rows = sheet_rows(shape)
    if platform_column and len(rows) > 2:
        rows[2][STANDARD_HEADER.index("배송메세지")] = "쿠팡"
    write = write_xlsx if xlsx else write_csv
    path = write(tmp_path / ("c.xlsx" if xlsx else "c.csv"), rows)
    platform = None if platform_column else "수기"
    loaded, sheet = read_for(path, template)
    count = count_orders(sheet, loaded, platform=platform, brand=None, locale="ko")
    mapped = map_sheet(sheet, loaded, platform=platform)
    assert (count.rows, count.orders) == (len(mapped.table), len(group_rows(mapped.table)))
    assert count.header_index == mapped.header_index

"""The upload engine end to end: groups, idempotency, the failure file, re-upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit import Code, GroupStatus

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def sheet_of(orders: list[tuple[str, int, bool]]) -> list[list[Any]]:
    """Rows for (order number, lines, bad) triples; a bad order has quantity 0 on its last line."""
    rows: list[list[Any]] = [STANDARD_HEADER]
    for number, lines, bad in orders:
        for line in range(lines):
            quantity = 0 if bad and line == lines - 1 else line + 1
            rows.append(standard_row(number, sku=f"S-{line}", quantity=quantity))
    return rows


def assert_no_formula(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)


def upload(path: Path, sink: orderkit.Sink, **kwargs: Any) -> orderkit.UploadResult:
    return orderkit.upload_file(path, sink, template="standard", platform="수기", **kwargs)


def test_a_small_clean_upload_commits_every_order(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", sheet_of([("A", 2, False), ("B", 1, False)]))
    sink = orderkit.MemorySink()
    seen: list[orderkit.GroupResult] = []
    result = upload(path, sink, on_group=seen.append)
    assert result.ok
    assert result.mode == "small"
    assert (result.committed, result.skipped, result.failed) == (2, 0, 0)
    (group,) = result.groups
    assert seen == [group]
    assert (group.first_row, group.last_row, group.orders) == (2, 4, 2)
    assert sink.count() == 2
    assert len(result.failures) == 0


def test_a_bad_row_fails_its_whole_group_and_only_it(tmp_path: Path) -> None:
    orders = [(f"O-{n}", 1 + n % 2, n == 4) for n in range(9)]
    path = write_xlsx(tmp_path / "o.xlsx", sheet_of(orders))
    sink = orderkit.MemorySink()
    result = upload(path, sink, group_size=3, small_limit=2)
    assert result.mode == "bulk"
    assert [g.status for g in result.groups] == [
        GroupStatus.COMMITTED, GroupStatus.FAILED, GroupStatus.COMMITTED
    ]  # fmt: skip
    assert (result.committed, result.failed) == (6, 3)
    assert sink.count() == 6
    assert sink.get("수기", "O-4") is None
    assert sink.get("수기", "O-3") is None, "a clean order of a failed group is not committed"
    failed = result.groups[1]
    assert failed.rows == tuple(range(failed.first_row, failed.last_row + 1))
    codes = {p.code for p in failed.problems}
    assert codes == {Code.OUT_OF_RANGE, Code.GROUP_FAILED}


def test_an_order_is_never_split_across_groups(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", sheet_of([(f"O-{n}", 3, False) for n in range(5)]))
    result = upload(path, orderkit.MemorySink(), group_size=2, small_limit=1)
    assert [len(g.rows) for g in result.groups] == [6, 6, 3]


def test_too_many_orders_are_refused_and_nothing_is_committed(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", sheet_of([(f"O-{n}", 2, False) for n in range(6)]))
    sink = orderkit.MemorySink()
    result = upload(path, sink, small_limit=2, max_orders=5)
    assert result.mode == "refused"
    assert not result.ok
    (problem,) = result.problems
    assert problem.code == Code.TOO_MANY_ORDERS
    assert "6" in problem.message
    assert "5" in problem.message
    assert sink.count() == 0
    # Refused whole before any row is checked: no failure file of one repeated reason.
    assert (result.failed, len(result.failures)) == (6, 0)


def test_limits_count_orders_not_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", sheet_of([(f"O-{n}", 3, False) for n in range(5)]))
    result = upload(path, orderkit.MemorySink(), small_limit=5, max_orders=5)
    assert result.mode == "small"
    assert result.committed == 5


def test_reuploading_is_idempotent_and_a_changed_order_is_a_duplicate(tmp_path: Path) -> None:
    rows = sheet_of([("A", 1, False), ("B", 1, False)])
    path = write_xlsx(tmp_path / "o.xlsx", rows)
    sink = orderkit.MemorySink()
    upload(path, sink)
    again = upload(path, sink)
    assert again.ok
    assert (again.committed, again.skipped) == (0, 2)
    assert {p.code for p in again.problems} == {Code.ALREADY_REGISTERED}
    assert all(not p.is_error for p in again.problems)

    rows[1] = standard_row("A", sku="S-0", quantity=1, name="김철수")
    changed = upload(write_xlsx(tmp_path / "c.xlsx", rows), sink)
    assert not changed.ok
    duplicate = [p for p in changed.problems if p.code == Code.DUPLICATE_ORDER]
    assert [(p.row, p.value) for p in duplicate] == [(2, "A")]
    assert sink.count() == 2


def test_the_result_renders_for_notebooks(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", sheet_of([("A", 1, True)]))
    result = upload(path, orderkit.MemorySink())
    assert list(result.to_frame().columns) == [
        "row", "column", "field", "code", "severity", "message", "value"
    ]  # fmt: skip
    assert list(result.groups_frame()["status"]) == ["failed"]
    assert "failures" in result._repr_html_()
    assert result.summary()["groups_failed"] == 1


# the failure file ---------------------------------------------------------------------------


def test_the_failure_file_keeps_title_rows_header_cells_and_adds_reasons(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["2026-11-26 주문서 (수기)"],
        *sheet_of([("A", 1, False), ("B", 2, True)]),
    ]
    rows[3] = standard_row("B", sku="S-0", quantity=1, phone="+81-90-1234-567", postal=4524)
    template = {**orderkit.standard_template().to_dict(), "header_row": 2}
    path = write_xlsx(tmp_path / "o.xlsx", rows)
    sink = orderkit.SqliteSink(tmp_path / "o.db")
    result = orderkit.upload_file(
        path, sink, template=template, platform="수기", group_size=1, small_limit=0
    )
    out = result.write_failure_file(tmp_path / "failures.xlsx")
    assert_no_formula(out)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "2026-11-26 주문서 (수기)"
    assert values[1] == [*STANDARD_HEADER, "실패 사유"]
    assert [v[0] for v in values[2:]] == ["B", "B"]
    assert values[2][2] == "+81-90-1234-567"
    assert values[2][3] == 4524, "a number cell goes back as the number it was"
    # the bad row is row 4 of the failure file (row 5 of the upload), and says so
    assert values[2][-1].startswith("[원본 4행] ")
    assert "같은 그룹의 4행(원본 5행)에" in values[2][-1]
    assert "수량" in values[3][-1]
    assert all(v[-1] for v in values[2:]), "every row has a reason"


def test_the_store_writes_the_same_failure_file_again_later(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", sheet_of([("A", 1, True), ("B", 1, False)]))
    with orderkit.SqliteSink(tmp_path / "o.db") as sink:
        result = upload(path, sink)
        first = result.write_failure_file(tmp_path / "now.xlsx")
    with orderkit.SqliteSink(tmp_path / "o.db") as reopened:
        assert result.upload_id is not None
        later = reopened.failure_file(result.upload_id, tmp_path / "later.xlsx")
    assert orderkit.read_sheet(first) == orderkit.read_sheet(later)


def test_no_cell_written_is_a_formula_and_text_reads_back_unchanged(tmp_path: Path) -> None:
    # "_x0001_" in the seller's file is how xlsx stores a control character.
    hostile = [
        '=HYPERLINK("http://x","y")',
        "+82-10",
        "-1",
        "@SUM(A1)",
        "a_x0001_b",
        "_x005F_x000D_",
    ]
    rows = [STANDARD_HEADER] + [
        standard_row(f"H-{n}", quantity=0, 배송메세지=text, address=text)
        for n, text in enumerate(hostile)
    ]
    path = write_xlsx(tmp_path / "o.xlsx", rows)
    original = orderkit.read_sheet(path)
    result = upload(path, orderkit.MemorySink())
    out = result.write_failure_file(tmp_path / "f.xlsx")
    assert_no_formula(out)
    back = orderkit.read_sheet(out)
    column = STANDARD_HEADER.index("배송메세지")
    assert [r[column] for r in back.rows[1:]] == [r[column] for r in original.rows[1:]]
    assert [r[column] for r in back.rows[1:]][-2:] == ["a\x01b", "_x000D_"]


def test_characters_xlsx_cannot_hold_are_replaced_visibly_and_noted(tmp_path: Path) -> None:
    failures = orderkit.FailureFile(
        "s", (("주문번호",),), (orderkit.files.failures.FailureRow(2, ("A\ud800B",), (), "이유"),)
    )
    out = failures.write(tmp_path / "f.xlsx")
    row = orderkit.read_sheet(out).rows[1]
    assert row[0] == "A\ufffdB"
    assert "바꿨습니다" in row[1]


def test_uploading_the_failure_file_again_works(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", sheet_of([("A", 1, True), ("B", 1, False)]))
    sink = orderkit.MemorySink()
    first = upload(path, sink)
    failure = first.write_failure_file(tmp_path / "f.xlsx")
    second = upload(failure, sink)
    assert second.rows == 2
    assert [p.code for p in second.problems if p.is_error] == [
        Code.OUT_OF_RANGE, Code.GROUP_FAILED
    ]  # fmt: skip


# properties ---------------------------------------------------------------------------------


@fixture_ok
@given(
    st.lists(st.tuples(st.integers(1, 3), st.integers(0, 9)), min_size=1, max_size=25),
    st.integers(1, 6),
    st.integers(0, 8),
)
def test_upload_properties(
    tmp_path: Path, shape: list[tuple[int, int]], group_size: int, small_limit: int
) -> None:
    orders = [(f"P-{n}", lines, roll == 0) for n, (lines, roll) in enumerate(shape)]
    path = write_xlsx(tmp_path / "p.xlsx", sheet_of(orders))
    sink = orderkit.MemorySink()
    result = upload(path, sink, group_size=group_size, small_limit=small_limit)

    committed_rows = sum(len(g.rows) for g in result.groups if g.ok)
    assert result.rows == committed_rows + len(result.failures)
    rows_of = {number: [] for number, _, _ in orders}  # type: dict[str, list[int]]
    row = 2
    for number, lines, _ in orders:
        rows_of[number] = list(range(row, row + lines))
        row += lines
    for rows in rows_of.values():
        holders = [g.index for g in result.groups if set(rows) & set(g.rows)]
        assert len(holders) == 1, "an order is never split"
    bad_rows = {rows_of[n][-1] for n, _, bad in orders if bad}
    assert sum(not g.ok for g in result.groups) == sum(
        bool(bad_rows & set(g.rows)) for g in result.groups
    )
    assert sink.count() == result.committed

    # fix the failure file and upload it again: every order ends up registered exactly once
    if not result.failures:
        with pytest.raises(orderkit.NoFailures):
            result.write_failure_file(tmp_path / "f.xlsx")
        return
    written = result.write_failure_file(tmp_path / "f.xlsx")
    assert_no_formula(written)
    failure = orderkit.read_sheet(written)
    quantity = STANDARD_HEADER.index("수량")
    fixed = [list(failure.rows[0])] + [
        [("1" if c == quantity and v == "0" else v) for c, v in enumerate(r)]
        for r in failure.rows[1:]
    ]
    fixed_path = write_xlsx(tmp_path / "fixed.xlsx", fixed)
    if not result.failed:
        # Nothing failed: the failure file is a header with no orders, refused as such.
        with pytest.raises(orderkit.NoOrders):
            upload(fixed_path, sink, group_size=group_size)
        assert sink.count() == len(orders)
        return
    again = upload(fixed_path, sink, group_size=group_size)
    assert again.ok
    assert sink.count() == len(orders)
    assert again.committed == result.failed

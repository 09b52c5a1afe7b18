"""validate_file: from a seller's sheet to orders and problems by Excel row."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit import Code

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx
from .strategies import valid_order_data

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def validate(path: Path, template: Any = "standard", **kwargs: Any) -> orderkit.Report:
    kwargs.setdefault("platform", "수기")
    return orderkit.validate_file(path, template, **kwargs)


def test_rows_sharing_an_order_number_are_one_order_with_a_line_each(tmp_path: Path) -> None:
    rows = [
        STANDARD_HEADER,
        standard_row("A-1", sku="S-1", quantity=2, 배송메세지="문 앞"),
        standard_row("A-2", sku="S-9"),
        # a blank order-level cell on a later row means "same as above"
        ["A-1", "", "", "", "", "", "", "S-2", 3, "", "", "", "", ""],
    ]
    report = validate(write_xlsx(tmp_path / "o.xlsx", rows))
    assert report.ok, report.problems
    first, second = report.orders
    assert first.order_number == "A-1"
    assert [(line.sku, line.quantity) for line in first.lines] == [("S-1", 2), ("S-2", 3)]
    assert first.delivery_message == "문 앞"
    assert second.order_number == "A-2"
    assert report.assembled[0].rows == (2, 4)


def test_rows_of_one_order_that_disagree_are_conflicting_rows(tmp_path: Path) -> None:
    rows = [
        STANDARD_HEADER,
        standard_row("A-1", name="홍길동"),
        standard_row("A-1", name="김철수", sku="S-2"),
        standard_row("A-1", name="홍길동", sku="S-3"),
    ]
    report = validate(write_xlsx(tmp_path / "o.xlsx", rows))
    (problem,) = report.problems
    assert (problem.row, problem.field, problem.code) == (3, "recipient_name", "conflicting_rows")
    assert problem.column == "수취인명"
    assert "2행" in problem.message
    assert report.orders == ()


def test_problems_carry_the_excel_row_and_column_header(tmp_path: Path) -> None:
    rows = [
        ["2026-11 주문서"],
        [],
        STANDARD_HEADER,
        standard_row("A-1"),
        [],
        standard_row("A-2", phone="010-1234-5678-9999"),
    ]
    template = {**orderkit.standard_template().to_dict(), "header_row": 3}
    report = validate(write_xlsx(tmp_path / "o.xlsx", rows), template)
    (problem,) = report.problems
    assert (problem.row, problem.column, problem.field) == (6, "전화번호", "phone")
    assert problem.value == "010-1234-5678-9999"


def test_the_header_row_is_found_when_the_template_does_not_say(tmp_path: Path) -> None:
    rows = [["주문 목록 — 2026-11-26"], STANDARD_HEADER, standard_row("A-1")]
    template = orderkit.standard_template().to_dict()
    assert "header_row" not in template  # the standard layout names none: it is found
    report = validate(write_xlsx(tmp_path / "o.xlsx", rows), template)
    assert report.ok
    assert report.mapped.header_row == 2
    assert report.assembled[0].rows == (3,)


def test_number_cells_keep_their_meaning(tmp_path: Path) -> None:
    rows = [
        STANDARD_HEADER,
        standard_row(12345.0, postal=4524),  # type: ignore[arg-type]
        standard_row("A-2", phone=1012345678),  # type: ignore[arg-type]
        standard_row(2**53 + 2),  # type: ignore[arg-type]
    ]
    report = validate(write_xlsx(tmp_path / "o.xlsx", rows))
    found = [(p.row, p.field, p.code, p.severity) for p in report.problems]
    assert found == [
        (2, "postal_code", "restored_leading_zero", "warning"),
        (3, "phone", "lost_leading_zero", "error"),
        (4, "order_number", "inexact_number", "error"),
    ]
    assert report.orders[0].order_number == "12345"
    assert report.orders[0].recipient.address.postal_code == "04524"
    lost = report.problems[1]
    assert "0" in lost.message
    assert "사라졌습니다" in lost.message


def test_a_file_missing_template_columns_is_refused_whole(tmp_path: Path) -> None:
    header = [h for h in STANDARD_HEADER if h not in ("전화번호", "수량")] + ["메모"]
    path = write_xlsx(tmp_path / "o.xlsx", [header, ["A-1", "홍길동"]])
    with pytest.raises(orderkit.TemplateMismatch) as caught:
        validate(path)
    problems = caught.value.problems
    assert [(p.field, p.code, p.value) for p in problems] == [
        ("phone", Code.MISSING_COLUMN, "전화번호"),
        ("quantity", Code.MISSING_COLUMN, "수량"),
    ]
    assert "전화번호" in problems[0].message
    assert "매칭" in problems[0].message
    assert isinstance(caught.value, orderkit.OrderkitError)


def test_extra_columns_and_reordered_columns_are_fine(tmp_path: Path) -> None:
    header = ["비고", *reversed(STANDARD_HEADER)]
    row = ["메모", *reversed(standard_row("A-1"))]
    assert validate(write_xlsx(tmp_path / "o.xlsx", [header, row])).ok


def test_a_template_that_maps_nothing_to_a_required_field_is_a_template_error(
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row()])
    template = orderkit.standard_template().to_dict()
    del template["fields"]["sku"]
    with pytest.raises(orderkit.TemplateError, match="sku"):
        validate(path, template)
    with pytest.raises(orderkit.TemplateError, match="platform"):
        orderkit.validate_file(path, "standard")


def test_platform_and_brand_given_at_call_time_win(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row()])
    template = {**orderkit.standard_template().to_dict(), "platform": "네이버", "brand": "A"}
    (order,) = validate(path, template, platform="쿠팡", brand="B").orders
    assert (order.platform, order.brand) == ("쿠팡", "B")
    (order,) = orderkit.validate_file(path, template).orders
    assert (order.platform, order.brand) == ("네이버", "A")


def test_a_cp949_csv_validates_like_an_xlsx(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("A-1"), standard_row("A-2", quantity="0")]
    from_csv = validate(write_csv(tmp_path / "o.csv", rows, encoding="cp949"))
    from_xlsx = validate(write_xlsx(tmp_path / "o.xlsx", rows))
    assert from_csv.orders == from_xlsx.orders
    assert from_csv.problems == from_xlsx.problems


def test_formula_looking_text_is_data(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("=1+1", 배송메세지='=HYPERLINK("http://x")')]
    (order,) = validate(write_xlsx(tmp_path / "o.xlsx", rows)).orders
    assert order.order_number == "=1+1"
    assert order.delivery_message == '=HYPERLINK("http://x")'


# catalogue ------------------------------------------------------------------------------------


def catalogue_rows() -> list[list[str]]:
    return [
        ["상품코드", "옵션", "연결 SKU", "수량"],
        ["P-TEE", "블랙/M", "WH-TEE-BK-M", "1"],
        ["P-TEE", "화이트/L", "WH-TEE-WH-L", "1"],
        ["P-SET", "", "WH-TEE-BK-M", "2"],
        ["P-SET", "", "WH-CAP", "1"],
    ]


def catalogue_template() -> dict[str, Any]:
    template = orderkit.standard_template().to_dict()
    template["fields"]["option"] = "옵션"
    return template


@pytest.mark.parametrize("encoding", ["utf-8", "cp949"])
def test_a_catalogue_expands_products_into_warehouse_skus(tmp_path: Path, encoding: str) -> None:
    catalogue = write_csv(tmp_path / "links.csv", catalogue_rows(), encoding=encoding)
    rows = [
        [*STANDARD_HEADER, "옵션"],
        [*standard_row("A-1", sku="P-TEE", quantity=2), "블랙/M"],
        [*standard_row("A-1", sku="P-SET", quantity=3), ""],
        [*standard_row("A-2", sku="P-TEE", quantity=1), "레드/S"],
        [*standard_row("A-3", sku="P-NONE", quantity=1), ""],
    ]
    report = validate(
        write_xlsx(tmp_path / "o.xlsx", rows), catalogue_template(), catalogue=catalogue
    )
    (order,) = report.orders
    assert [(line.sku, line.quantity) for line in order.lines] == [
        ("WH-TEE-BK-M", 2),
        ("WH-TEE-BK-M", 6),
        ("WH-CAP", 3),
    ]
    assert [(p.row, p.field, p.code, p.value) for p in report.problems] == [
        (4, "sku", "unknown_sku", "P-TEE / 레드/S"),
        (5, "sku", "unknown_sku", "P-NONE"),
    ]


def test_a_catalogue_may_be_a_mapping(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("A-1", sku="P-1", quantity=2)]
    catalogue = {"P-1": [("WH-A", 2), ("WH-B", 1)]}
    (order,) = validate(write_xlsx(tmp_path / "o.xlsx", rows), catalogue=catalogue).orders
    assert [(line.sku, line.quantity) for line in order.lines] == [("WH-A", 4), ("WH-B", 2)]


@pytest.mark.parametrize(
    "mapping", [{"P": [("A", 0)]}, {"P": 3}, {1: "A"}, {"P": [("", 1)]}, {"P": []}]
)
def test_a_malformed_catalogue_is_an_invalid_argument(mapping: Any) -> None:
    with pytest.raises(orderkit.InvalidArgument, match="catalogue"):
        orderkit.load_catalogue(mapping)


# report -----------------------------------------------------------------------------------------


def test_the_report_is_a_frame_and_html(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("A-1", name="<script>alert(1)</script>" * 2)]
    report = validate(write_xlsx(tmp_path / "o.xlsx", rows))
    frame = report.to_frame()
    assert list(frame.columns) == [
        "row", "order_number", "field", "column", "code", "severity", "message", "value"
    ]  # fmt: skip
    assert frame.loc[0, "row"] == 2
    assert frame.loc[0, "code"] == "too_long"
    html = report._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert report.summary()["invalid_orders"] == 1


# properties -----------------------------------------------------------------------------------

STANDARD_FIELDS = {
    "order_number": "주문번호",
    "recipient_name": "수취인명",
    "phone": "전화번호",
    "postal_code": "우편번호",
    "address": "기본주소",
    "address_detail": "상세주소",
    "delivery_message": "배송메세지",
    "order_amount": "주문금액",
    "total_amount": "총결제금액",
    "product_url": "상품URL",
    "country": "국가코드",
    "paid_amount": "결제금액",
}


def sheet_rows(orders: list[dict[str, Any]]) -> list[list[Any]]:
    rows = []
    for data in orders:
        for index, line in enumerate(data["lines"]):
            values = {STANDARD_FIELDS[f]: v for f, v in data.items() if f in STANDARD_FIELDS}
            if index and random.Random(index).random() < 0.5:
                values = {"주문번호": data["order_number"]}  # later rows may leave blanks
            values |= {"SKU": line["sku"], "수량": line["quantity"]}
            rows.append([values.get(h, "") for h in STANDARD_HEADER])
    return rows


def unique_orders() -> st.SearchStrategy[list[dict[str, Any]]]:
    order = valid_order_data().map(lambda d: {k: v for k, v in d.items() if k != "brand"})
    return st.lists(order, min_size=1, max_size=6, unique_by=lambda d: d["order_number"])


@fixture_ok
@given(unique_orders())
def test_every_generated_valid_sheet_maps_to_exactly_its_orders(
    tmp_path: Path, orders: list[dict[str, Any]]
) -> None:
    path = write_xlsx(tmp_path / "gen.xlsx", [STANDARD_HEADER, *sheet_rows(orders)])
    report = orderkit.validate_file(path, "standard", platform="P")
    expected = tuple(orderkit.order_from_dict({**d, "platform": "P"}) for d in orders)
    assert report.errors == ()
    assert report.orders == expected


@fixture_ok
@given(unique_orders(), st.randoms(use_true_random=False))
def test_shuffling_the_columns_yields_the_same_orders(
    tmp_path: Path, orders: list[dict[str, Any]], rng: random.Random
) -> None:
    rows = [STANDARD_HEADER, *sheet_rows(orders)]
    order = list(range(len(STANDARD_HEADER)))
    rng.shuffle(order)
    shuffled = [[row[i] for i in order] for row in rows]
    plain = orderkit.validate_file(write_xlsx(tmp_path / "a.xlsx", rows), "standard", platform="P")
    mixed = orderkit.validate_file(
        write_xlsx(tmp_path / "b.xlsx", shuffled), "standard", platform="P"
    )
    assert mixed.orders == plain.orders
    assert [(p.row, p.code) for p in mixed.problems] == [(p.row, p.code) for p in plain.problems]


junk_cell = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["=1+1", "+82", "-1", "@x", "0", "1,000", "JP", "jp", "〒100-0001"]),
)


@fixture_ok
@given(st.lists(st.lists(junk_cell, min_size=14, max_size=14), min_size=1, max_size=8))
def test_junk_cells_yield_problems_never_another_exception(
    tmp_path: Path, rows: list[list[Any]]
) -> None:
    cleaned = [[_xlsx_safe(v) for v in row] for row in rows]
    path = write_xlsx(tmp_path / "junk.xlsx", [STANDARD_HEADER, *cleaned])
    try:
        report = orderkit.validate_file(path, "standard", platform="P")
    except orderkit.NoOrders:
        # Only when no cell under the header holds anything: a header-only file.
        assert all(v is None or not str(v).strip() for row in cleaned for v in row)
        return
    rows_seen = {row for order in report.assembled for row in order.rows}
    assert rows_seen <= set(range(2, len(rows) + 2))
    for order in report.assembled:
        assert (order.order is None) == any(p.is_error for p in order.problems)


def _xlsx_safe(value: Any) -> Any:
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def test_valid_orders_are_a_frame_with_one_row_per_line(tmp_path: Path) -> None:
    rows = [
        STANDARD_HEADER,
        standard_row("A-1", sku="S-1", quantity=2),
        standard_row("A-1", sku="S-2"),
    ]
    frame = validate(write_xlsx(tmp_path / "o.xlsx", rows)).orders_frame()
    assert list(frame["sku"]) == ["S-1", "S-2"]
    assert list(frame["quantity"]) == [2, 1]
    assert set(frame["order_number"]) == {"A-1"}
    assert "recipient_name" in frame.columns

"""The suggester drafts templates, including for layouts it was not written for."""

from __future__ import annotations

from pathlib import Path

import pytest

import orderkit
from orderkit import Column

from .sheets import write_xlsx
from .test_builtins import CAFE24, ESM, MARKETPLACE_ROWS, NAVER

# Layouts the synonym table was not written from.
COUPANG = (
    "번호, 묶음배송번호, 주문번호, 택배사, 운송장번호, 분리배송 Y/N, 분리배송 출고예정일, "
    "주문시 출고예정일, 출고일(발송일), 주문일, 등록상품명, 등록옵션명, 노출상품명(옵션명), "
    "노출상품ID, 옵션ID, 최초등록등록상품명/옵션명, 업체상품코드, 바코드, 결제액, 배송비구분, "
    "배송비, 도서산간 추가배송비, 구매수(수량), 옵션판매가(판매단가), 구매자, 구매자전화번호, "
    "수취인이름, 수취인전화번호, 우편번호, 수취인 주소, 배송메세지, 상품별 추가메시지, "
    "주문자 추가메시지, 배송완료일, 구매확정일자, 개인통관번호(PCCC), 통관용수취인전화번호, "
    "기타, 결제위치, 배송유형"
).split(", ")
SHOPIFY = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,"
    "Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,"
    "Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing Address1,Billing Address2,"
    "Billing Zip,Billing Country,Billing Phone,Shipping Name,Shipping Address1,"
    "Shipping Address2,Shipping Zip,Shipping Country,Shipping Phone,Notes"
).split(",")


def mapped(headers: list[str]) -> dict[str, tuple[str, ...]]:
    template = orderkit.suggest_template(headers)
    return {field: spec.headers for field, spec in template.fields.items()}


def test_naver_is_mapped_with_the_recipients_columns_not_the_buyers() -> None:
    fields = mapped(NAVER)
    assert fields["order_number"] == ("주문번호",)
    assert fields["recipient_name"] == ("수취인명",)
    assert fields["phone"] == ("수취인연락처1", "수취인연락처2")
    assert fields["address"] == ("기본배송지",)
    assert fields["address_detail"] == ("상세배송지",)
    assert fields["quantity"] == ("수량",)


def test_esm_and_cafe24_map_their_recipient_and_line_fields() -> None:
    esm = mapped(ESM)
    assert esm["recipient_name"] == ("수령인명",)
    assert esm["phone"] == ("수령인 휴대폰", "수령인 전화번호")
    assert esm["address"] == ("주소",)
    cafe24 = mapped(CAFE24)
    assert cafe24["recipient_name"] == ("수령인",)
    assert cafe24["postal_code"] == ("수령인 우편번호",)
    assert cafe24["address_detail"] == ("수령인 상세 주소",)


def test_an_unseen_korean_marketplace_layout_is_mapped() -> None:
    fields = mapped(COUPANG)
    assert fields["order_number"] == ("주문번호",)
    assert fields["recipient_name"] == ("수취인이름",)
    assert fields["phone"][0] == "수취인전화번호"
    assert "구매자전화번호" not in fields["phone"]
    assert fields["postal_code"] == ("우편번호",)
    assert fields["address"] == ("수취인 주소",)
    assert fields["quantity"] == ("구매수(수량)",)
    assert fields["sku"] == ("업체상품코드",)


def test_an_unseen_english_layout_maps_shipping_not_billing() -> None:
    fields = mapped(SHOPIFY)
    assert fields["recipient_name"] == ("Shipping Name",)
    assert fields["address"] == ("Shipping Address1",)
    assert fields["postal_code"] == ("Shipping Zip",)
    assert fields["phone"] == ("Shipping Phone",)
    assert fields["country"] == ("Shipping Country",)
    assert fields["quantity"] == ("Lineitem quantity",)
    assert fields["sku"] == ("Lineitem sku",)
    assert "order_amount" not in fields or "Discount" not in fields["order_amount"][0]


def test_a_field_is_left_unmapped_rather_than_guessed() -> None:
    template = orderkit.suggest_template(["주문번호", "비고", "메모2", "담당자"])
    assert set(template.fields) <= {"order_number", "delivery_message"}
    assert "recipient_name" not in template.fields
    assert all(0.75 <= c <= 1 for c in template.confidence.values())


def test_the_header_row_is_found_under_a_title_and_the_draft_validates(tmp_path: Path) -> None:
    header, values = MARKETPLACE_ROWS["naver-smartstore"]
    rows = [["발주/발송관리 (2026-11-26)"], ["※ 개인정보 취급 주의"], header]
    rows.append([values.get(h, "") for h in header])
    path = write_xlsx(tmp_path / "naver.xlsx", rows)
    draft = orderkit.suggest_template(path)
    assert draft.header_row == 3
    assert draft.name == "suggested-naver"
    reloaded = orderkit.load_template(draft.to_toml())
    report = orderkit.validate_file(path, reloaded, platform="네이버")
    assert report.errors == ()
    assert report.orders[0].order_number == "N-1"


def test_the_confidence_is_written_into_the_toml() -> None:
    text = orderkit.suggest_template(COUPANG).to_toml()
    assert "# confidence" in text
    assert isinstance(orderkit.load_template(text).fields["order_number"], Column)


# Issue 12: per-line amounts are never order amounts -------------------------------------

EXAMPLES = Path(__file__).parent.parent / "examples"
# Per-line columns of each Korean layout and a second line's values that differ from the
# first's, as they do in a real order of two products.
SECOND_LINE = {
    "naver-smartstore": {"옵션관리코드": "WH-9", "판매자 상품코드": "P-9",
                         "최종 상품별 총 주문금액": "20,000", "상품가격": "20,000"},
    "esm": {"판매자 관리코드": "WH-9", "판매금액": "30,000", "판매단가": "15,000"},
    "cafe24": {"상품번호": "WH-9", "판매가": "12,000", "품목별 주문번호": "C-1-2"},
}  # fmt: skip
FIRST_LINE = {
    "naver-smartstore": {"최종 상품별 총 주문금액": "10,000", "상품가격": "10,000"},
    "esm": {"판매금액": "10,000", "판매단가": "10,000"},
    "cafe24": {"판매가": "33,000", "품목별 주문번호": "C-1-1"},
}


def test_a_per_line_amount_is_never_suggested_for_an_order_level_field() -> None:
    from orderkit.model.fields import level

    for headers in (NAVER, ESM, CAFE24, COUPANG, SHOPIFY):
        template = orderkit.suggest_template(headers)
        for field, spec in template.fields.items():
            if level(field) == "order":
                assert not {
                    "최종 상품별 총 주문금액",
                    "판매금액",
                    "판매가",
                    "Lineitem price",
                } & set(spec.headers), field


@pytest.mark.parametrize("name", sorted(SECOND_LINE))
def test_a_korean_layouts_draft_validates_a_two_line_order(tmp_path: Path, name: str) -> None:
    header, values = MARKETPLACE_ROWS[name]
    first = {**values, **FIRST_LINE[name]}
    second = {**values, **SECOND_LINE[name]}
    rows = [[f"{name} 주문"], header, *[[r.get(h, "") for h in header] for r in (first, second)]]
    path = write_xlsx(tmp_path / f"{name}.xlsx", rows)
    draft = orderkit.load_template(orderkit.suggest_template(path).to_toml())
    report = orderkit.validate_file(path, draft, platform=name)
    assert report.errors == ()
    (order,) = report.orders
    assert len(order.lines) == 2


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.xlsx")), ids=lambda p: p.stem)
def test_a_bundled_examples_draft_reads_it_as_its_template_does(example: Path) -> None:
    builtin = example.stem.removesuffix("-orders")
    draft = orderkit.suggest_template(example)
    by_draft = orderkit.validate_file(example, draft, platform="P")
    by_builtin = orderkit.validate_file(example, builtin, platform="P")
    assert "conflicting_rows" not in {p.code for p in by_draft.problems}
    assert [(p.row, p.code) for p in by_draft.problems] == [
        (p.row, p.code) for p in by_builtin.problems
    ]
    assert by_draft.summary() == by_builtin.summary()


def test_every_field_is_order_level_or_line_level_in_one_place() -> None:
    from orderkit.model.fields import FIELDS, LINE_FIELDS, level
    from orderkit.templates.template import MAPPABLE_FIELDS

    assert {f for f in MAPPABLE_FIELDS if level(f) == "line"} == {*LINE_FIELDS, "option"}
    assert all(level(f) == "order" for f in FIELDS if f not in LINE_FIELDS)
    with pytest.raises(ValueError, match="not a canonical field"):
        level("lines")

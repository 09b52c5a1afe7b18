"""Built-in templates against sheets with the marketplaces' exact header lists."""

from __future__ import annotations

from pathlib import Path

import attrs
import openpyxl
import pytest

import orderkit

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

NAVER = (
    "상품주문번호, 주문번호, 배송속성, 풀필먼트사(주문 기준), 택배사(주문 기준), "
    "배송방법(구매자 요청), 배송방법, 택배사, 송장번호, 발송일, 판매채널, 구매자명, 구매자ID, "
    "수취인명, 주문상태, 주문세부상태, 수량클레임 여부, 결제위치, 결제일, 상품번호, 상품명, "
    "상품종류, 반품안심케어, 멤버십N배송, 옵션정보, 옵션관리코드, 수량, 옵션가격, 상품가격, "
    "최종 상품별 할인액, 최초 상품별 할인액, 판매자 부담 할인액, 최종 상품별 총 주문금액, "
    "최초 상품별 총 주문금액, 사은품, 발주확인일, 발송기한, 발송처리일, 송장출력일, 배송비 형태, "
    "배송비 묶음번호, 배송비 유형, 배송비 합계, 제주/도서 추가배송비, 배송비 할인액, "
    "판매자 상품코드, 판매자 내부코드1, 판매자 내부코드2, 수취인연락처1, 수취인연락처2, "
    "통합배송지, 기본배송지, 상세배송지, 구매자연락처, 우편번호, 배송메세지, 출고지, 결제수단, "
    "네이버페이 주문관리 수수료, 매출연동 수수료, 정산예정금액, 개인통관고유부호, 주문일시, "
    "배송희망일, 구독신청회차, 구독진행회차, 구독배송희망일, 배송태그 유형, 출입방법 유형, "
    "출입방법 내용, 수령위치 유형, 수령위치 내용"
).split(", ")
ESM = (
    "아이디, 상품번호, 주문번호, 주문일자(결제확인전), 판매금액, 판매단가, 구매자명, 구매자ID, "
    "상품명, 수량, 주문옵션, 추가구성, 사은품, 수령인명, 수령인 휴대폰, 수령인 전화번호, "
    "우편번호, 주소, 배송시 요구사항, 배송번호, 배송비, 배송비 금액, 택배사명(발송방법), "
    "송장번호, 장바구니번호(결제번호), 구매자 휴대폰, 구매자 전화번호, 발송예정일, "
    "배송지연사유, 판매자 관리코드, 판매자 상세관리코드, 주문확인일자, 서비스이용료, "
    "정산예정금액, 판매자쿠폰할인, 판매자포인트적립, 일시불할인, (옥션)복수구매할인, "
    "(옥션)우수회원할인, 판매방식, 결제완료일, 구매쿠폰적용금액, 주문종류, SKU번호 및 수량, "
    "수취인 통관번호, 수취인 주민번호"
).split(", ")
CAFE24 = (
    "주문번호, 품목별 주문번호, 배송메시지, 총 주문금액, 총 결제금액, 상품번호, 주문상품명, "
    "주문상품명(옵션포함), 수량, 판매가, 수령인, 수령인 휴대전화, 수령인 우편번호, 수령인 주소, "
    "수령인 상세 주소, 결제구분, 발주일, 상품추가할인액"
).split(", ")

MARKETPLACE_ROWS = {
    "naver-smartstore": (
        NAVER,
        {"주문번호": "N-1", "수취인명": "김하늘", "수취인연락처1": "0504-1234-5678",
         "우편번호": "04524", "기본배송지": "서울특별시 중구 세종대로 110", "상세배송지": "3층",
         "옵션관리코드": "WH-1", "판매자 상품코드": "P-1", "수량": 2,
         "구매자연락처": "010-9999-0000"},
    ),
    "esm": (
        ESM,
        {"주문번호": "E-1", "수령인명": "이도윤", "수령인 전화번호": "02-123-4567",
         "우편번호": "06236", "주소": "서울특별시 강남구 테헤란로 152", "판매자 관리코드": "WH-2",
         "수량": 1, "구매자 휴대폰": "010-9999-0000"},
    ),
    "cafe24": (
        CAFE24,
        {"주문번호": "C-1", "수령인": "박서연", "수령인 휴대전화": "010-2222-3333",
         "수령인 우편번호": "48058", "수령인 주소": "부산광역시 해운대구 해운대해변로 264",
         "상품번호": "WH-3", "수량": 3, "총 주문금액": "45,000"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MARKETPLACE_ROWS))
def test_each_marketplace_template_reads_its_exact_layout(tmp_path: Path, name: str) -> None:
    header, values = MARKETPLACE_ROWS[name]
    title = [f"{name} 주문 다운로드"]
    rows = [title, header, [values.get(h, "") for h in header]]
    report = orderkit.validate_file(write_xlsx(tmp_path / "m.xlsx", rows), name)
    assert report.errors == ()
    (order,) = report.orders
    assert order.platform == orderkit.load_template(name).platform
    assert order.order_number == values["주문번호"]
    assert order.lines[0].quantity == values["수량"]
    assert order.recipient.phone != "010-9999-0000", "the buyer's phone is not the recipient's"


@pytest.mark.parametrize("name", sorted(MARKETPLACE_ROWS))
def test_each_marketplace_template_refuses_a_drifted_layout(tmp_path: Path, name: str) -> None:
    header, values = MARKETPLACE_ROWS[name]
    drifted = [h for h in header if h != "수량"]
    path = write_xlsx(tmp_path / "m.xlsx", [drifted, [values.get(h, "") for h in drifted]])
    with pytest.raises(orderkit.TemplateMismatch) as caught:
        orderkit.validate_file(path, name)
    assert [(p.field, p.value) for p in caught.value.problems] == [("quantity", "수량")]


def test_the_standard_templates_three_rightmost_columns_are_for_japan_customs() -> None:
    headers = orderkit.standard_template().headers
    assert headers[-3:] == ("상품URL", "국가코드", "결제금액")
    assert list(headers) == STANDARD_HEADER


def test_the_blank_sheet_has_the_header_a_country_choice_and_a_guide(tmp_path: Path) -> None:
    path = orderkit.write_blank_sheet(tmp_path / "blank.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["주문서"]
    assert [c.value for c in sheet[1]] == STANDARD_HEADER
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    country_column = openpyxl.utils.get_column_letter(STANDARD_HEADER.index("국가코드") + 1)
    assert str(validation.sqref).startswith(f"{country_column}2:")
    codes = [row[0].value for row in workbook["국가코드"].iter_rows()]
    assert "JP" in codes
    assert "KR" in codes
    guide = [row[0].value for row in workbook["작성 안내"].iter_rows(min_row=2)]
    assert all(header in guide for header in STANDARD_HEADER)


def test_a_filled_in_blank_sheet_validates(tmp_path: Path) -> None:
    path = orderkit.write_blank_sheet(tmp_path / "blank.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["주문서"].append(standard_row("A-1"))
    workbook.save(path)
    report = orderkit.validate_file(path, "standard", platform="수기")
    assert report.ok
    assert len(report.orders) == 1


def test_template_names_are_listed() -> None:
    from orderkit.templates.builtins import builtin_names

    assert builtin_names() == (
        "cafe24",
        "esm",
        "naver-smartstore",
        "qoo10-japan",
        "rakuten-rms",
        "shopify",
        "standard",
    )


def test_the_blank_sheet_holds_no_formula(tmp_path: Path) -> None:
    from .test_upload import assert_no_formula

    assert_no_formula(orderkit.write_blank_sheet(tmp_path / "blank.xlsx"))


# Japanese and English marketplaces ----------------------------------------------------------

JAPAN_BUILTINS = {"qoo10-japan": "qoo10", "rakuten-rms": "rakuten", "shopify": "shopify"}


def _layout_file(tmp_path: Path, layout: str, *, with_url: bool) -> Path:
    from .layouts import SAMPLES, URL_COLUMN

    header, rows = SAMPLES[layout]
    header = [h for h in header if with_url or h != URL_COLUMN]
    cells = [[row.get(h, "") for h in header] for row in rows]
    return write_xlsx(tmp_path / f"{layout}.xlsx", [[f"{layout} export"], header, *cells])


@pytest.mark.parametrize("name", sorted(JAPAN_BUILTINS))
def test_each_japan_template_reads_its_exact_layout(tmp_path: Path, name: str) -> None:
    """Everything maps; what Japan customs needs and the export lacks (a product page URL)
    is reported per order, not hidden."""
    report = orderkit.validate_file(
        _layout_file(tmp_path, JAPAN_BUILTINS[name], with_url=False), name
    )
    assert {p.code for p in report.problems} == {"url_required"}
    assert len(report.errors) == report.summary()["orders"] == report.summary()["invalid_orders"]


@pytest.mark.parametrize("name", sorted(JAPAN_BUILTINS))
def test_a_japan_template_with_the_sellers_url_column_validates(tmp_path: Path, name: str) -> None:
    path = _layout_file(tmp_path, JAPAN_BUILTINS[name], with_url=True)
    template = orderkit.load_template(name)
    with_url = attrs.evolve(
        template, fields={**template.fields, "product_url": orderkit.Column(("商品URL",))}
    )
    report = orderkit.validate_file(path, with_url)
    assert report.errors == ()
    assert report.orders
    for order in report.orders:
        assert order.platform == template.platform
        assert order.country == "JP"
        assert order.recipient.phone != "080-9999-0000", "the buyer's phone is not the recipient's"
        assert order.payment.paid_amount is not None


def test_the_rakuten_template_joins_the_split_fields(tmp_path: Path) -> None:
    template = orderkit.load_template("rakuten-rms")
    with_url = attrs.evolve(
        template, fields={**template.fields, "product_url": orderkit.Column(("商品URL",))}
    )
    report = orderkit.validate_file(_layout_file(tmp_path, "rakuten", with_url=True), with_url)
    (order,) = report.orders
    assert order.recipient.name == "楽天 太郎"
    assert order.recipient.phone == "090-1234-5678"
    assert order.recipient.address.postal_code == "158-0094"
    assert order.recipient.address.base == "東京都 世田谷区 玉川1-14-1"
    assert [(line.sku, line.quantity) for line in order.lines] == [("WH-1", 1), ("WH-2", 3)]


def test_the_shopify_template_reads_a_korean_shops_export(tmp_path: Path) -> None:
    from .layouts import SHOPIFY

    first = {"Name": "#2001", "Shipping Name": "김하늘", "Shipping Phone": "010-2222-3333",
             "Shipping Zip": "04524", "Shipping Province Name": "서울특별시",
             "Shipping City": "중구", "Shipping Address1": "세종대로 110",
             "Shipping Country": "KR", "Lineitem sku": "WH-1", "Lineitem quantity": 1,
             "Total": "45000", "Subtotal": "42000", "Phone": "010-9999-0000",
             "Billing Phone": "010-9999-0000"}  # fmt: skip
    second = {"Name": "#2001", "Lineitem sku": "WH-2", "Lineitem quantity": 4}
    rows = [SHOPIFY, *[[r.get(h, "") for h in SHOPIFY] for r in (first, second)]]
    report = orderkit.validate_file(write_csv(tmp_path / "orders_export.csv", rows), "shopify")
    assert report.errors == ()
    (order,) = report.orders
    assert order.order_number == "#2001"
    assert order.recipient.phone == "010-2222-3333"
    assert len(order.lines) == 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_standard_sheet_is_read_under_title_rows(tmp_path: Path, suffix: str) -> None:
    rows = [
        ["하루상점 11월 주문"],
        [],
        STANDARD_HEADER,
        standard_row("T-1"),
        standard_row("T-2", phone="010-12"),
    ]
    write = write_xlsx if suffix == ".xlsx" else write_csv
    path = write(tmp_path / f"title{suffix}", rows)
    report = orderkit.validate_file(path, "standard", platform="수기")
    assert report.counts.orders == 2
    # Rows are the ones Excel shows: the header on row 3, the bad phone on row 5.
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (5, "phone", orderkit.Code.IMPLAUSIBLE_PHONE)
    ]


def test_the_builtin_names_are_the_toml_files_that_ship() -> None:
    from importlib import resources

    from orderkit.templates.builtins import builtin_names

    folder = resources.files("orderkit") / "templates"
    shipped = sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )
    assert list(builtin_names()) == shipped

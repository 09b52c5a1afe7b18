"""The blank standard order sheet (표준 주문서) sellers fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from orderkit.templates.builtins import standard_template
from orderkit.templates.template import Column

__all__ = ["write_blank_sheet"]

# What each standard column means, in the words a seller reads (by canonical field).
_GUIDE: Final = {
    "order_number": (
        "필수",
        "판매처의 주문 번호. 같은 주문 번호의 여러 행은 한 주문의 여러 SKU입니다.",
    ),
    "recipient_name": ("필수", "받는 분 이름. 20자 이내."),
    "phone": ("필수", "받는 분 전화번호. 15자 이내, 숫자와 ( ) + - 만 (예: 010-1234-5678)."),
    "postal_code": ("필수", "한국은 5자리 숫자(예: 04524), 일본은 NNN-NNNN 또는 7자리."),
    "address": ("필수", "기본 주소 (도로명 주소)."),
    "address_detail": ("선택", "상세 주소 (동, 호수 등)."),
    "delivery_message": ("선택", "배송 메세지."),
    "sku": ("필수", "출고할 창고 SKU 코드."),
    "quantity": ("필수", "수량. 1 이상 1,000,000 이하의 정수."),
    "order_amount": ("선택", "주문 금액. 숫자 (쉼표 허용, 예: 32,000)."),
    "total_amount": ("선택", "총 결제 금액. 숫자."),
    "product_url": ("일본 필수", "일본 배송 시 일본 판매처의 상품 링크 (https://...)."),
    "country": ("선택", "도착국가. 대문자 두 글자 (예: JP). 비우면 대한민국(KR)."),
    "paid_amount": ("일본 필수", "일본 배송 시 결제 금액(엔화, 정수). 예: 1,000엔이면 1,000."),
}
_ROWS_WITH_CHOICES: Final = 5000


def write_blank_sheet(path: str | Path) -> Path:
    """Write the standard sheet: a header row, a country drop-down and a guide sheet.

    Every cell is formatted as text so that phone numbers and postal codes keep their
    leading zeros.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from orderkit.rules.field_rules import country_codes

    path = Path(path)
    template = standard_template()
    columns = [
        (field, spec.headers[0])
        for field, spec in template.fields.items()
        if isinstance(spec, Column)
    ]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "주문서"
    bold = Font(bold=True)
    customs = PatternFill("solid", fgColor="FFF2CC")
    for number, (field, header) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=header)
        cell.font = bold
        if field in ("product_url", "country", "paid_amount"):
            cell.fill = customs
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = max(12, len(header) * 2 + 4)
        sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"

    codes = workbook.create_sheet("국가코드")
    for number, code in enumerate(sorted(country_codes()), start=1):
        codes.cell(row=number, column=1, value=code)
    codes.sheet_state = "hidden"
    country_column = get_column_letter([f for f, _ in columns].index("country") + 1)
    choice = DataValidation(
        type="list",
        formula1=f"'국가코드'!$A$1:$A${len(country_codes())}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="도착국가",
        error="국가코드는 대문자 두 글자입니다 (예: JP). 비우면 대한민국(KR)입니다.",
    )
    choice.add(f"{country_column}2:{country_column}{_ROWS_WITH_CHOICES}")
    sheet.add_data_validation(choice)

    guide = workbook.create_sheet("작성 안내")
    guide.append(["열", "필수 여부", "설명"])
    for cell in guide[1]:
        cell.font = bold
    for field, header in columns:
        required, text = _GUIDE[field]
        guide.append([header, required, text])
    guide.append([])
    guide.append(
        [
            "",
            "",
            "일본향 출고는 통관을 위해 가장 오른쪽의 상품URL, 국가코드, 결제금액을 꼭 입력하세요.",
        ]
    )
    guide.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 80
    workbook.save(path)
    return path

"""When each problem code is used, in Korean and English: the documentation's code table.

Pure data. The code table in the documentation is built from this and from the message
catalogue, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from orderkit.model.problems import Code

__all__ = ["DESCRIPTIONS"]

DESCRIPTIONS: Final[Mapping[Code, tuple[str, str]]] = {
    Code.MISSING: (
        "필수 항목이 비어 있거나 SKU 줄이 없음",
        "a required field is empty, or no SKU line",
    ),
    Code.TOO_LONG: ("최대 길이를 넘음", "longer than its maximum"),
    Code.BAD_CHARS: ("허용되지 않는 문자가 있음", "characters outside the allowed set"),
    Code.BAD_COUNTRY: (
        "실제 있는 ISO 3166-1 대문자 두 글자 국가 코드가 아님",
        "not an existing uppercase ISO 3166-1 alpha-2 code",
    ),
    Code.URL_REQUIRED: ("일본 배송인데 상품 URL이 없음", "country is JP and no product URL"),
    Code.BAD_URL: ("http(s)로 시작하는 전체 URL이 아님", "not an absolute http(s) URL"),
    Code.AMOUNT_REQUIRED: ("일본 배송인데 결제 금액이 없음", "country is JP and no paid amount"),
    Code.BAD_NUMBER: ("숫자가 아님", "not a number"),
    Code.NOT_INTEGER: (
        "정수가 필요한 곳에 소수가 있음",
        "a fraction where a whole number is needed",
    ),
    Code.OUT_OF_RANGE: (
        "최솟값보다 작거나 최댓값보다 큼",
        "below the minimum or above the maximum",
    ),
    Code.CONFLICTING_ROWS: (
        "한 주문의 행들이 주문 단위 항목에서 서로 다름",
        "rows of one order disagree on an order-level field",
    ),
    Code.DUPLICATE_ORDER: (
        "같은 주문 번호가 다른 내용으로 이미 등록됨",
        "the order is already registered with other content",
    ),
    Code.GROUP_FAILED: (
        "이 행은 문제없지만 같은 그룹의 다른 행이 실패함",
        "this row is fine, but another row of its group failed",
    ),
    Code.TOO_MANY_ORDERS: ("업로드 한도를 넘는 주문 수", "the file exceeds the upload's limit"),
    Code.MISSING_COLUMN: (
        "템플릿이 찾는 열이 파일에 없음",
        "a column the template needs is absent",
    ),
    Code.UNKNOWN_SKU: (
        "상품이 창고 SKU에 연결되지 않음",
        "the line's product is not linked to a warehouse SKU",
    ),
    Code.BAD_POSTAL_CODE: (
        "도착국가의 우편번호 형식이 아님",
        "not a postal code of the destination country",
    ),
    Code.BAD_TYPE: ("읽을 수 없는 형식의 값", "a value of a type that cannot be read"),
    Code.UNKNOWN_FIELD: ("알 수 없는 항목 이름", "a key that is not a canonical field"),
    Code.INEXACT_NUMBER: (
        "15자리가 넘는 숫자 셀이라 값이 반올림되었을 수 있음",
        "a number cell too large to be exact; it may be rounded",
    ),
    Code.LOST_LEADING_ZERO: (
        "전화번호가 맨 앞의 0을 잃음: 0을 붙여야 올바른 번호이거나, 숫자 서식 셀의 긴 번호",
        "a phone lost its leading 0: valid only with the 0 put back, or a long number cell",
    ),
    Code.IMPLAUSIBLE_PHONE: (
        "경고: 도착국가의 전화번호로 보이지 않음",
        "warning: the phone is not valid for the destination country",
    ),
    Code.RESTORED_LEADING_ZERO: (
        "경고: 맨 앞의 0이 빠진 우편번호(한국 4자리, 일본 6자리)에 0을 붙임",
        "warning: a postal code that lost its leading 0 (4 digits in KR, 6 in JP) got it back",
    ),
    Code.ALREADY_REGISTERED: (
        "경고: 같은 내용으로 이미 등록되어 건너뜀",
        "warning: already registered with the same content; skipped",
    ),
    Code.COMMIT_FAILED: (
        "저장소가 그룹을 저장하지 못함 (디스크 가득 참 등); 그룹의 어떤 주문도 저장되지 않음",
        "the sink could not store the group (a full disk, say); nothing of it was stored",
    ),
    Code.SPLIT_ORDER: (
        "큰 파일을 나눠 읽을 때, 한 주문의 행들이 멀리 떨어져 있음",
        "reading a large file in chunks, rows of one order stand far apart",
    ),
    Code.NOT_STORED: (
        "경고: 저장소가 업로드 기록과 실패 파일을 보관하지 못함",
        "warning: the store could not keep the upload's record and failure file",
    ),
    # rules: leading zeros, lost characters, full-width text, Japan customs
    Code.LOST_CHARACTER: (
        "경고: CP949나 Shift_JIS CSV의 이름이나 주소 속 '?': 저장할 때 글자가 사라졌을 수 있음",
        "warning: a '?' inside a name or address of a CP949 or Shift_JIS CSV: a character "
        "lost on save",
    ),
    Code.NORMALIZED_TEXT: (
        "경고: 전화번호, 우편번호, 수량, 금액의 전각 문자를 반각으로 바꾸거나 〒·통화 기호를 뺌",
        "warning: full-width text in a phone, postal code, quantity or amount made ASCII, "
        "or a postal or currency mark dropped",
    ),
    Code.WRONG_CURRENCY: (
        "결제 금액의 통화가 다름: 일본 배송에 원화, 국내 배송에 엔화 표시",
        "a paid amount in the wrong currency: won on a Japan order, or yen on a Korean one",
    ),
    Code.ALREADY_CANCELLED: (
        "경고: 같은 내용의 주문이 이미 취소되어 있어 다시 등록하지 않음",
        "warning: an identical order was cancelled before; it is not registered again",
    ),
    Code.DUPLICATE_COLUMN: (
        "템플릿이 읽는 머리글이 머리글 행에 두 번 이상 있고, 템플릿에 어느 열인지 없음",
        "a header the template reads stands more than once on the header row, unpicked",
    ),
    # ambiguity: one spelling per marketplace, joined parts, stored orders
    Code.NORMALIZED_NAME: (
        "경고: 판매 플랫폼이나 브랜드의 전각 문자를 반각으로 바꾸거나 보이지 않는 문자를 지움",
        "warning: full-width characters in a platform or brand folded, or invisible "
        "characters removed",
    ),
    Code.SIMILAR_PLATFORM: (
        "경고: 저장소에 대소문자만 다른 판매 플랫폼이 이미 있음",
        "warning: the store holds a platform that differs only in case",
    ),
    Code.PARTLY_EMPTY: (
        "여러 열을 이어 붙이는 값(전화번호 등)에서 일부 열만 비어 있음",
        "a value joined from several columns (a phone, say) has some of them empty",
    ),
    Code.KOREAN_PRODUCT_URL: (
        "경고: 일본 배송 주문의 상품 URL이 한국 쇼핑몰 페이지임",
        "warning: a Japan order's product URL is a Korean marketplace's page",
    ),
}

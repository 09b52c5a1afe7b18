"""What each built-in template is, in Korean and English (``orderkit template list``).

A new built-in template gets its line here too; a test fails while one is missing.
"""

from __future__ import annotations

from typing import Final

from orderkit.model.wording import phrasebook

__all__ = ["BUILTIN_DESCRIPTIONS"]

BUILTIN_DESCRIPTIONS: Final = phrasebook("builtin_templates", {
    "cafe24": (
        "카페24 주문 다운로드 (기본 열 구성)",
        "Cafe24 order download (the default column choice)",
    ),
    "esm": (
        "G마켓·옥션 ESM 발송관리 다운로드",
        "Gmarket and Auction, ESM shipping management download",
    ),
    "naver-smartstore": (
        "네이버 스마트스토어 발주/발송관리 다운로드 (헤더가 안내 문구 아래에 있어도 찾음)",
        "Naver SmartStore order and shipping management download (finds the header under "
        "a notice)",
    ),
    "qoo10-japan": (
        "큐텐 재팬 QSM 배송관리 다운로드 (큐텐 주문 번호 하나에 한 행)",
        "Qoo10 Japan QSM shipping management download (one row per Qoo10 order number)",
    ),
    "rakuten-rms": (
        "라쿠텐 RMS 주문 CSV (일본 배송; 나뉜 이름, 주소, 전화번호를 이어 읽음)",
        "Rakuten RMS order CSV (ships in Japan; the parts of name, address and phone are joined)",
    ),
    "shopify": (
        "쇼피파이 관리자 주문 내보내기 (orders_export.csv, 배송지 열을 읽음)",
        "Shopify admin orders export (orders_export.csv, read from its Shipping columns)",
    ),
    "standard": (
        "표준 주문서: 자체 양식이 없는 판매처용 (오른쪽 세 열은 일본 통관용)",
        "The standard order sheet for sellers without a layout of their own (its three "
        "rightmost columns are for Japan customs)",
    ),
})  # fmt: skip

"""Write the example order sheets in examples/ (run again after changing the layouts).

python examples/make_example_sheets.py
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

import orderkit

HERE = Path(__file__).resolve().parent

STANDARD_ROWS = [
    # 주문번호, 수취인명, 전화번호, 우편번호, 기본주소, 상세주소, 배송메세지, SKU, 수량,
    # 주문금액, 총결제금액, 상품URL, 국가코드, 결제금액
    [
        "HR-1001",
        "김하늘",
        "010-1234-5678",
        "04524",
        "서울특별시 중구 세종대로 110",
        "3층",
        "문 앞에 놓아 주세요",
        "HR-TEE-M",
        2,
        "32,000",
        "35,000",
        "",
        "",
        "",
    ],
    ["HR-1001", "", "", "", "", "", "", "HR-CAP", 1, "", "", "", "", ""],
    [
        "HR-1002",
        "이도윤",
        "02-123-4567",
        "06236",
        "서울특별시 강남구 테헤란로 152",
        "",
        "",
        "HR-TEE-L",
        1,
        "16,000",
        "16,000",
        "",
        "",
        "",
    ],
    [
        "HR-1003",
        "山田 太郎",
        "090-1234-5678",
        "100-0001",
        "東京都千代田区千代田1-1",
        "",
        "",
        "HR-TEE-S",
        3,
        "",
        "",
        "https://shop.example.jp/items/tee",
        "JP",
        "4,500",
    ],
    [
        "HR-1004",
        "佐藤 花子",
        "+81-80-1234-5678",
        "530-0001",
        "大阪府大阪市北区梅田1-1",
        "",
        "",
        "HR-CAP",
        1,
        "",
        "",
        "",
        "JP",
        "",
    ],
    [
        "HR-1005",
        "박서연",
        "010 9876 5432",
        4524,
        "서울특별시 중구 세종대로 110",
        "",
        "",
        "HR-TEE-M",
        1,
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "HR-1006",
        "최민준",
        "010-5555-0101",
        "48058",
        "부산광역시 해운대구 해운대해변로 264",
        "",
        "",
        "HR-TEE-XL",
        "1,000,001",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "HR-1007",
        "정우진",
        "010-2222-3333",
        "61475",
        "광주광역시 동구 금남로 1",
        "",
        "",
        "HR-TEE-M",
        2,
        "",
        "",
        "",
        "Japan",
        "",
    ],
]


def write_standard(path: Path) -> None:
    orderkit.write_blank_sheet(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["주문서"]
    for row in STANDARD_ROWS:
        sheet.append(row)
    workbook.save(path)


NAVER_HEADER = [
    "상품주문번호",
    "주문번호",
    "구매자명",
    "수취인명",
    "수량",
    "옵션정보",
    "옵션관리코드",
    "최종 상품별 총 주문금액",
    "판매자 상품코드",
    "수취인연락처1",
    "수취인연락처2",
    "통합배송지",
    "기본배송지",
    "상세배송지",
    "구매자연락처",
    "우편번호",
    "배송메세지",
]
NAVER_ROWS = [
    [
        "2026112611110001",
        "2026112610000001",
        "김구매",
        "김하늘",
        1,
        "색상: 블랙 / 사이즈: M",
        "HR-TEE-M",
        16000,
        "HR-TEE",
        "0504-1234-5678",
        "010-1234-5678",
        "서울특별시 중구 세종대로 110 3층",
        "서울특별시 중구 세종대로 110",
        "3층",
        "010-9999-0000",
        "04524",
        "부재 시 경비실",
    ],
    [
        "2026112611110002",
        "2026112610000001",
        "김구매",
        "김하늘",
        1,
        "모자",
        "HR-CAP",
        9000,
        "HR-CAP",
        "0504-1234-5678",
        "",
        "서울특별시 중구 세종대로 110 3층",
        "서울특별시 중구 세종대로 110",
        "3층",
        "010-9999-0000",
        "04524",
        "",
    ],
    [
        "2026112611110003",
        "2026112610000002",
        "이구매",
        "이도윤",
        2,
        "색상: 화이트 / 사이즈: L",
        "HR-TEE-L",
        32000,
        "HR-TEE",
        "010-2345-6789",
        "",
        "부산광역시 해운대구 해운대해변로 264",
        "부산광역시 해운대구 해운대해변로 264",
        "",
        "010-8888-0000",
        "48058",
        "",
    ],
]


def write_naver(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "발주발송관리"
    sheet.append(["발주/발송관리 주문 목록 (2026-11-26 다운로드)"])
    sheet.append(NAVER_HEADER)
    for row in NAVER_ROWS:
        sheet.append(row)
    workbook.save(path)


if __name__ == "__main__":
    write_standard(HERE / "standard-orders.xlsx")
    write_naver(HERE / "naver-smartstore-orders.xlsx")

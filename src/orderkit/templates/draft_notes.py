"""What a suggested draft tells the person who checks it, in Korean and English.

The notes are written at the top of the draft's TOML as comments, so a draft says which
sheet and row it read, what it joined, what it guessed and which fields it left unmapped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from orderkit.model.fields import label

__all__ = ["NOTES", "column_letter", "field_names", "note"]

NOTES: Final[dict[str, tuple[str, str]]] = {
    "draft": (
        "orderkit이 머리글만 보고 만든 초안입니다. 확인하고 고친 다음 쓰세요.",
        "A draft orderkit made from the headers alone. Check and correct it before use.",
    ),
    "sheet": (
        "'{sheet}' 시트의 {row}행을 머리글로 읽었습니다.",
        "Read the header on row {row} of sheet '{sheet}'.",
    ),
    "unmapped": (
        "찾지 못해 비워 둔 항목 (직접 채우세요): {fields}",
        "Left for a person to fill in: {fields}",
    ),
    "duplicate": (
        "머리글 {header}: {columns}열에 여러 번 나와 쓰지 않았습니다. "
        "어느 열을 쓸지 직접 정하세요.",
        "Header {header} appears in columns {columns}, so it is left unmapped: "
        "choose which one to use.",
    ),
    "joined": (
        "{field}: 나뉜 열을 이어 붙였습니다 ({columns}). 순서를 확인하세요.",
        "{field}: joined split columns ({columns}). Check the order.",
    ),
    "japan": (
        "머리글이 일본어라 모든 주문의 도착국가를 JP로 두었습니다. 다르면 country를 고치세요.",
        "The headers are Japanese, so every order is taken to ship to JP. Change country if not.",
    ),
    "japan_prefecture": (
        "머리글에 일본 주소 항목({header})이 있어 모든 주문의 도착국가를 JP로 두었습니다. "
        "다르면 country를 고치세요.",
        "The headers name a Japanese address part ({header}), so every order is taken to ship "
        "to JP. Change country if not.",
    ),
    "country_names": (
        "{header} 열의 나라 이름('日本', 'Japan', '한국' 등)을 국가 코드로 읽도록 'map'을 "
        "넣었습니다. 다른 이름이 있으면 더하세요.",
        "A map reads the country names in {header} (日本, Japan, Korea, …) as codes; add any "
        "other name the file uses.",
    ),
    "country_names_japan": (
        "{header} 열의 나라 이름('日本', 'Japan', '한국' 등)을 국가 코드로 읽도록 'map'을 넣었고, "
        "일본 쇼핑몰 양식이라 빈 칸은 JP로 읽습니다. 다른 이름이 있으면 더하세요.",
        "A map reads the country names in {header} (日本, Japan, Korea, …) as codes, and as a "
        "Japanese export an empty cell is read as JP; add any other name the file uses.",
    ),
    "option_code": (
        "SKU는 옵션 코드를 먼저, 옵션이 없는 상품은 상품 코드를 읽습니다 ({columns}). "
        "창고에 등록한 코드가 어느 쪽인지 확인하세요.",
        "The SKU is read from the option code first and, for a product without options, "
        "from the product code ({columns}). Check which one the warehouse knows.",
    ),
    "paid_from_total": (
        "결제 금액 열이 없어 {header} 열을 결제 금액으로도 읽습니다. 맞는지 확인하세요.",
        "No paid-amount column: {header} is read as the amount paid too. Check it.",
    ),
    "url_for_japan": (
        "일본행 주문은 통관에 판매 상품 URL이 필요한데 이 파일에는 그 열이 없습니다. "
        "상품 페이지 URL 열을 더하고 product_url에 지정하세요.",
        "Japan customs needs each order's product page URL and this file has no such "
        "column: add one and name it in product_url.",
    ),
    "too_many_columns": (
        "열이 {count}개라 앞의 {limit}개만 살폈습니다.",
        "The sheet has {count} columns; only the first {limit} were considered.",
    ),
    "too_long": (
        "머리글 {count}개는 {limit}자를 넘어 머리글로 보지 않았습니다.",
        "{count} header cells are longer than {limit} characters and were not taken as headers.",
    ),
    "platform": (
        "판매 플랫폼: 아래 줄의 #을 지우고 채우거나, 올릴 때 --platform(platform=)으로 정하세요.",
        "Sales platform: uncomment the next line and fill it in, or give --platform "
        "(platform=) when validating or uploading.",
    ),
}


def note(key: str, locale: str, **params: object) -> str:
    """One note in ``locale`` (``ko`` or ``en``) with its parameters filled in."""
    ko, en = NOTES[key]
    return (ko if locale == "ko" else en).format(**params)


def field_names(fields: Sequence[str], locale: str) -> str:
    """``우편번호 (postal_code), …``: the people's name and the template's."""
    named = ((label(f, locale), f) for f in fields)
    return ", ".join(name if name == f else f"{name} ({f})" for name, f in named)


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters

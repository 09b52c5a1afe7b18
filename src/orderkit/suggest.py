"""Drafting a template from a sheet's headers: synonyms, fuzzy matching, a confidence each.

The suggester finds the header row (a title or notice above it is common), scores every
header against a Korean and English synonym table, and leaves a field unmapped rather than
guess below the threshold. A buyer's column (구매자…, 주문자…) never becomes a recipient's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import Final

import attrs

from orderkit.mapper import header_key
from orderkit.reader import read_sheet
from orderkit.sheet import Sheet
from orderkit.template import Column, Constant, FieldSpec, Joined, Template

__all__ = ["THRESHOLD", "suggest_template"]

THRESHOLD: Final = 0.75
_HEADER_SEARCH_ROWS: Final = 20

# Earlier synonyms win ties: "기본배송지" is the address, "통합배송지" only when it is alone.
SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "order_number": (
        "주문번호",
        "주문 번호",
        "order number",
        "order no",
        "order id",
        "orderid",
        "상품주문번호",
        "주문id",
    ),
    "recipient_name": (
        "수취인명",
        "수취인",
        "수취인이름",
        "수령인명",
        "수령인",
        "받는분",
        "받는사람",
        "받는분이름",
        "수령자",
        "수하인",
        "recipient",
        "recipient name",
        "receiver",
        "receiver name",
        "ship to name",
        "shipping name",
        "consignee",
    ),
    "phone": (
        "전화번호",
        "수취인연락처",
        "수취인연락처1",
        "수취인연락처2",
        "수취인전화번호",
        "수령인 휴대폰",
        "수령인 휴대전화",
        "수령인 전화번호",
        "연락처",
        "휴대폰",
        "휴대전화",
        "핸드폰",
        "phone",
        "mobile",
        "tel",
        "telephone",
        "recipient phone",
        "receiver phone",
        "contact",
    ),
    "postal_code": (
        "우편번호",
        "수취인 우편번호",
        "수령인 우편번호",
        "zip",
        "zip code",
        "zipcode",
        "postal code",
        "postcode",
    ),
    "address": (
        "기본주소",
        "기본배송지",
        "주소",
        "수취인주소",
        "수령인 주소",
        "배송지",
        "배송지주소",
        "받는분주소",
        "통합배송지",
        "address",
        "shipping address",
        "address1",
        "address line 1",
    ),
    "address_detail": (
        "상세주소",
        "상세배송지",
        "수령인 상세 주소",
        "address2",
        "address line 2",
        "detail address",
    ),
    "delivery_message": (
        "배송메세지",
        "배송메시지",
        "배송시 요구사항",
        "배송요청사항",
        "요청사항",
        "배송메모",
        "delivery message",
        "shipping note",
        "delivery note",
        "memo",
        "note",
    ),
    "sku": (
        "sku",
        "옵션관리코드",
        "판매자 상품코드",
        "판매자상품코드",
        "자체품목코드",
        "판매자 관리코드",
        "판매자 상세관리코드",
        "상품코드",
        "품목코드",
        "관리코드",
        "sku code",
        "seller sku",
        "item code",
        "product code",
        "상품번호",
    ),
    "option": ("옵션정보", "옵션", "주문옵션", "옵션명", "option", "variant"),
    "quantity": ("수량", "주문수량", "구매수량", "구매수", "qty", "quantity", "개수"),
    "order_amount": (
        "주문금액",
        "상품금액",
        "판매금액",
        "총 주문금액",
        "최종 상품별 총 주문금액",
        "order amount",
        "amount",
        "price",
        "판매가",
    ),
    "paid_amount": ("결제금액", "실결제금액", "paid amount", "payment amount"),
    "total_amount": ("총결제금액", "총 결제금액", "total", "total amount"),
    "product_url": ("상품url", "판매 상품 url", "상품링크", "product url", "url", "link"),
    "country": ("국가코드", "도착국가", "국가", "배송국가", "country", "country code"),
    "brand": ("브랜드", "brand"),
    "platform": ("판매 플랫폼", "판매처", "쇼핑몰", "platform", "marketplace"),
}
# Words that rule a header out for some fields, whatever else it says: a buyer's phone is
# not the recipient's, and a discount is not an amount paid.
_RULED_OUT: Final = {
    frozenset({"recipient_name", "phone", "postal_code", "address", "address_detail", "country"}): (
        "구매자",
        "주문자",
        "주문인",
        "buyer",
        "orderer",
        "billing",
        "판매자",
        "seller",
    ),
    frozenset({"order_amount", "paid_amount", "total_amount"}): (
        "할인",
        "수수료",
        "배송비",
        "정산",
        "discount",
        "fee",
        "tax",
        "shipping",
    ),
}
_MULTI_COLUMN: Final = frozenset({"phone"})
_PUNCTUATION: Final = re.compile(r"[\s()\[\]_\-./:·*]+")


def _norm(text: str) -> str:
    return _PUNCTUATION.sub("", text.casefold())


_NORMALISED: Final = {
    field: tuple(_norm(s) for s in synonyms) for field, synonyms in SYNONYMS.items()
}


def _similarity(header: str, synonym: str) -> float:
    if header == synonym:
        return 1.0
    if len(synonym) >= 2 and synonym in header:
        return 0.8 + 0.2 * len(synonym) / len(header)
    if len(header) >= 2 and header in synonym:
        return 0.6 + 0.3 * len(header) / len(synonym)
    return SequenceMatcher(None, header, synonym).ratio()


def score(header: str, field: str) -> float:
    """How well ``header`` names ``field``, from 0 to 1."""
    normalised = _norm(header)
    if not normalised:
        return 0.0
    for fields, words in _RULED_OUT.items():
        if field in fields and any(word in normalised for word in words):
            return 0.0
    best = 0.0
    for rank, synonym in enumerate(_NORMALISED[field]):
        best = max(best, _similarity(normalised, synonym) - rank * 0.001)
    return max(0.0, min(1.0, best))


def _matches(headers: Sequence[str]) -> list[tuple[float, int, str]]:
    found = []
    for column, header in enumerate(headers):
        if not header:
            continue
        for field in SYNONYMS:
            value = score(header, field)
            if value >= THRESHOLD:
                found.append((value, column, field))
    return found


def _header_index(sheet: Sheet) -> int:
    best, best_index = 1, 0
    for index in range(min(_HEADER_SEARCH_ROWS, len(sheet))):
        fields = {field for _, _, field in _matches(sheet.row(index)[0])}
        if len(fields) > best:
            best, best_index = len(fields), index
    return best_index


def suggest_template(
    source: str | Path | Sequence[str] | Sheet,
    *,
    name: str | None = None,
    seed: Template | None = None,
    renamed: Mapping[str, str] | None = None,
) -> Template:
    """A draft template for a file (or a list of its headers), with ``.confidence`` per field.

    Fields below the threshold stay unmapped: check the draft and fill them in by hand.
    With a ``seed`` (an account's earlier template), every field whose columns are still
    there keeps its mapping as it was (confidence 1), a column in ``renamed`` (old header →
    new) follows its new name, and only the rest is suggested afresh.
    """
    header_row: int | None = 1
    if isinstance(source, str | Path):
        sheet = read_sheet(source)
        name = name or f"suggested-{Path(source).stem}"
        source = sheet
    if isinstance(source, Sheet):
        index = _header_index(source) if seed is None else _seeded_index(source, seed)
        headers: Sequence[str] = source.row(index)[0]
        header_row = index + 1
    else:
        headers = [str(h) for h in source]

    fields: dict[str, FieldSpec] = {}
    confidence: dict[str, float] = {}
    taken_columns: set[int] = set()
    if seed is not None:
        fields, taken_columns = _kept(seed, headers, renamed or {})
        confidence = dict.fromkeys(fields, 1.0)

    chosen: dict[str, list[tuple[int, float]]] = {}
    for value, column, field in sorted(_matches(headers), key=lambda m: (-m[0], m[1])):
        if column in taken_columns or field in fields:
            continue
        if field in chosen and (field not in _MULTI_COLUMN or value < chosen[field][0][1] - 0.1):
            continue
        chosen.setdefault(field, []).append((column, value))
        taken_columns.add(column)

    for field in SYNONYMS:
        if field not in chosen:
            continue
        picks = sorted(chosen[field])
        fields[field] = Column(tuple(headers[column] for column, _ in picks))
        confidence[field] = round(max(v for _, v in picks), 2)
    if seed is not None:
        return attrs.evolve(seed, fields=fields, header_row=header_row, confidence=confidence)
    return Template(
        fields=fields,
        name=name or "suggested",
        header_row=header_row,
        confidence=confidence,
    )


def _seeded_index(sheet: Sheet, seed: Template) -> int:
    """The header row: where the seed's headers are, else where the suggester finds one."""
    from orderkit.mapper import find_header

    index = find_header(sheet, attrs.evolve(seed, header_row=None))
    wanted = {header_key(h) for h in seed.headers}
    found = {header_key(c) for c in sheet.row(index)[0] if c}
    return index if wanted & found else _header_index(sheet)


def _kept(
    seed: Template, headers: Sequence[str], renamed: Mapping[str, str]
) -> tuple[dict[str, FieldSpec], set[int]]:
    """The seed's fields whose columns are all still there (following renames)."""
    where = {header_key(h): column for column, h in enumerate(headers) if h}
    follow = {header_key(old): new for old, new in renamed.items()}
    kept: dict[str, FieldSpec] = {}
    taken: set[int] = set()
    for field, spec in seed.fields.items():
        if isinstance(spec, Constant):
            kept[field] = spec
            continue
        moved = tuple(follow.get(header_key(h), h) for h in spec.headers)
        present = [where[header_key(h)] for h in moved if header_key(h) in where]
        if not present or (isinstance(spec, Joined) and len(present) < len(moved)):
            continue
        kept[field] = attrs.evolve(spec, headers=moved)
        taken.update(present)
    return kept, taken

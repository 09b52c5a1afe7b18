"""The words around a field's name in a header: which change what it means, which do not.

Data only, like :mod:`orderkit.templates.synonyms` (the names themselves); matching is
:mod:`orderkit.templates.header_words`. Every entry is compared word by word after NFKC and
case folding.

- ``BUYER_WORDS``: a header with one of these is the buyer's, the payer's or the sender's,
  never the recipient's.
- ``SHIP_WORDS``: a header with one of these names where the parcel goes; for a recipient
  field it wins over a header with no such word (``Shipping Phone`` over ``Phone``).
- ``RULED_OUT``: words that make a header mean something else for some fields.
- ``NEUTRAL``: words a header may add around a synonym without changing what it means.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BUYER_WORDS",
    "KANA_WORDS",
    "NEUTRAL",
    "PER_LINE_WORDS",
    "RECIPIENT_FIELDS",
    "RULED_OUT",
    "SHIP_WORDS",
]

# Fields that describe where the parcel goes, and so never take a buyer's column.
RECIPIENT_FIELDS: Final = frozenset(
    {"recipient_name", "phone", "postal_code", "address", "address_detail", "country"}
)

BUYER_WORDS: Final = (
    "구매자",
    "주문자",
    "주문인",
    "판매자",
    "보내는분",
    "보내는사람",
    "購入者",
    "注文者",
    "ご注文者",
    "請求先",
    "依頼主",
    "差出人",
    "発送元",
    "出荷元",
    "販売者",
    "buyer",
    "orderer",
    "purchaser",
    "customer",
    "bill",
    "billing",
    "seller",
    "sender",
    "from",
)

SHIP_WORDS: Final = (
    "수취인",
    "수령인",
    "받는분",
    "받는사람",
    "배송지",
    "お届け先",
    "届け先",
    "送付先",
    "配送先",
    "送り先",
    "受取人",
    "ship",
    "shipping",
    "shipto",
    "delivery",
    "recipient",
    "receiver",
    "consignee",
    "destination",
)

KANA_WORDS: Final = ("フリガナ", "ふりがな", "カナ", "かな", "kana", "yomi", "読み", "ローマ字")

# A per-line word: a header with one never feeds an order-level field (SPEC §1).
PER_LINE_WORDS: Final = (
    "상품별",
    "품목별",
    "옵션별",
    "단가",
    "개당",
    "単価",
    "商品別",
    "明細",
    "lineitem",
    "line",
    "item",
    "unit",
    "per",
    "each",
)

_AMOUNTS: Final = frozenset({"order_amount", "paid_amount", "total_amount"})
_NOT_AN_AMOUNT: Final = (
    "할인",
    "수수료",
    "배송비",
    "정산",
    "환불",
    "포인트",
    "쿠폰",
    "적립",
    "원가",
    "返金",
    "割引",
    "手数料",
    "送料",
    "税",
    "代引",
    "ポイント",
    "クーポン",
    "原価",
    "discount",
    "fee",
    "fees",
    "tax",
    "taxes",
    "shipping",
    "refund",
    "refunded",
    "collectible",
    "cod",
    "outstanding",
    "balance",
    "surcharge",
    "point",
    "points",
    "coupon",
    "commission",
    "compare",
    "cost",
    "duties",
)

RULED_OUT: Final[dict[frozenset[str], tuple[str, ...]]] = {
    RECIPIENT_FIELDS: BUYER_WORDS,
    _AMOUNTS: _NOT_AN_AMOUNT,
    frozenset({"recipient_name"}): (*KANA_WORDS, "company", "会社", "회사", "nickname"),
    frozenset({"address", "address_detail"}): (
        *KANA_WORDS,
        "flag",
        "フラグ",
        "index",
        "id",
        "type",
        "種別",
        "区分",
        "multi",
        "複数",
        "email",
        "mail",
        "メール",
        "메일",
        "count",
        "회차",
    ),
    frozenset({"order_number"}): (
        "sub",
        "parent",
        "child",
        "original",
        "tracking",
        "invoice",
        "cart",
        "payment",
        "purchase",
        "하위",
        "상위",
        "원주문",
        "묶음",
        "송장",
        "장바구니",
        "親",
        "子",
        "サブ",
        "枝",
        "伝票",
        "送り状",
        "カート",
    ),
    frozenset({"option"}): (
        "price",
        "amount",
        "surcharge",
        "fee",
        "code",
        "가격",
        "금액",
        "코드",
        "価格",
        "金額",
        "料金",
        "コード",
    ),
    frozenset({"product_url"}): (
        "image",
        "img",
        "click",
        "tracking",
        "customized",
        "画像",
        "이미지",
        "追跡",
        "송장",
    ),
    frozenset({"quantity"}): (
        "ship",
        "unshipped",
        "cancel",
        "cancelled",
        "returned",
        "point",
        "avail",
        "出荷",
        "発送",
        "취소",
        "클레임",
    ),
    frozenset({"sku"}): ("jan", "barcode", "바코드", "ean", "upc"),
    frozenset({"delivery_message"}): ("attributes", "gift", "ギフト", "선물"),
}

# Words a header may add around a synonym without changing its meaning, for every field and
# for some: the buyer pays, so "購入者決済金額" is still the amount paid.
NEUTRAL: Final[dict[str, tuple[str, ...]]] = {
    "*": (*SHIP_WORDS, "to", "の", "no", "num", "nr", "number"),
    "sku": (
        "판매자",
        "업체",
        "자체",
        "seller",
        "merchant",
        "vendor",
        "販売者",
        "店舗",
        "lineitem",
        "item",
        "product",
        "商品",
        "상품",
    ),
    "recipient_name": ("이름", "성함", "명", "氏名", "名前", "お名前", "名", "name", "full"),
    "product_url": ("product", "item", "page", "商品", "상품", "ページ", "페이지"),
    "quantity": ("lineitem", "item", "purchased", "ordered", "order", "주문", "注文"),
    "option": ("lineitem", "item", "상품", "商品", "info", "정보", "情報"),
    "paid_amount": ("구매자", "購入者", "buyer", "customer", "total", "합계", "合計", "총"),
    "order_amount": ("합계", "合計", "총", "order", "注文", "주문"),
    "total_amount": ("합계", "合計", "총", "order", "注文", "주문", "payment", "결제"),
    "order_number": (
        "shop",
        "store",
        "ショップ",
        "쇼핑몰",
        "amazon",
        "rakuten",
        "qoo10",
        "yahoo",
        "shopify",
        "merchant",
    ),
    "address": ("1", "line", "住所"),
    "address_detail": ("2", "line", "住所"),
    "postal_code": ("code",),
    "country": ("code", "name"),
    "phone": ("1", "2"),
}

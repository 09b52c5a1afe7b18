"""Marketplace export header lists, as public code that reads these exports spells them.

Sources (facts, not code) are named in docs/templates.md. Kept in one place so the
built-in template tests and the suggester tests read the same layouts.
"""

from __future__ import annotations


def _split(text: str, sep: str = ",") -> list[str]:
    return [h.strip() for h in text.split(sep) if h.strip()]


# Qoo10 Japan QSM, 配送管理 (shipping request) download.
QOO10 = _split(
    "配送状態,注文番号,カート番号,配送会社,送り状番号,発送日,注文日,入金日,お届け希望日,"
    "発送予定日,配送完了日,配送方法,商品番号,商品名,数量,オプション情報,オプションコード,おまけ,"
    "受取人名,受取人名(フリガナ),受取人電話番号,受取人携帯電話番号,住所,郵便番号,国家,"
    "送料の決済,決済サイト,通貨,購入者決済金額,販売価格,割引額,注文金額の合計,供給原価の合計,"
    "購入者名,購入者名(フリガナ),配送要請事項,購入者電話番号,購入者携帯電話番号,"
    "販売者商品コード,JANコード,規格番号,プレゼント贈り主,外部広告,素材,ギフト注文"
)

# Rakuten RMS order CSV (the current layout with 注文番号 and 送付先姓/送付先名).
RAKUTEN = _split(
    "注文番号,ステータス,サブステータスID,サブステータス,注文日時,注文日,注文時間,"
    "キャンセル期限日,注文確認日時,注文確定日時,発送指示日時,発送完了報告日時,支払方法名,"
    "クレジットカード支払い方法,クレジットカード支払い回数,配送方法,配送区分,注文種別,"
    "複数送付先フラグ,送付先一致フラグ,離島フラグ,楽天確認中フラグ,警告表示タイプ,楽天会員フラグ,"
    "購入履歴修正有無フラグ,商品合計金額,消費税合計,送料合計,代引料合計,請求金額,合計金額,"
    "ポイント利用額,クーポン利用総額,店舗発行クーポン利用額,楽天発行クーポン利用額,"
    "注文者郵便番号1,注文者郵便番号2,注文者住所都道府県,注文者住所郡市区,注文者住所それ以降の住所,"
    "注文者姓,注文者名,注文者姓カナ,注文者名カナ,注文者電話番号1,注文者電話番号2,注文者電話番号3,"
    "注文者メールアドレス,注文者性別,申込番号,申込お届け回数,送付先ID,送付先送料,送付先代引料,"
    "送付先消費税合計,送付先商品合計金額,送付先合計金額,のし,送付先郵便番号1,送付先郵便番号2,"
    "送付先住所都道府県,送付先住所郡市区,送付先住所それ以降の住所,送付先姓,送付先名,送付先姓カナ,"
    "送付先名カナ,送付先電話番号1,送付先電話番号2,送付先電話番号3,商品明細ID,商品ID,商品名,"
    "商品番号,商品管理番号,単価,個数,送料込別,税込別,代引手数料込別,項目・選択肢,ポイント倍率,"
    "納期情報,在庫タイプ,ラッピングタイトル1,ラッピング名1,ラッピング料金1,ラッピング税込別1,"
    "ラッピング種類1,ラッピングタイトル2,ラッピング名2,ラッピング料金2,ラッピング税込別2,"
    "ラッピング種類2,お届け時間帯,お届け日指定,担当者,ひとことメモ,"
    "メール差込文 (お客様へのメッセージ),ギフト配送希望,コメント,利用端末,メールキャリアコード,"
    "あす楽希望フラグ,医薬品受注フラグ,楽天スーパーDEAL商品受注フラグ,"
    "メンバーシッププログラム受注タイプ"
)

# Shopify admin, Orders > Export (orders_export.csv).
SHOPIFY = _split(
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,"
    "Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,"
    "Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,"
    "Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,"
    "Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,"
    "Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,"
    "Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,"
    "Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
    "Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
)

# Yahoo!ショッピング order download: the order, shipping and item field names together.
YAHOO = _split(
    "OrderId,OrderTime,OrderStatus,BuyerComments,SellerComments,Notes,ShipMethodName,"
    "ShipRequestDate,ShipRequestTime,ShipNotes,ShipFirstName,ShipFirstNameKana,ShipLastName,"
    "ShipLastNameKana,ShipZipCode,ShipPrefecture,ShipPrefectureKana,ShipCity,ShipCityKana,"
    "ShipAddress1,ShipAddress1Kana,ShipAddress2,ShipAddress2Kana,ShipPhoneNumber,"
    "ShipEmgPhoneNumber,BillFirstName,BillFirstNameKana,BillLastName,BillLastNameKana,"
    "BillZipCode,BillPrefecture,BillCity,BillAddress1,BillAddress2,BillPhoneNumber,"
    "BillEmgPhoneNumber,BillMailAddress,PayMethodName,PayCharge,ShipCharge,GiftWrapCharge,"
    "Discount,UsePoint,TotalPrice,SettleAmount,LineId,ItemId,Title,SubCode,SubCodeOption,"
    "ItemOption01Name,ItemOption01Value,UnitPrice,Quantity,PointAvailQuantity,CouponDiscount"
)

# Amazon.co.jp seller central, new-orders report (tab-separated).
AMAZON_JP = _split(
    "order-id,order-item-id,purchase-date,payments-date,reporting-date,promise-date,"
    "days-past-promise,buyer-email,buyer-name,buyer-phone-number,sku,product-name,"
    "quantity-purchased,quantity-shipped,quantity-to-ship,ship-service-level,recipient-name,"
    "ship-address-1,ship-address-2,ship-address-3,ship-city,ship-state,ship-postal-code,"
    "ship-country,payment-method,cod-collectible-amount,already-paid,payment-method-fee,"
    "scheduled-delivery-start-date,scheduled-delivery-end-date,points-granted,is-prime,"
    "verge-of-cancellation,verge-of-lateShipment"
)

# Amazon fulfilled-shipments report: it has the recipient's phone and bill-* columns.
AMAZON_SHIPMENTS = _split(
    "amazon-order-id,merchant-order-id,shipment-id,shipment-item-id,amazon-order-item-id,"
    "merchant-order-item-id,purchase-date,payments-date,shipment-date,reporting-date,"
    "buyer-email,buyer-name,buyer-phone-number,sku,product-name,quantity-shipped,currency,"
    "item-price,item-tax,shipping-price,shipping-tax,gift-wrap-price,gift-wrap-tax,"
    "ship-service-level,recipient-name,ship-address-1,ship-address-2,ship-address-3,ship-city,"
    "ship-state,ship-postal-code,ship-country,ship-phone-number,bill-address-1,bill-address-2,"
    "bill-address-3,bill-city,bill-state,bill-postal-code,bill-country,"
    "item-promotion-discount,ship-promotion-discount,carrier,tracking-number,"
    "estimated-arrival-date,fulfillment-center-id,fulfillment-channel,sales-channel"
)

# One clean order of two lines (same order-level values, two SKUs) and a one-line order,
# per layout: the values a seller's export holds. Japan-bound layouts add the 商品URL
# column a seller must add for customs (the exports have none).
URL_COLUMN = "商品URL"
_URL = "https://item.example.jp/shop/p-1"


def _jp(order: str, **extra: object) -> dict[str, object]:
    return {URL_COLUMN: _URL, **extra, "_order": order}


SAMPLES: dict[str, tuple[list[str], list[dict[str, object]]]] = {
    "qoo10": (
        [*QOO10, URL_COLUMN],
        [
            _jp("Q-1", 注文番号="Q-1", 受取人名="山田 花子", 受取人携帯電話番号="090-1234-5678",
                受取人電話番号="03-1234-5678", 郵便番号="100-0001",
                住所="東京都千代田区千代田1-1", 国家="JP", 販売者商品コード="WH-1", 数量=2,
                購入者決済金額=3980, 注文金額の合計=3980, 購入者名="山田 太郎",
                購入者携帯電話番号="080-9999-0000", オプション情報="赤"),
            _jp("Q-2", 注文番号="Q-2", 受取人名="佐藤 一郎", 受取人電話番号="06-6123-4567",
                郵便番号="530-0001", 住所="大阪府大阪市北区梅田1-1", 国家="JP",
                販売者商品コード="WH-2", 数量=1, 購入者決済金額=1200, 注文金額の合計=1200,
                購入者携帯電話番号="080-9999-0000"),
        ],
    ),
    "rakuten": (
        [*RAKUTEN, URL_COLUMN],
        [
            _jp("R-1", 注文番号="123456-20261126-0000000001", 送付先姓="楽天", 送付先名="太郎",
                送付先郵便番号1="158", 送付先郵便番号2="0094", 送付先住所都道府県="東京都",
                送付先住所郡市区="世田谷区", 送付先住所それ以降の住所="玉川1-14-1",
                送付先電話番号1="090", 送付先電話番号2="1234", 送付先電話番号3="5678",
                注文者姓="注文", 注文者名="花子", 注文者電話番号1="080", 注文者電話番号2="9999",
                注文者電話番号3="0000", 商品番号="WH-1", 個数=1, 請求金額=5980,
                合計金額=5980, 商品合計金額=5000),
            _jp("R-1", 注文番号="123456-20261126-0000000001", 送付先姓="楽天", 送付先名="太郎",
                送付先郵便番号1="158", 送付先郵便番号2="0094", 送付先住所都道府県="東京都",
                送付先住所郡市区="世田谷区", 送付先住所それ以降の住所="玉川1-14-1",
                送付先電話番号1="090", 送付先電話番号2="1234", 送付先電話番号3="5678",
                商品番号="WH-2", 個数=3, 請求金額=5980, 合計金額=5980, 商品合計金額=5000),
        ],
    ),
    "shopify": (
        [*SHOPIFY, URL_COLUMN],
        [
            _jp("#1001", Name="#1001", **{
                "Shipping Name": "Hanako Yamada", "Shipping Phone": "090-1234-5678",
                "Shipping Zip": "100-0001", "Shipping Province Name": "Tokyo",
                "Shipping City": "Chiyoda-ku", "Shipping Address1": "Chiyoda 1-1",
                "Shipping Country": "JP", "Lineitem sku": "WH-1", "Lineitem quantity": 1,
                "Total": 3980, "Subtotal": 3500, "Phone": "080-9999-0000",
                "Billing Phone": "080-9999-0000", "Billing Name": "Taro Yamada",
                "Refunded Amount": 0}),
            # Shopify leaves an order's later rows empty but for its lines.
            _jp("#1001", Name="#1001", **{"Lineitem sku": "WH-2", "Lineitem quantity": 2}),
        ],
    ),
    "yahoo": (
        [*YAHOO, URL_COLUMN],
        [
            _jp("Y-1", OrderId="store-10000001", ShipLastName="鈴木", ShipFirstName="一郎",
                ShipZipCode="060-0001", ShipPrefecture="北海道", ShipCity="札幌市中央区",
                ShipAddress1="北一条西2-1", ShipPhoneNumber="011-123-4567",
                BillLastName="鈴木", BillFirstName="花子", BillPhoneNumber="080-9999-0000",
                BillZipCode="150-0001", ItemId="WH-1", Quantity=1, TotalPrice=2480),
        ],
    ),
}  # fmt: skip

# The fields each layout's draft must map, and to which columns (the done-when fields).
EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    "qoo10": {
        "order_number": ("注文番号",),
        "recipient_name": ("受取人名",),
        "phone": ("受取人携帯電話番号", "受取人電話番号"),
        "postal_code": ("郵便番号",),
        "address": ("住所",),
        "sku": ("オプションコード", "販売者商品コード"),  # as the built-in: option code first
        "option": ("オプション情報",),
        "quantity": ("数量",),
        "paid_amount": ("購入者決済金額",),
    },
    "rakuten": {
        "order_number": ("注文番号",),
        "recipient_name": ("送付先姓", "送付先名"),
        "phone": ("送付先電話番号1", "送付先電話番号2", "送付先電話番号3"),
        "postal_code": ("送付先郵便番号1", "送付先郵便番号2"),
        "address": ("送付先住所都道府県", "送付先住所郡市区", "送付先住所それ以降の住所"),
        "sku": ("商品番号",),
        "option": ("項目・選択肢",),
        "quantity": ("個数",),
        "paid_amount": ("請求金額",),
    },
    "shopify": {
        "order_number": ("Name",),
        "recipient_name": ("Shipping Name",),
        "phone": ("Shipping Phone",),
        "postal_code": ("Shipping Zip",),
        "address": ("Shipping Province Name", "Shipping City", "Shipping Address1"),
        "sku": ("Lineitem sku",),
        "quantity": ("Lineitem quantity",),
        "paid_amount": ("Total",),
        "country": ("Shipping Country",),
    },
    "yahoo": {
        "order_number": ("OrderId",),
        "recipient_name": ("ShipLastName", "ShipFirstName"),
        "phone": ("ShipPhoneNumber",),
        "postal_code": ("ShipZipCode",),
        "address": ("ShipPrefecture", "ShipCity", "ShipAddress1"),
        "sku": ("ItemId",),
        "quantity": ("Quantity",),
        "paid_amount": ("TotalPrice",),
    },
    "amazon": {
        "order_number": ("order-id",),
        "recipient_name": ("recipient-name",),
        "postal_code": ("ship-postal-code",),
        "address": ("ship-state", "ship-city", "ship-address-1"),
        "sku": ("sku",),
        "quantity": ("quantity-purchased",),
        "country": ("ship-country",),
    },
    "amazon-shipments": {
        "order_number": ("amazon-order-id",),
        "recipient_name": ("recipient-name",),
        "phone": ("ship-phone-number",),
        "postal_code": ("ship-postal-code",),
        "sku": ("sku",),
        "quantity": ("quantity-shipped",),  # the only quantity this report has
    },
}
HEADERS: dict[str, list[str]] = {
    "qoo10": QOO10,
    "rakuten": RAKUTEN,
    "shopify": SHOPIFY,
    "yahoo": YAHOO,
    "amazon": AMAZON_JP,
    "amazon-shipments": AMAZON_SHIPMENTS,
}

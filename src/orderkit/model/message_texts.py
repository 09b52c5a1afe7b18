"""The problem messages as data: for each message id, its code, its Korean and its English.

Pure data, kept whole in one table (its length is the number of situations orderkit
explains), in the order the documentation lists them. :mod:`orderkit.model.messages` turns
each entry into a :class:`~orderkit.model.messages.Message` and renders it. A message says
what is wrong and what to do; ``{label}`` is the field's own name, and a value before a
Korean particle is written ``{value:을}`` (see :mod:`orderkit.model.wording`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from orderkit.model.problems import Code

__all__ = ["MESSAGE_TEXTS"]

MESSAGE_TEXTS: Final[Mapping[str, tuple[Code, str, str]]] = {
    "missing": (
        Code.MISSING,
        "{label} 값이 비어 있습니다. 필수 항목이니 입력하세요.",
        "{label} is empty. It is required: fill it in.",
    ),
    "missing_invisible": (
        Code.MISSING,
        "{label} 값에 보이지 않는 문자({chars})만 있습니다. 필수 항목이니 입력하세요.",
        "{label} holds only invisible characters ({chars}). It is required: fill it in.",
    ),
    "missing_digits": (
        Code.MISSING,
        "{label} '{value}'에 숫자가 없습니다. 필수 항목이니 번호를 입력하세요.",
        "{label} '{value}' has no digits. It is required: fill in the number.",
    ),
    "missing_order_number_line": (
        Code.MISSING,
        "주문 번호가 비어 있고 SKU 줄만 있습니다. 위 주문의 다른 품목이라면 그 주문의 주문 번호를 "
        "이 행에도 적으세요. 별도 주문이라면 주문 번호와 수취인 정보를 모두 적으세요.",
        "This row holds a SKU line but no order number. If it is another line of an order "
        "above, repeat that order's number on this row; if it is an order of its own, fill in "
        "its order number and recipient.",
    ),
    "missing_lines": (
        Code.MISSING,
        "SKU가 없습니다. 출고할 SKU와 수량을 한 줄 이상 입력하세요.",
        "The order has no SKU lines. Add at least one SKU with its quantity.",
    ),
    "too_long": (
        Code.TOO_LONG,
        "{label} 값이 {length}자로 최대 {max}자를 넘습니다. {max}자 이내로 줄이세요.",
        "{label} has {length} characters, more than the {max} allowed. Shorten it.",
    ),
    "too_long_phone": (
        Code.TOO_LONG,
        "{label} 값이 {length}자로 최대 {max}자를 넘습니다. "
        "하이픈(-)과 공백을 빼면 {compact_length}자로 들어갑니다: {compact}",
        "{label} has {length} characters, more than the {max} allowed. "
        "Without dashes and spaces it fits in {compact_length}: {compact}",
    ),
    "bad_chars": (
        Code.BAD_CHARS,
        "{label} 값에 쓸 수 없는 문자가 있습니다: {chars}. {allowed}만 쓸 수 있습니다.",
        "{label} contains characters that are not allowed: {chars}. Use only {allowed}.",
    ),
    "bad_country": (
        Code.BAD_COUNTRY,
        "{label} '{value}': 국가 코드가 아닙니다. "
        "ISO 3166-1 대문자 두 글자로 쓰세요 (예: JP, KR). 비워 두면 KR(대한민국)입니다.",
        "{label} '{value}' is not a country code. Write the two uppercase letters of "
        "ISO 3166-1 (e.g. JP, KR). Leave it empty for KR (Korea).",
    ),
    "bad_country_hint": (
        Code.BAD_COUNTRY,
        "{label} '{value}': 국가 코드가 아닙니다. "
        "{suggestion!q:을} 뜻했다면 {suggestion!q:으로} 고쳐 쓰세요 (ISO 3166-1 대문자 두 글자).",
        "{label} '{value}' is not a country code. If you meant {suggestion}, write "
        "'{suggestion}' (two uppercase ISO 3166-1 letters).",
    ),
    "url_required": (
        Code.URL_REQUIRED,
        "일본으로 보내는 주문은 일본 통관에 {label}이(가) 필요합니다: 이 상품을 판매한 "
        "일본 쇼핑몰(큐텐, 라쿠텐, 아마존 재팬, 야후 쇼핑 등)의 상품 페이지 주소를 "
        "https://부터 전체 입력하세요.",
        "Japan customs needs the {label} of every order shipped to JP: the address of the "
        "product page on the Japanese marketplace that sold it (Qoo10, Rakuten, Amazon.co.jp, "
        "Yahoo! Shopping and others), in full from https://.",
    ),
    "bad_url": (
        Code.BAD_URL,
        "{label} '{value}': 올바른 주소가 아닙니다. "
        "http:// 또는 https://로 시작하는 전체 주소를 입력하세요.",
        "{label} '{value}' is not a valid address. "
        "Enter the full address starting with http:// or https://.",
    ),
    "amount_required": (
        Code.AMOUNT_REQUIRED,
        "일본으로 보내는 주문은 일본 통관에 {label}이(가) 필요합니다: 구매자가 일본 쇼핑몰에서 "
        "실제로 결제한 금액을 엔화 정수로 입력하세요 (예: ¥3,980이면 3980).",
        "Japan customs needs the {label} of every order shipped to JP: what the buyer paid "
        "on the Japanese marketplace, in whole yen (e.g. 3980 for 3,980 yen).",
    ),
    "bad_number": (
        Code.BAD_NUMBER,
        "{label} '{value}': 숫자가 아닙니다. 숫자만 입력하세요 (예: 1,000 또는 1000).",
        "{label} '{value}' is not a number. Enter digits only (e.g. 1,000 or 1000).",
    ),
    "inexact_number": (
        Code.INEXACT_NUMBER,
        "{label} 셀이 숫자 서식이고 15자리가 넘어 엑셀이 값을 반올림했을 수 있습니다 ({value}). "
        "셀 서식을 텍스트로 바꾸고 원래 값을 다시 입력하세요.",
        "The {label} cell is formatted as a number too long to be exact, so Excel may "
        "have rounded it ({value}). Format the cell as text and enter the original value.",
    ),
    "not_integer": (
        Code.NOT_INTEGER,
        "{label} '{value}': 정수여야 합니다. 소수점 없이 입력하세요.",
        "{label} '{value}' must be a whole number. Enter it without a fraction.",
    ),
    "not_integer_yen": (
        Code.NOT_INTEGER,
        "{label} '{value}': 일본 통관에는 엔화 결제 금액이 필요한데, 엔화에는 소수점이 없습니다. "
        "일본 쇼핑몰 주문서에 적힌 결제 금액(엔)을 그대로 입력하세요.",
        "{label} '{value}': Japan customs needs the amount paid in yen, and yen amounts "
        "have no fraction. Enter the paid amount in yen as the Japanese marketplace shows it.",
    ),
    "out_of_range": (
        Code.OUT_OF_RANGE,
        "{label} '{value}': 허용 범위({min}~{max})를 벗어났습니다. 범위 안의 값을 입력하세요.",
        "{label} '{value}' is outside the allowed range {min} to {max}. Enter a value in range.",
    ),
    "negative": (
        Code.OUT_OF_RANGE,
        "{label} '{value}': 음수일 수 없습니다. 0 이상으로 입력하세요.",
        "{label} '{value}' cannot be negative. Enter 0 or more.",
    ),
    "bad_postal_code_kr": (
        Code.BAD_POSTAL_CODE,
        "{label} '{value}': 한국 우편번호가 아닙니다. "
        "5자리 숫자(앞 두 자리 01~63)로 입력하세요 (예: 04524).",
        "{label} '{value}' is not a Korean postal code. "
        "Enter 5 digits starting 01 to 63 (e.g. 04524).",
    ),
    "bad_postal_code_jp": (
        Code.BAD_POSTAL_CODE,
        "{label} '{value}': 일본 우편번호가 아닙니다. "
        "NNN-NNNN 또는 7자리 숫자로 입력하세요 (예: 100-0001).",
        "{label} '{value}' is not a Japanese postal code. "
        "Enter NNN-NNNN or 7 digits (e.g. 100-0001).",
    ),
    "bad_postal_code": (
        Code.BAD_POSTAL_CODE,
        "{label} '{value}': {country} 우편번호로 쓸 수 없습니다. "
        "영문, 숫자, 공백, 하이픈으로 10자 이내로 입력하세요.",
        "{label} '{value}' cannot be a postal code for {country}. "
        "Use up to 10 letters, digits, spaces or dashes.",
    ),
    "restored_leading_zero": (
        Code.RESTORED_LEADING_ZERO,
        "{label} '{original}'은(는) 맨 앞의 0이 빠진 값으로 보여 '{value}'(으)로 복원했습니다. "
        "엑셀은 숫자 서식 셀과 CSV로 저장한 파일에서 맨 앞의 0을 지웁니다. 맞는지 확인하고, "
        "셀 서식을 텍스트로 바꾸거나 CSV 대신 .xlsx로 저장하세요.",
        "{label} '{original}' looks like a value whose leading 0 was lost; it was restored as "
        "'{value}'. Excel drops leading zeros from number cells and from sheets saved as "
        "CSV. Check it, and format the cell as text or keep the file as .xlsx.",
    ),
    "lost_leading_zero": (
        Code.LOST_LEADING_ZERO,
        "{label} 셀이 숫자 서식이라 맨 앞의 0이 사라졌습니다 ('{value}'). "
        "셀 서식을 텍스트로 바꾸고 010-1234-5678처럼 0부터 다시 입력하세요.",
        "The {label} cell is formatted as a number, so its leading 0 was lost ('{value}'). "
        "Format the cell as text and enter the number with its 0 (e.g. 010-1234-5678).",
    ),
    "implausible_phone": (
        Code.IMPLAUSIBLE_PHONE,
        "{label} '{value}': {country} 전화번호로 보이지 않습니다. 번호를 확인하세요.",
        "{label} '{value}' does not look like a phone number in {country}. Check it.",
    ),
    "bad_type": (
        Code.BAD_TYPE,
        "{label} 값의 형식({type})을 읽을 수 없습니다. 글자나 숫자로 입력하세요.",
        "{label} holds a value of a type that cannot be read ({type}). Use text or a number.",
    ),
    "unknown_field": (
        Code.UNKNOWN_FIELD,
        "'{value}': 알 수 없는 항목입니다. 항목 이름을 확인하세요 (예: recipient_name).",
        "'{value}' is not a known field. Check its name (e.g. recipient_name).",
    ),
    "conflicting_rows": (
        Code.CONFLICTING_ROWS,
        "같은 주문의 {first_row}행과 {label} 값이 다릅니다 ('{value}' ≠ '{first_value}'). "
        "한 주문의 모든 행에 같은 값을 쓰거나 아래 행은 비워 두세요.",
        "{label} differs from row {first_row} of the same order ('{value}' vs "
        "'{first_value}'). Use the same value on every row of an order, or leave later rows "
        "empty.",
    ),
    "duplicate_order": (
        Code.DUPLICATE_ORDER,
        "주문 번호 '{value}': 이미 다른 내용으로 등록되어 있습니다. "
        "주문 번호를 확인하거나, 등록된 주문을 취소한 뒤 새 주문 번호로 올리세요.",
        "Order number '{value}' is already registered with different content. "
        "Check the order number, or cancel the registered order and use a new number.",
    ),
    "already_registered": (
        Code.ALREADY_REGISTERED,
        "주문 번호 '{value}': 같은 내용으로 이미 등록되어 있어 건너뛰었습니다.",
        "Order number '{value}' is already registered with the same content; skipped.",
    ),
    "group_failed": (
        Code.GROUP_FAILED,
        "이 행에는 문제가 없지만 같은 그룹의 {rows}행에 오류가 있어 그룹 전체가 실패했습니다. "
        "그 행을 고친 뒤 이 파일을 다시 올리세요.",
        "This row is fine, but row(s) {rows} of its group failed, so the whole group "
        "failed. Fix those rows and upload this file again.",
    ),
    "commit_failed": (
        Code.COMMIT_FAILED,
        "이 그룹을 저장하지 못해 그룹 전체가 등록되지 않았습니다 ({reason}). "
        "잠시 뒤 이 파일을 다시 올리세요. 계속되면 관리자에게 알려 주세요.",
        "The group could not be stored, so none of it was registered ({reason}). "
        "Upload this file again later; tell an administrator if it keeps failing.",
    ),
    "not_stored": (
        Code.NOT_STORED,
        "업로드 결과와 실패 파일을 저장소에 보관하지 못했습니다 ({reason}). "
        "등록된 주문은 그대로입니다. 실패 파일을 지금 내려받아 두세요.",
        "The upload's record and failure file could not be kept in the store ({reason}). "
        "Committed orders stay committed. Download the failure file now.",
    ),
    "split_order": (
        Code.SPLIT_ORDER,
        "주문 번호 '{value}'의 행이 파일 곳곳에 흩어져 있어 {first_row}행 근처의 행들과 비교할 수 "
        "없습니다. 큰 파일은 한 주문의 행을 붙여 두세요.",
        "The rows of order '{value}' are scattered through the file: these cannot be compared "
        "with its rows near row {first_row}. In large files keep an order's rows together.",
    ),
    "too_many_orders": (
        Code.TOO_MANY_ORDERS,
        "파일에 주문이 {count}건 있어 한 번에 올릴 수 있는 {limit}건을 넘습니다. "
        "파일을 {limit}건 이하로 나누어 올리세요.",
        "The file holds {count} orders, more than the {limit} one upload accepts. "
        "Split it into files of at most {limit} orders.",
    ),
    "missing_column": (
        Code.MISSING_COLUMN,
        "파일에 '{value}' 열이 없습니다 ({label}). 판매처의 주문서 양식이 바뀌었다면 "
        "주문서 매칭(템플릿)을 다시 하세요.",
        "The file has no column '{value}' ({label}). If the seller's sheet layout changed, "
        "match the template again.",
    ),
    "duplicate_column": (
        Code.DUPLICATE_COLUMN,
        "머리글 행에 '{value}' 열이 {count}번 있습니다 ({columns}열). 어느 열이 {label}인지 "
        "알 수 없습니다. 템플릿에 몇 번째 열인지(예: occurrence = {count})나 열 위치(예: "
        'position = "{last}")를 적거나, 다른 열의 이름을 바꾸세요.',
        "The header row holds '{value}' {count} times (columns {columns}): orderkit cannot "
        "tell which is {label}. Say which in the template (e.g. occurrence = {count}, or "
        'position = "{last}"), or rename the other column.',
    ),
    "unknown_sku": (
        Code.UNKNOWN_SKU,
        "상품 '{value}': 창고 SKU에 연결되어 있지 않습니다. "
        "상품 연결(연결 SKU)을 추가하거나 상품 코드와 옵션을 확인하세요.",
        "Product '{value}' is not linked to a warehouse SKU. "
        "Link it in the product catalogue, or check the product code and option.",
    ),
    # rules: leading zeros, lost characters, full-width text, Japan customs
    "lost_leading_zero_fixed": (
        Code.LOST_LEADING_ZERO,
        "{label} '{value}': 맨 앞의 0이 사라졌습니다 (엑셀은 숫자 서식 셀과 CSV로 저장한 파일에서 "
        "0을 지웁니다). 0을 붙이면 {fixed}입니다. 맞다면 {fixed}(으)로 고쳐 쓰고, 엑셀에서는 "
        "셀 서식을 텍스트로 바꾼 뒤 입력하세요.",
        "{label} '{value}' looks like a number whose leading 0 was lost (Excel drops it from "
        "number cells and from sheets saved as CSV). With its 0 it is {fixed}: if that is "
        "right, enter {fixed} (in Excel, format the cell as text first).",
    ),
    "lost_character": (
        Code.LOST_CHARACTER,
        "{label} '{value}': '?'는 파일을 CP949(ANSI) CSV로 저장할 때 담을 수 없는 글자(한자, "
        "일본어, 이모지 등)가 바뀐 것일 수 있습니다. 원래 글자를 확인하세요. 엑셀에서 [파일] > "
        "[다른 이름으로 저장] > 파일 형식 'CSV UTF-8(쉼표로 분리)(*.csv)'로 저장하면 글자가 "
        "보존됩니다.",
        "{label} '{value}': the '?' may be a character lost when the file was saved as a "
        "CP949 (ANSI) CSV, which cannot hold many kanji, Japanese characters or emoji. Check "
        "the original. In Excel, File > Save As with the type 'CSV UTF-8 (Comma delimited) "
        "(*.csv)' keeps every character.",
    ),
    "normalized_width": (
        Code.NORMALIZED_TEXT,
        "{label} '{value}'의 전각 문자(숫자, 하이픈, 공백 등)를 반각으로 바꿔 '{normalized}'(으)로 "
        "읽었습니다. 맞는지 확인하세요.",
        "{label} '{value}' holds full-width characters (digits, hyphens, spaces); it was "
        "read as '{normalized}'. Check it.",
    ),
    "dropped_mark": (
        Code.NORMALIZED_TEXT,
        "{label} '{value}'에서 '{mark}' 기호를 빼고 '{normalized}'(으)로 읽었습니다. "
        "맞는지 확인하세요.",
        "{label} '{value}' was read as '{normalized}', without the mark '{mark}'. Check it.",
    ),
    "normalized_width_mark": (
        Code.NORMALIZED_TEXT,
        "{label} '{value}'의 전각 문자를 반각으로 바꾸고 '{mark}' 기호를 빼서 '{normalized}'"
        "(으)로 읽었습니다. 맞는지 확인하세요.",
        "{label} '{value}' holds full-width characters and the mark '{mark}'; it was read "
        "as '{normalized}'. Check it.",
    ),
    "bad_url_jp": (
        Code.BAD_URL,
        "{label} '{value}': 올바른 주소가 아닙니다. 일본 통관에는 이 상품을 판매한 일본 쇼핑몰의 "
        "상품 페이지 주소가 필요합니다. 브라우저 주소창의 주소를 https://부터 그대로 "
        "복사해 넣으세요.",
        "{label} '{value}' is not a valid address. Japan customs needs the address of the "
        "product page on the Japanese marketplace that sold it: copy it from the browser's "
        "address bar, in full from https://.",
    ),
    "bad_number_yen": (
        Code.BAD_NUMBER,
        "{label} '{value}': 숫자가 아닙니다. 일본 통관에는 구매자가 일본 쇼핑몰에서 결제한 금액이 "
        "엔화로 필요합니다. 숫자만 입력하세요 (예: ¥3,980이면 3980).",
        "{label} '{value}' is not a number. Japan customs needs what the buyer paid on the "
        "Japanese marketplace, in yen: enter digits only (e.g. 3980 for 3,980 yen).",
    ),
    "negative_yen": (
        Code.OUT_OF_RANGE,
        "{label} '{value}': 음수일 수 없습니다. 일본 통관에는 구매자가 일본 쇼핑몰에서 결제한 "
        "금액(엔)이 필요합니다.",
        "{label} '{value}' cannot be negative. Japan customs needs what the buyer paid on the "
        "Japanese marketplace, in yen.",
    ),
    "won_for_yen": (
        Code.WRONG_CURRENCY,
        "{label} '{value}': 원화 금액입니다. 일본 통관에는 구매자가 일본 쇼핑몰에서 결제한 금액이 "
        "엔화로 필요합니다. 일본 쇼핑몰 주문서의 엔화 결제 금액을 입력하세요.",
        "{label} '{value}' is an amount in won. Japan customs needs what the buyer paid on "
        "the Japanese marketplace, in yen: enter the paid amount in yen from the marketplace's "
        "order.",
    ),
    "already_cancelled": (
        Code.ALREADY_CANCELLED,
        "주문 번호 '{value}': 같은 내용의 주문이 {at}에 취소되어 있어 다시 등록하지 않았습니다. "
        "취소된 주문은 되살릴 수 없으니, 다시 보내려면 새 주문 번호로 올리세요.",
        "Order number '{value}' was cancelled at {at} (same content); it was not registered "
        "again. A cancelled order never comes back: to send it again, use a new order number.",
    ),
    # ambiguity: one spelling per marketplace, joined parts, stored orders
    "identity_width": (
        Code.NORMALIZED_NAME,
        "{label} '{original}'에 전각 문자가 있어 {value!q:으로} 바꿨습니다. 같은 판매처는 "
        "언제나 같은 글자로 적어야 같은 주문이 두 번 등록되지 않습니다. 맞는지 확인하세요.",
        "{label} '{original}' holds full-width characters; it was read as '{value}'. One "
        "marketplace must always be written the same way, or one order registers twice. "
        "Check it.",
    ),
    "identity_invisible": (
        Code.NORMALIZED_NAME,
        "{label} '{original}'에 보이지 않는 문자(폭 없는 공백 등)가 있어 지우고 {value!q:으로} "
        "읽었습니다. 원본 파일에서도 지우세요.",
        "{label} '{original}' holds invisible characters (a zero-width space or the like); "
        "they were removed and it was read as '{value}'. Remove them from the source too.",
    ),
    "similar_platform": (
        Code.SIMILAR_PLATFORM,
        "{label} '{value}': 저장소에 대소문자만 다른 {stored!q:이} 이미 있습니다. 같은 "
        "판매처라면 {stored!q:으로} 적어 올리세요. 다른 판매처라면 이 경고는 무시해도 됩니다.",
        "{label} '{value}': the store already holds '{stored}', which differs only in case. "
        "If it is the same marketplace, write it as '{stored}'; if not, ignore this warning.",
    ),
    "partly_empty": (
        Code.PARTLY_EMPTY,
        "{label} '{value}': 나눠 적는 열 가운데 빈 열이 있어 값이 잘렸을 수 있습니다 "
        "(빈 열: {empty}). 빈 열을 채우거나, 값 전체를 한 열에 적으세요.",
        "{label} '{value}' is probably cut short: some of the columns it is joined from are "
        "empty ({empty}). Fill them in, or write the whole value in one column.",
    ),
    "duplicate_order_fields": (
        Code.DUPLICATE_ORDER,
        "주문 번호 '{value}': 이미 등록된 주문과 {fields} 값이 다릅니다. 주문 번호를 확인하거나, "
        "등록된 주문을 취소한 뒤 새 주문 번호로 올리세요.",
        "Order number '{value}' is already registered, and this one differs in {fields}. "
        "Check the order number, or cancel the registered order and use a new number.",
    ),
    "already_registered_group": (
        Code.ALREADY_REGISTERED,
        "주문 번호 '{value}': 같은 내용으로 이미 등록되어 있습니다. 이 그룹은 다른 행의 오류로 "
        "실패했지만 이 주문은 다시 올리지 않아도 됩니다.",
        "Order number '{value}' is already registered with the same content. Its group "
        "failed for another row's error, but this order needs no new upload.",
    ),
    # Japan channels: yen on a Korean order, the real amount and page for Japan customs
    "yen_for_won": (
        Code.WRONG_CURRENCY,
        "{label} '{value}': 엔화 금액입니다. 국내(KR) 배송 주문의 금액은 원화여야 합니다. "
        "일본으로 보내는 주문이면 도착국가를 JP로 적고, 국내 주문이면 원화 금액을 입력하세요.",
        "{label} '{value}' is an amount in yen, but the order ships within Korea (KR), where "
        "amounts are in won. If it ships to Japan, set the destination country to JP; if not, "
        "enter the amount in won.",
    ),
    "zero_yen": (
        Code.OUT_OF_RANGE,
        "{label} '{value}': 일본 통관에는 구매자가 일본 쇼핑몰에서 실제로 결제한 금액(엔)이 "
        "필요해서 0엔은 받을 수 없습니다. 주문서의 결제 금액을 입력하세요 (사은품도 상품 "
        "가격을 적습니다).",
        "{label} '{value}': Japan customs needs what the buyer really paid on the Japanese "
        "marketplace, in yen, so 0 yen cannot be declared. Enter the paid amount from the "
        "order (for a free gift, the item's price).",
    ),
    "korean_product_url": (
        Code.KOREAN_PRODUCT_URL,
        "{label} '{value}': {host} 주소는 한국 쇼핑몰의 페이지입니다. 일본 통관에는 이 상품을 "
        "판매한 일본 쇼핑몰(큐텐, 라쿠텐, 아마존 재팬, 야후 쇼핑 등)의 상품 페이지 주소가 "
        "필요합니다. 확인하고 맞는 주소로 바꾸세요.",
        "{label} '{value}': {host} is a Korean marketplace. Japan customs needs the product "
        "page on the Japanese marketplace that sold it (Qoo10, Rakuten, Amazon.co.jp, Yahoo! "
        "Shopping, …): check it and enter that page's address.",
    ),
    "lost_character_sjis": (
        Code.LOST_CHARACTER,
        "{label} '{value}': '?'는 Shift_JIS(CP932) CSV에 담을 수 없는 글자(한글, 일부 한자, "
        "이모지 등)가 바뀐 것일 수 있습니다. 원래 글자를 확인하세요. 쇼핑몰에서 UTF-8로 "
        "내려받거나, 엑셀에서 파일 형식 'CSV UTF-8(쉼표로 분리)(*.csv)'로 저장하면 글자가 "
        "보존됩니다.",
        "{label} '{value}': the '?' may be a character lost when the file was saved as a "
        "Shift_JIS (CP932) CSV, which cannot hold Hangul, some kanji or emoji. Check the "
        "original. Download the file as UTF-8 from the marketplace, or in Excel use Save As "
        "with the type 'CSV UTF-8 (Comma delimited) (*.csv)', to keep every character.",
    ),
    "international_phone_too_long": (
        Code.TOO_LONG,
        "{label} '{value}': 국가번호를 붙인 국제 형식은 공백 없이 숫자, +, -로 15자 이내여야 "
        "합니다. {country} 주문이면 국가번호 없이 {domestic}처럼 쓰거나, 국제 형식으로 "
        "{international}처럼 붙여 쓰세요.",
        "{label} '{value}': a number with its country code may have at most 15 characters "
        "(digits, + and -, no spaces). For a {country} order write it without the country "
        "code, as {domestic}, or in international form as {international}.",
    ),
    "international_phone_bad_chars": (
        Code.BAD_CHARS,
        "{label} '{value}': 국가번호를 붙인 국제 형식은 공백 없이 숫자, +, -로 15자 이내여야 "
        "합니다. {country} 주문이면 국가번호 없이 {domestic}처럼 쓰거나, 국제 형식으로 "
        "{international}처럼 붙여 쓰세요.",
        "{label} '{value}': a number with its country code may have at most 15 characters "
        "(digits, + and -, no spaces). For a {country} order write it without the country "
        "code, as {domestic}, or in international form as {international}.",
    ),
}

"""What orderkit's exceptions say, in Korean and English.

Raise sites build an exception from a phrase key, so both languages are always there::

    raise error(InvalidArgument, "unknown_locale", locale=locale, locales="ko, en")

What a broken template is told lives in :mod:`orderkit.model.template_texts`.
"""

from __future__ import annotations

from typing import Final, TypeVar

from orderkit.model.errors import OrderkitError
from orderkit.model.wording import phrasebook

__all__ = ["ERRORS", "error"]

E = TypeVar("E", bound=OrderkitError)

ERRORS: Final = phrasebook("errors", {
    # arguments a caller passed
    "unknown_locale": (
        "{locale!q:은} 지원하지 않는 언어입니다. {locales} 중 하나를 쓰세요.",
        "unknown locale {locale!q}; use one of {locales}",
    ),
    "chunk_rows": (
        "chunk_rows는 1 이상이어야 합니다 (받은 값: {value}).",
        "chunk_rows must be at least 1, not {value}",
    ),
    "max_orders": (
        "max_orders는 1 이상이어야 합니다 (받은 값: {value}).",
        "max_orders must be at least 1, not {value}",
    ),
    "group_limits": (
        "group_size와 max_orders는 1 이상, small_limit은 0 이상이어야 합니다.",
        "group_size and max_orders must be at least 1 and small_limit at least 0",
    ),
    "csv_one_sheet": (
        "{file}은(는) CSV 파일이라 시트가 하나뿐인데 {sheet!q} 시트를 골랐습니다. "
        "--sheet 옵션 없이 읽고, 템플릿에 시트 지정이 있으면 지우세요.",
        "{file} is a CSV file, which has one sheet, but sheet {sheet!q} was chosen; "
        "read it without --sheet, and remove any sheet = line from the template",
    ),
    "openpyxl_xlsx_only": (
        "openpyxl 엔진은 .xlsx만 읽습니다. .xls 파일은 engine='calamine'으로 읽으세요.",
        "openpyxl reads .xlsx only; use engine='calamine' for .xls",
    ),
    "unknown_engine": (
        "{engine!q:은} 알 수 없는 엔진입니다. 'calamine' 또는 'openpyxl'을 쓰세요.",
        "unknown engine {engine!q}; use 'calamine' or 'openpyxl'",
    ),
    "report_needs_counts": (
        "보고서('Report')를 만들려면 'assembly'나 'counts'가 필요합니다.",
        "a report needs an assembly or its counts",
    ),
    "report_keeps_no_orders": (
        "이 보고서는 keep_orders=False로 만들어 주문을 담고 있지 않습니다. "
        "주문이 필요하면 keep_orders=True로 검증하세요.",
        "this report keeps no orders: it was made with keep_orders=False; "
        "validate with keep_orders=True to get them",
    ),
    "newer_store": (
        "{path}: 더 새 버전의 orderkit이 쓴 저장소입니다 (스키마 {version}). "
        "orderkit을 업데이트하세요.",
        "{path} was written by a newer orderkit (schema {version}); update orderkit",
    ),
    "naive_time": (
        "'at'에는 시간대가 있는 시각을 주세요 (예: datetime.now(UTC)).",
        "at must be timezone-aware (e.g. datetime.now(UTC))",
    ),
    "upload_needs": (
        "upload_file에는 파일, 템플릿(또는 판매처 계정), 저장소가 필요합니다.",
        "upload_file needs a file, a template (or an account) and a sink",
    ),
    "template_or_account": (
        "템플릿과 판매처 계정 중 하나만 주세요.",
        "give a template or an account, not both",
    ),
    "account_needs_store": (
        "판매처 계정으로 올리려면 계정을 보관하는 저장소(SqliteSink)가 필요합니다.",
        "uploading by account needs a store that keeps accounts",
    ),
    "template_needed": (
        "템플릿이나, 주문서 양식이 매칭된 판매처 계정을 주세요.",
        "give a template, or an account whose template is matched",
    ),
    "upload_one_store": (
        "upload_file에는 파일 하나와 저장소 하나를 주세요: upload_file(경로, 저장소, template=...)",
        "upload_file takes a file and one store: upload_file(path, store, template=...)",
    ),
    "upload_needs_store": (
        "upload_file에는 저장소가 필요합니다: upload_file(경로, 저장소, template=...)",
        "upload_file needs a store: upload_file(path, store, template=...)",
    ),
    "template_once": ("템플릿은 한 번만 주세요.", "give the template once"),
    "account_needs_names": (
        "판매처 계정에는 판매 플랫폼과 계정 이름이 필요합니다.",
        "an account needs a sales platform and an account name",
    ),
    "ambiguous_account": (
        "이름이 {name!q}인 판매처 계정이 여러 개입니다 ({listed}). "
        "--platform이나 --brand로 어느 계정인지 정하세요.",
        "several accounts are named {name!q} ({listed}); say which with --platform or --brand",
    ),
    # product catalogues given as a dict
    "catalogue_key": (
        "상품 연결 키 {key}: 상품 코드나 (상품 코드, 옵션) 쌍이어야 합니다.",
        "catalogue key {key} must be a product code or (code, option)",
    ),
    "catalogue_skus": (
        "상품 연결 {key}: SKU 목록이 필요합니다 (받은 값: {value}).",
        "catalogue entry {key}: expected SKUs, got {value}",
    ),
    "catalogue_sku_text": (
        "상품 연결 {key}: SKU {sku:은} 글자여야 합니다.",
        "catalogue entry {key}: SKU {sku} must be text",
    ),
    "catalogue_multiplier": (
        "상품 연결 {key}: 수량 배수 {multiplier:은} 1 이상의 정수여야 합니다.",
        "catalogue entry {key}: multiplier {multiplier} must be a whole number ≥ 1",
    ),
    "catalogue_no_sku": (
        "상품 연결 {key}에 연결된 SKU가 없습니다.",
        "catalogue entry {key} links no SKU",
    ),
    # product catalogue files: each message says what a catalogue is, for a file that is not
    "catalogue_no_rows": (
        "상품 연결 파일 {file}에 머리글 행만 있고 상품 행이 없습니다. 머리글 아래에 상품마다 "
        "한 행씩 상품코드, 옵션, 연결 SKU, 수량을 채워 저장한 뒤 다시 주세요. 연결할 상품이 "
        "없으면 상품 연결 파일 없이 검증하세요.",
        "catalogue {file} has a header row but no product rows: under the header, add one "
        "row per product (product_code, option, sku, multiplier), save it and give it "
        "again; to check without linked products, leave the catalogue out",
    ),
    "catalogue_not_a_table": (
        "{file} 파일은 상품 연결 파일이 아닙니다. 표가 아니라 이미지, 문서, 프로그램 같은 "
        "다른 종류의 파일입니다. 상품 연결 파일은 첫 행에 상품코드, 옵션, 연결 SKU, 수량 "
        "(또는 'product_code', 'option', 'sku', 'multiplier') 열 이름이 있고 그 아래에 "
        "상품마다 한 행이 있는 CSV 또는 .xlsx 파일입니다.",
        "{file} is not a product catalogue: it is not a table but another kind of file (an "
        "image, a document, a program); a catalogue is a CSV or .xlsx file whose first row "
        "names the columns product_code, option, sku and multiplier (or '상품코드', '옵션', "
        "'연결 SKU', '수량'), with one row per product under it",
    ),
    "catalogue_empty_file": (
        "상품 연결 파일 {file}이(가) 비어 있습니다. 상품 연결 파일은 첫 행에 상품코드, 옵션, "
        "연결 SKU, 수량 (또는 'product_code', 'option', 'sku', 'multiplier') 열 이름이 "
        "있고 그 아래에 상품마다 한 행이 있는 CSV 또는 .xlsx 파일입니다.",
        "catalogue {file} is empty; a catalogue is a CSV or .xlsx file whose first row names "
        "the columns product_code, option, sku and multiplier (or '상품코드', '옵션', "
        "'연결 SKU', '수량'), with one row per product under it",
    ),
    "mismatch": (
        "파일에 템플릿이 찾는 열이 {count}개 없습니다: {headers}. "
        "주문서 매칭(템플릿)을 다시 하세요.",
        "the file lacks {count} column(s) the template needs: {headers}; "
        "match the template again",
    ),
    "mismatch_drift": ("(바뀐 점: {drift})", "(what changed: {drift})"),
    "mismatch_duplicates": (
        "또한 머리글 행에 {headers} 열이 두 번 이상 있습니다. 어느 열을 읽을지 템플릿에 "
        "정하거나 다른 열의 이름을 바꾸세요.",
        "the header row also holds {headers} more than once (say which to read with "
        "occurrence or position in the template).",
    ),
    "mismatch_other_sheet": (
        "{number}번째 시트 {name!q}에는 템플릿의 열이 모두 있습니다: sheet={number} "
        "(명령줄에서는 --sheet {number})로 그 시트를 고르세요.",
        "sheet {number} ({name!q}) has every column of the template: choose it with "
        "sheet={number} (--sheet {number} on the command line).",
    ),
    "validation_summary": ("오류 {count}개", "{count} error(s)"),
    "stored_order_malformed": (
        "저장소에 있는 주문의 형식이 올바르지 않습니다. 저장소가 손상되었을 수 있습니다.",
        "stored order is malformed; the store may be damaged",
    ),
    # the command line's own checks of its options
    "template_option_required": (
        "--template 옵션이 필요합니다 (TOML 파일 경로나 내장 템플릿 이름).",
        "--template is required (a TOML path or a built-in name)",
    ),
    "template_or_account_option": (
        "--template과 --account 중 하나만 주세요.",
        "give --template or --account (one of them)",
    ),
    # CSV text encodings: Korean (CP949) and Japanese (CP932, Shift_JIS) Windows
    "csv_no_encoding": (
        "{file} {line}번째 줄: UTF-8, CP949(한국어 윈도우), CP932(일본어 윈도우, Shift_JIS) "
        "중 어느 것으로도 읽을 수 없는 바이트가 있습니다. 파일이 깨졌을 수 있으니 쇼핑몰에서 "
        "주문서를 다시 내려받으세요. 엑셀에서 열어 글자가 제대로 보이면 'CSV UTF-8'로 "
        "저장해 올려도 됩니다.",
        "{file}, line {line}: the bytes are neither UTF-8, CP949 (Korean Windows) nor CP932 "
        "(Japanese Windows, Shift_JIS) text; the file may be damaged: download the orders "
        "from the marketplace again. If Excel shows the text correctly, saving it as "
        "'CSV UTF-8' also works.",
    ),
    "csv_not_bom_encoding": (
        "{file} {line}번째 줄: 파일 앞머리(BOM)는 {bom} 파일이라고 하지만 {bom} 글자로 읽을 수 "
        "없습니다. 파일을 만든 프로그램에서 'CSV UTF-8'로 다시 저장해 올리세요.",
        "{file}, line {line}: the file starts with a {bom} byte-order mark but is not {bom} "
        "text; save it again as 'CSV UTF-8' in the program that made it",
    ),
    "csv_korean_or_japanese": (
        "{file}: 한국어 윈도우(CP949)로도, 일본어 윈도우(CP932, Shift_JIS)로도 읽히는 "
        "파일이라 어느 쪽인지 정할 수 없습니다. 처음 다른 셀({row}행 {column}열)이 "
        "CP949로는 {korean!q}, CP932로는 {japanese!q}입니다. 엑셀에서 글자가 제대로 보이게 "
        "연 뒤 'CSV UTF-8(쉼표로 분리)'로 저장해 올리세요.",
        "{file} reads both as Korean Windows text (CP949) and as Japanese Windows text "
        "(CP932, Shift_JIS), and its text does not tell which: the first cell that differs "
        "(row {row}, column {column}) reads {korean!q} as CP949 and {japanese!q} as CP932. "
        "Open it in Excel so that the text shows correctly and save it as "
        "'CSV UTF-8 (Comma delimited)'.",
    ),
    "suggest_nothing_mapped": (
        "{file}: 머리글({row}행)에서 주문 항목으로 보이는 열을 하나도 찾지 못해 초안을 만들 수 "
        "없습니다. 머리글 행과 시트(--sheet)가 맞는지 확인하고, 맞다면 템플릿의 '[fields]'를 "
        "직접 채우세요 (설명서의 템플릿 안내 참고).",
        "{file}: no column of the header (row {row}) looks like an order field, so there is "
        "no draft; check that the header row and the sheet (--sheet) are right, and if they "
        "are, write the template's [fields] by hand (see the templates guide in the docs)",
    ),
    # choosing a sheet: numbers count from 1, as a person counts the workbook's tabs
    "no_sheet_number": (
        "{file} 파일에 {number}번째 시트가 없습니다. 시트 목록: {sheets}",
        "{file} has no sheet {number}; its sheets are {sheets}",
    ),
    "no_sheet_named": (
        "{file} 파일에 {sheet!q} 시트가 없습니다. 시트 목록: {sheets}",
        "{file} has no sheet named {sheet!q}; its sheets are {sheets}",
    ),
})  # fmt: skip


def error(cls: type[E], key: str, /, **values: object) -> E:
    """An exception of type ``cls`` saying the ``key`` phrase in both languages."""
    ko, en = ERRORS.both(key, **values)
    return cls(en, ko=ko)

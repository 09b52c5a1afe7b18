"""What orderkit's exceptions say, in Korean and English.

Raise sites build an exception from a phrase key, so both languages are always there::

    raise error(InvalidArgument, "unknown_locale", locale=locale, locales="ko, en")

Template-loading details are collected one per problem with :func:`detail`; they are
English strings (so code that joins them keeps working) that also carry their Korean text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from typing import Final, TypeVar

from orderkit.errors import OrderkitError, TemplateError
from orderkit.wording import phrasebook

__all__ = [
    "ERRORS",
    "TEMPLATE_DETAILS",
    "Detail",
    "bad_toml",
    "detail",
    "error",
    "malformed_template",
]

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
        "CSV 파일에는 시트가 하나뿐입니다 (받은 'sheet' 값: {sheet!q}).",
        "a CSV file has one sheet; got sheet={sheet!q}",
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
    # templates
    "template_source": (
        "템플릿은 이름, 파일 경로, TOML 글, dict 중 하나여야 합니다 (받은 값: {source}).",
        "a template is a name, a path, TOML text or a dict, not {source}",
    ),
    "template_not_utf8": (
        "템플릿 {name:은} UTF-8 글이 아닙니다. UTF-8로 저장하세요.",
        "template {name} is not UTF-8 text; save it as UTF-8",
    ),
    "bad_toml": (
        "{where}: TOML 형식이 아닙니다 ({line}번째 줄, {column}번째 글자). "
        "따옴표, 괄호, = 앞뒤를 확인하세요.",
        "{where} is not valid TOML (line {line}, column {column}); "
        "check the quotes, brackets and both sides of =",
    ),
    "inline_template": ("템플릿", "template"),
    "bad_toml_end": (
        "{where}: TOML 형식이 아닙니다. 글이 끝날 때까지 닫히지 않은 따옴표나 괄호가 있습니다.",
        "{where} is not valid TOML: a quote or bracket is still open at the end",
    ),
    "more_details": ("… 외 {count}개", "… ({count} more)"),
    "template_malformed": (
        "템플릿 형식이 올바르지 않습니다:\n{details}",
        "template is not well formed:\n{details}",
    ),
    # mismatches (TemplateMismatch)
    "mismatch": (
        "파일에 템플릿이 찾는 열이 {count}개 없습니다: {headers}. "
        "주문서 매칭(템플릿)을 다시 하세요.",
        "the file lacks {count} column(s) the template needs: {headers}; "
        "match the template again",
    ),
    "mismatch_drift": ("(바뀐 점: {drift})", "(what changed: {drift})"),
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
})  # fmt: skip


def error(cls: type[E], key: str, /, **values: object) -> E:
    """An exception of type ``cls`` saying the ``key`` phrase in both languages."""
    ko, en = ERRORS.both(key, **values)
    return cls(en, ko=ko)


class Detail(str):
    """An English detail line that also carries its Korean text as ``.ko``."""

    __slots__ = ("ko",)
    ko: str

    def __new__(cls, en: str, ko: str) -> Detail:
        made = super().__new__(cls, en)
        made.ko = ko
        return made


def bad_toml(where: str, exc: tomllib.TOMLDecodeError) -> TemplateError:
    """A :class:`TemplateError` for text that is not TOML, saying where it broke."""
    # tomllib words its errors in English only; keep just the position, which reads in both.
    found = re.search(r"line (\d+), column (\d+)", str(exc))
    key, position = "bad_toml_end", {}  # "at end of document": something was left open
    if found is not None:
        key, position = "bad_toml", {"line": found[1], "column": found[2]}
    # Template text given inline has no file name: it is called "the template".
    names = {locale: ERRORS("inline_template", locale) for locale in ("ko", "en")}
    ko, en = (ERRORS(key, locale, where=names[locale] if where == "template" else where,
                     **position) for locale in ("ko", "en"))  # fmt: skip
    return TemplateError(en, ko=ko)


def malformed_template(details: Iterable[str], *, limit: int | None = None) -> TemplateError:
    """A :class:`TemplateError` listing the details, each in its own language.

    Args:
        details: what is wrong, one line each (:func:`detail` gives both languages).
        limit: list at most this many, then say how many more there are.
    """
    lines = list(details)
    more = len(lines) - limit if limit is not None and len(lines) > limit else 0
    if more:
        lines = lines[:limit]
    en_lines = [f"- {line}" for line in lines]
    ko_lines = [f"- {line.ko if isinstance(line, Detail) else line}" for line in lines]
    if more:
        en_lines.append(f"- {ERRORS('more_details', 'en', count=f'{more:,}')}")
        ko_lines.append(f"- {ERRORS('more_details', 'ko', count=f'{more:,}')}")
    en, ko = "\n".join(en_lines), "\n".join(ko_lines)
    return TemplateError(
        ERRORS("template_malformed", "en", details=en),
        ko=ERRORS("template_malformed", "ko", details=ko),
    )


TEMPLATE_DETAILS: Final = phrasebook("template_details", {
    "unknown_key": ("알 수 없는 키 {key!q}", "unknown key {key!q}"),
    "fields_table": (
        "'fields'는 표준 항목을 열에 잇는 표여야 합니다",
        "'fields' must be a table mapping canonical fields to columns",
    ),
    "not_a_field": (
        "fields.{field}: 표준 항목이 아닙니다 ({fields} 중 하나)",
        "fields.{field}: not a canonical field (one of {fields})",
    ),
    "header_row": (
        "header_row: 1부터 세는 행 번호여야 합니다 (받은 값: {value})",
        "header_row: must be a row number from 1, not {value}",
    ),
    "sheet": (
        "'sheet': 시트 이름이나 1부터 세는 시트 번호여야 합니다 (받은 값: {value})",
        "sheet: must be a sheet name or a sheet number from 1, not {value}",
    ),
    "text": ("{where!q}: 글자여야 합니다 (받은 값: {value})", "{where}: must be text, not {value}"),
    "headers": (
        "{where}: 헤더 하나나 비어 있지 않은 헤더 목록이어야 합니다 (받은 값: {value})",
        "{where}: must be a header or a non-empty list of headers, not {value}",
    ),
    "unknown_keys": ("{where}: 알 수 없는 키 {keys}", "{where}: unknown key(s) {keys}"),
    "constant": (
        '{where}: 상수는 `{{ value = "글자" }}` 형식이고 다른 키는 없어야 합니다',
        '{where}: a constant is `{{ value = "text" }}` and nothing else',
    ),
    "columns_join": (
        "{where}: 'columns'에는 'join'만 함께 쓸 수 있습니다",
        "{where}: 'columns' goes with 'join' only",
    ),
    "needs_column": (
        "{where}: 'column', 'columns', 'value' 중 하나가 필요합니다",
        "{where}: needs 'column', 'columns' or 'value'",
    ),
    "join_with_columns": (
        "{where}: 'join'은 'column'이 아니라 'columns'와 함께 씁니다",
        "{where}: 'join' goes with 'columns', not 'column'",
    ),
    "map": (
        "{where}: 글자를 글자로 잇는 표여야 합니다 (받은 값: {value})",
        "{where}: must map text to text, not {value}",
    ),
    "not_a_regex": (
        "{where}: 정규 표현식이 아닙니다. {position}번째 글자 근처의 괄호와 특수 문자를 확인하세요",
        "{where}: not a regular expression; check the brackets and special characters near "
        "character {position}",
    ),
    "named_group": (
        "{where}: 남길 부분을 이름 붙은 그룹 (?P<value>...)으로 감싸야 합니다",
        "{where}: needs a named group (?P<value>...) for the part to keep",
    ),
})  # fmt: skip


def detail(key: str, /, **values: object) -> Detail:
    """One template problem, in English with its Korean text attached."""
    ko, en = TEMPLATE_DETAILS.both(key, **values)
    return Detail(en, ko)

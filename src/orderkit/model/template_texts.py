"""What a broken template is told, in Korean and English.

Loading details are collected one per problem with :func:`detail`: each is an English string
(so code that collects and joins strings keeps working) that also carries its Korean text;
:func:`malformed_template` lists them in both languages.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from typing import Final

from orderkit.model.errors import TemplateError
from orderkit.model.wording import phrasebook

__all__ = [
    "TEMPLATE_DETAILS",
    "TEMPLATE_ERRORS",
    "Detail",
    "bad_toml",
    "detail",
    "malformed_template",
    "template_error",
]

TEMPLATE_ERRORS: Final = phrasebook("template_errors", {
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
})  # fmt: skip


def template_error(key: str, /, **values: object) -> TemplateError:
    """A :class:`TemplateError` saying the ``key`` phrase in both languages."""
    ko, en = TEMPLATE_ERRORS.both(key, **values)
    return TemplateError(en, ko=ko)


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
    names = {locale: TEMPLATE_ERRORS("inline_template", locale) for locale in ("ko", "en")}
    ko, en = (TEMPLATE_ERRORS(key, locale, where=names[locale] if where == "template" else where,
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
        en_lines.append(f"- {TEMPLATE_ERRORS('more_details', 'en', count=f'{more:,}')}")
        ko_lines.append(f"- {TEMPLATE_ERRORS('more_details', 'ko', count=f'{more:,}')}")
    en, ko = "\n".join(en_lines), "\n".join(ko_lines)
    return TemplateError(
        TEMPLATE_ERRORS("template_malformed", "en", details=en),
        ko=TEMPLATE_ERRORS("template_malformed", "ko", details=ko),
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
    "fields_empty": (
        "템플릿이 잇는 항목이 하나도 없습니다: '[fields]' 표가 비어 있습니다. "
        "'order_number = \"주문번호\"'처럼 표준 항목마다 파일의 머리글을 적으세요",
        "the template maps no fields: its [fields] table is empty; name a column for each "
        "canonical field, as in 'order_number = \"Order ID\"'",
    ),
})  # fmt: skip


def detail(key: str, /, **values: object) -> Detail:
    """One template problem, in English with its Korean text attached."""
    ko, en = TEMPLATE_DETAILS.both(key, **values)
    return Detail(en, ko)

"""Every message in both languages, with no text of the other language in either."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import orderkit
from orderkit.model import errors
from orderkit.model.fields import FIELDS, label
from orderkit.model.messages import CATALOGUE, render
from orderkit.model.particles import has_both_forms
from orderkit.model.wording import BOOKS, LOCALES, phrasebook
from tests.languages import english_in_korean, korean_in_english, other_language

SOURCE = Path(orderkit.__file__).resolve().parent
# Modules that import an optional extra at the top; their phrases are checked where it is
# installed.
OPTIONAL = ("psycopg", "pyspark", "dask")


def _import_every_module() -> None:
    for module in pkgutil.walk_packages(orderkit.__path__, "orderkit."):
        if module.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(module.name)
        except ModuleNotFoundError as missing:
            if not (missing.name or "").startswith(OPTIONAL):
                raise


_import_every_module()
PHRASES = sorted((book, key) for book in BOOKS for key in BOOKS[book])


def test_the_books_hold_every_kind_of_message() -> None:
    assert {
        "problems",
        "codes",
        "errors",
        "template_errors",
        "template_details",
        "os_errors",
    } <= set(BOOKS)


@pytest.mark.parametrize(("book", "key"), PHRASES)
@pytest.mark.parametrize("locale", LOCALES)
def test_every_phrase_renders_in_its_own_language(book: str, key: str, locale: str) -> None:
    phrase = BOOKS[book][key]
    # Numbers are the same in both languages, so a representative value hides nothing.
    values = dict.fromkeys(phrase.placeholders(locale), 7)
    # argparse's phrases keep its own %-style placeholders: fill those with a number too.
    text = re.sub(r"%(\(\w+\))?[srd]", "7", BOOKS[book](key, locale, **values))
    assert text.strip()
    assert other_language(text, locale) == [], text
    words = re.sub(r"\{[^}]*\}", "", phrase.template(locale))
    if locale == "ko" and re.search(r"[A-Za-z\uac00-\ud7a3]", words):
        assert korean_in_english(text), f"{book}.{key} has no Korean: {text}"


# Values as users give them: a Latin code, a Hangul word, a file path. They are the user's,
# so they are taken out before looking for the other language; what is left is orderkit's.
SAMPLE_VALUES = ["JP", "서울", "주문/2026-11.xlsx", "URL"]


@pytest.mark.parametrize(("book", "key"), PHRASES)
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("value", SAMPLE_VALUES)
def test_every_phrase_with_values_as_users_give_them(
    book: str, key: str, locale: str, value: str
) -> None:
    phrase = BOOKS[book][key]
    try:
        text = BOOKS[book](key, locale, **dict.fromkeys(phrase.placeholders(locale), value))
    except ValueError:  # a numeric format ({count:,}) takes numbers only
        pytest.skip("this phrase formats numbers")
    text = re.sub(r"%(\(\w+\))?[srd]", value, text)  # argparse fills these itself
    if locale == "ko":  # every value here is readable, so every particle is chosen
        assert not has_both_forms(text.replace(value, "")), text
    assert other_language(text.replace(value, "7"), locale) == [], text


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
@pytest.mark.parametrize("field", ["phone", "product_url", "sku", "order_number"])
@pytest.mark.parametrize("locale", LOCALES)
def test_every_problem_message_with_its_label(message_id: str, field: str, locale: str) -> None:
    names = CATALOGUE[message_id].placeholders(locale) - {"label"}
    text = render(message_id, locale, field, dict.fromkeys(names, "0101"))
    assert other_language(text, locale) == [], text


@pytest.mark.parametrize("field", [*FIELDS, "lines", "order"])
def test_every_field_label_is_in_both_languages(field: str) -> None:
    assert english_in_korean(label(field, "ko")) == []
    assert korean_in_english(label(field, "en")) == []


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("cannot open orders.xlsx: No such file or directory", "ko"),
        ("orders.xlsx 파일을 열 수 없습니다: No such file or directory", "ko"),
        ("업로드 2 (small): 그룹 1개 중 1개 등록", "ko"),
        ("upload 2: 그룹 1개", "en"),
    ],
)
def test_the_check_finds_the_other_language(text: str, locale: str) -> None:
    assert other_language(text, locale)


@pytest.mark.parametrize(
    "text",
    [
        "'JP'를 'JP'로 고치세요 (ISO 3166-1 대문자 두 글자).",
        "orderkit template match로 매칭하세요: --platform, keep_orders=True, .xlsx, SKU, URL",
        "engine='calamine'으로 읽으세요; 엑셀 파일(xlsx)",
        '템플릿에 sheet = 2 줄을 넣고, platform = "네이버"를 적으세요',
        "Asia/Seoul이나 UTC처럼 쓰세요. 중단했습니다 (Ctrl-C). v3  열 7개",
        "다르면 country를 고치세요 (recipient_name, sku, option)",
    ],
)
def test_identifiers_are_not_english(text: str) -> None:
    assert english_in_korean(text) == []


def test_a_phrase_added_in_english_only_fails_the_check() -> None:
    book = phrasebook("english-only", {"oops": ("upload refused: {n}", "upload refused: {n}")})
    try:
        assert english_in_korean(book("oops", "ko", n=1)) == ["upload", "refused"]
    finally:
        del BOOKS["english-only"]


# Exceptions: a raise that writes its own text must give the Korean too. The checker reads
# the source, so a new English-only exception fails here before any user sees it.
_ERROR_NAMES = frozenset(errors.__all__)


def english_only_raises(tree: ast.AST) -> list[int]:
    """Line numbers of orderkit exceptions made from a literal text without ``ko=``."""
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        literal = any(
            isinstance(arg, ast.JoinedStr | ast.BinOp)
            or (isinstance(arg, ast.Constant) and isinstance(arg.value, str))
            for arg in node.args
        )
        has_korean = any(keyword.arg == "ko" for keyword in node.keywords)
        if name in _ERROR_NAMES and literal and not has_korean:
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", sorted(SOURCE.rglob("*.py")), ids=lambda p: p.name)
def test_no_exception_speaks_english_only(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert english_only_raises(tree) == [], f"{path.name}: use error_texts.error(...)"


def test_the_raise_check_finds_an_english_only_exception() -> None:
    tree = ast.parse(
        "raise InvalidArgument(f'bad {x}')\n"
        "raise errors.StoreError('locked')\n"
        "raise InvalidArgument('bad', ko='나쁨')\n"
        "raise error(InvalidArgument, 'chunk_rows', value=1)\n"
        "raise ValidationError(problems, 'stored order is malformed')\n"
    )
    assert english_only_raises(tree) == [1, 2, 5]


def test_every_built_in_template_is_described_in_both_languages() -> None:
    from orderkit.templates.builtin_texts import BUILTIN_DESCRIPTIONS
    from orderkit.templates.builtins import builtin_names

    assert set(builtin_names()) <= set(BUILTIN_DESCRIPTIONS)


@pytest.mark.parametrize("locale", LOCALES)
def test_template_list_speaks_one_language(locale: str) -> None:
    import subprocess
    import sys

    listing = subprocess.run(
        [sys.executable, "-m", "orderkit", "template", "list", "--locale", locale],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    lines = listing.splitlines()
    assert len(lines) >= 4
    for line in lines:
        _, description = line.split(maxsplit=1)
        assert other_language(description, locale) == [], line


# A particle typed after a placeholder is right for some values and wrong for others: the
# placeholder chooses it instead ({value:을}, or both forms written out).
_FIXED_PARTICLE = re.compile(r"\}['\"]?(을|를|이|가|은|는|과|와|으로|로)(?=[\s.,:;!?]|$)")


@pytest.mark.parametrize(("book", "key"), PHRASES)
def test_no_particle_is_typed_after_a_value(book: str, key: str) -> None:
    assert _FIXED_PARTICLE.findall(BOOKS[book][key].ko) == []


def test_the_particle_check_finds_a_typed_particle() -> None:
    assert _FIXED_PARTICLE.findall("'{suggestion}'을 뜻했다면 {value}로 고치세요.") == ["을", "로"]
    assert _FIXED_PARTICLE.findall("{value:을} 범위({min}~{max})를 {count}개") == []


BROKEN_TEMPLATES = [
    "fields = [",
    "name = 'x'\nfields = { phone = 'a' } x",
    {"colour": "blue", "fields": {"phone": "전화"}},
    {"fields": {}},
    {"fields": {"recipient": "받는분"}},
    {"fields": {"phone": {"column": "전화", "join": "-"}}},
    {"fields": {"phone": {"columns": ["a"], "map": {}}}},
    {"fields": {"sku": {"value": 3}}},
    {"fields": {"sku": {"default": "x"}}},
    {"fields": {"sku": {"column": "A", "pattern": "(\\d+"}}},
    {"fields": {"sku": {"column": "A", "pattern": "\\d+"}}},
    {"fields": {"sku": {"column": "A", "map": {"a": 1}, "default": 2}}},
    {"fields": {"sku": {"columns": ["A"], "join": 1}}},
    {"fields": {"sku": ""}, "header_row": 0, "sheet": -1, "name": 5},
    7,
]


@pytest.mark.parametrize("source", BROKEN_TEMPLATES, ids=repr)
def test_template_errors_speak_one_language(source: object) -> None:
    with pytest.raises(orderkit.TemplateError) as caught:
        orderkit.load_template(source)  # type: ignore[arg-type]
    from orderkit.templates.template import MAPPABLE_FIELDS

    # Field names listed as words are identifiers; in dotted paths they are code already.
    names = "|".join(sorted(MAPPABLE_FIELDS, key=len, reverse=True))
    korean = re.sub(rf"(?<![\w.])(?:{names})(?![\w.])", "", caught.value.localized("ko"))
    assert english_in_korean(korean) == [], caught.value.localized("ko")
    assert korean_in_english(str(caught.value).replace("전화", "").replace("받는분", "")) == []


class _Seven(dict[str, object]):
    def __missing__(self, key: str) -> object:
        return 7


def _bilingual_tables() -> list[tuple[str, str, str, str]]:
    """Every module-level ``{key: (korean, english)}`` table, phrasebook or not."""
    import sys

    found = []
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("orderkit") or module is None:
            continue
        for attribute, table in sorted(vars(module).items()):
            if not isinstance(table, dict) or not table or attribute == "BOOKS":
                continue
            pairs = list(table.items())
            if not all(
                isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(t, str) for t in pair)
                for _, pair in pairs
            ):
                continue
            # A (Korean, English) table: mostly Hangul first and mostly none second. The
            # blank sheet's Korean-only guide and the particle pairs are not such tables.
            korean_first = sum(bool(korean_in_english(ko)) for _, (ko, _) in pairs)
            english_second = sum(not korean_in_english(en) for _, (_, en) in pairs)
            if min(korean_first, english_second) * 2 <= len(pairs):
                continue
            found += [(f"{name}.{attribute}", str(key), ko, en) for key, (ko, en) in pairs]
    return found


TABLES = _bilingual_tables()


def test_bilingual_tables_are_found() -> None:
    tables = {where for where, *_ in TABLES}
    assert "orderkit.model.fields._LABELS" in tables
    assert len(tables) >= 2  # the command line's words too, wherever they live
    assert "orderkit.templates.blank._GUIDE" not in tables


@pytest.mark.parametrize(("where", "key", "ko", "en"), TABLES, ids=lambda v: str(v)[:40])
def test_every_bilingual_table_speaks_each_language(where: str, key: str, ko: str, en: str) -> None:
    from orderkit.model.wording import fill

    assert english_in_korean(fill(ko, _Seven())) == [], f"{where}[{key}]"
    assert korean_in_english(fill(en, _Seven())) == [], f"{where}[{key}]"


@pytest.mark.parametrize(("where", "key", "ko", "en"), TABLES, ids=lambda v: str(v)[:40])
def test_no_particle_is_typed_after_a_value_in_any_table(
    where: str, key: str, ko: str, en: str
) -> None:
    assert _FIXED_PARTICLE.findall(ko) == [], f"{where}[{key}]: {ko}"

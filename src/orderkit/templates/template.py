"""Seller templates: a declarative map from a seller's sheet layout to canonical fields.

A template is data (TOML or a dict), loaded strictly: an unknown key or a malformed field
spec is a :class:`TemplateError` naming it. Field specs take five forms::

    order_number = "상품주문번호"                                  # one column
    phone        = ["수취인연락처1", "수취인연락처2"]                # first non-empty
    country      = { column = "국가", map = { "일본" = "JP" }, default = "KR" }
    postal_code  = { column = "우편번호", pattern = "〒?(?P<value>.+)" }
    address      = { columns = ["기본배송지", "상세배송지"], join = " " }
    platform     = { value = "네이버" }                               # a constant
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
import regex

from orderkit.files.special import check_regular_file
from orderkit.model.columns import column_letters, column_number
from orderkit.model.errors import NotARegularFile, TemplateError
from orderkit.model.fields import FIELDS
from orderkit.model.oserrors import os_error
from orderkit.model.template_texts import (
    Detail,
    bad_toml,
    detail,
    malformed_template,
    template_error,
)
from orderkit.rules.patterns import PatternBudget, check_pattern, compile_pattern, run_pattern
from orderkit.templates.tomlguard import MAX_TEMPLATE_CHARS, check_toml_bounds
from orderkit.templates.tomlwriter import dumps as toml_dumps

__all__ = [
    "MAPPABLE_FIELDS",
    "Column",
    "Constant",
    "FieldSpec",
    "Joined",
    "Template",
    "load_template",
    "template_from_dict",
]

# `option` is not an order field: it only picks the warehouse SKU out of a product catalogue.
MAPPABLE_FIELDS: Final = (*FIELDS, "option")


@attrs.frozen
class Column:
    """One column, or several of which the first non-empty one counts.

    Where the header row holds a header more than once, ``occurrence`` (1-based, counted
    from the left) or ``position`` (the 1-based column number, ``"E"`` in TOML) says which
    one to read; without them a repeated header is a ``duplicate_column`` error.
    """

    headers: tuple[str, ...]
    default: str | None = None
    map: Mapping[str, str] | None = None
    pattern: str | None = None
    occurrence: int | None = attrs.field(default=None, kw_only=True)
    position: int | None = attrs.field(default=None, kw_only=True)
    _regex: regex.Pattern[str] | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        compiled = None
        if self.pattern is not None:
            errors: list[str] = []
            check_pattern("pattern", self.pattern, errors)
            if errors:
                raise TemplateError(
                    "template is not well formed:\n" + "\n".join(f"- {e}" for e in errors),
                    ko="템플릿 형식이 올바르지 않습니다:\n" + "\n".join(f"- {e}" for e in errors),
                )
            compiled = compile_pattern(self.pattern)
        object.__setattr__(self, "_regex", compiled)

    def transform(self, text: str) -> str:
        """The pattern and the map applied to a non-empty cell's text."""
        return self.transform_all([text], field="?", rows=())[0]

    def transform_all(
        self,
        texts: Sequence[str],
        *,
        field: str,
        rows: Sequence[int],
        budget: PatternBudget | None = None,
    ) -> list[str]:
        """The pattern and the map applied to each non-empty text, in time bounds
        (``budget``: the time left for all the patterns of the file).

        Raises:
            TemplateError: the pattern takes too long on a cell (named by ``rows``).
        """
        out = list(texts)
        if self._regex is not None:
            matches = run_pattern(self._regex, texts, field=field, rows=rows, budget=budget)
            for position, match in enumerate(matches):
                if match is not None and match.group("value") is not None:
                    out[position] = match.group("value").strip()
        if self.map is not None:
            out = [self.map.get(t, t) if t else t for t in out]
        return out


@attrs.frozen
class Joined:
    """Several columns joined into one value (empty cells left out)."""

    headers: tuple[str, ...]
    join: str = " "

    def value(self, cells: tuple[str, ...]) -> str:
        """The value for a row, given this spec's cells in ``headers`` order."""
        return self.join.join(cell for cell in cells if cell)


@attrs.frozen
class Constant:
    """The same value for every row."""

    constant: str
    headers: tuple[str, ...] = ()


FieldSpec = Column | Joined | Constant


@attrs.frozen
class Template:
    """How one seller layout maps to canonical fields.

    ``header_row`` is 1-based; ``None`` finds the header among the first rows by its
    column names. ``sheet`` is a sheet name or a 1-based sheet number. ``confidence``
    (from :func:`orderkit.suggest_template`) says how sure a draft mapping is, per field.
    """

    fields: Mapping[str, FieldSpec]
    name: str | None = None
    platform: str | None = None
    brand: str | None = None
    header_row: int | None = None
    sheet: str | int | None = None
    confidence: Mapping[str, float] = attrs.field(factory=dict, eq=False)
    notes: tuple[str, ...] = attrs.field(default=(), eq=False)
    """What a suggested draft wants a person to check; ``to_toml()`` writes them as comments."""

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header the template reads, in field order, once each."""
        seen: dict[str, None] = {}
        for spec in self.fields.values():
            seen.update(dict.fromkeys(spec.headers))
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        """The template as plain data that :func:`load_template` reads back."""
        data: dict[str, Any] = {}
        for key in ("name", "platform", "brand", "header_row", "sheet"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        data["fields"] = {field: _spec_to_data(spec) for field, spec in self.fields.items()}
        return data

    def to_toml(self) -> str:
        """The template as TOML text that :func:`load_template` reads back unchanged."""
        comments = {field: f"confidence {score:.2f}" for field, score in self.confidence.items()}
        return toml_dumps(self.to_dict(), comments={"fields": comments}, preamble=self.notes)


def _spec_to_data(spec: FieldSpec) -> Any:
    if isinstance(spec, Constant):
        return {"value": spec.constant}
    if isinstance(spec, Joined):
        return {"columns": list(spec.headers), "join": spec.join}
    column: Any = spec.headers[0] if len(spec.headers) == 1 else list(spec.headers)
    given = {"default": spec.default, "map": spec.map, "pattern": spec.pattern}
    options: dict[str, Any] = {
        k: (dict(v) if isinstance(v, Mapping) else v) for k, v in given.items() if v
    }
    if spec.occurrence is not None:
        options["occurrence"] = spec.occurrence
    if spec.position is not None:
        options["position"] = column_letters(spec.position)
    if not options:
        return column
    return {"column": column, **options}


# loading --------------------------------------------------------------------------------------

_TOP_KEYS: Final = frozenset({"name", "platform", "brand", "header_row", "sheet", "fields"})
# A template with thousands of mistakes is not a template: name the first ones.
_LISTED_ERRORS: Final = 20
_SPEC_KEYS: Final = frozenset(
    {"column", "columns", "join", "default", "map", "pattern", "value", "occurrence", "position"}
)


def load_template(source: Template | Mapping[str, Any] | str | Path) -> Template:
    """A template from a built-in name, a TOML path, TOML text or a dict.

    Raises:
        TemplateError: naming every unknown key and malformed field spec.
    """
    if isinstance(source, Template):
        return source
    if isinstance(source, Mapping):
        return template_from_dict(source)
    if isinstance(source, Path):
        return _from_path(source)
    if not isinstance(source, str):
        raise template_error("template_source", source=repr(source))
    from orderkit.templates.builtins import builtin_names, builtin_template

    if source in builtin_names():
        return builtin_template(source)
    if "\n" not in source and _is_file(source):
        return _from_path(Path(source))
    if "\n" in source or "=" in source:
        return _from_text(source, "template")
    names = ", ".join(builtin_names())
    shown = repr(source if len(source) <= 80 else source[:80] + "…")
    raise TemplateError(
        f"no built-in template named {shown} and no such file (built-ins: {names})",
        ko=f"{shown}: 내장 템플릿 이름도, 있는 파일도 아닙니다 (내장 템플릿: {names})",
    )


def _is_file(name: str) -> bool:
    try:
        path = Path(name)
        if path.exists() and not path.is_file():
            _check_regular(path)  # a pipe or a folder named as a template: say so
        return path.is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL, is no file
        return False


def _check_regular(path: Path) -> None:
    try:
        check_regular_file(path)
    except NotARegularFile as exc:
        raise TemplateError(str(exc), ko=exc.ko) from None


def _from_path(path: Path) -> Template:
    _check_regular(path)
    try:
        with path.open("rb") as handle:
            # UTF-8 takes at most 4 bytes a character: more bytes than that is too long.
            data = handle.read(4 * MAX_TEMPLATE_CHARS + 1)
    except OSError as exc:
        raise os_error(TemplateError, exc, path, action="read") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Say what was expected, never what the bytes were: the path may lead anywhere.
        raise TemplateError(
            f"{path.name} is not a template: a template is a TOML file in UTF-8 text, and "
            "this file is not UTF-8 text",
            ko=f"{path.name} 파일은 템플릿이 아닙니다. 템플릿은 UTF-8 텍스트의 TOML 파일인데 "
            "이 파일은 UTF-8 텍스트가 아닙니다.",
        ) from None
    return _from_text(text, path.name)


def _from_text(text: str, where: str) -> Template:
    check_toml_bounds(text, where)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise bad_toml(where, exc) from None
    if "fields" not in data:
        # TOML, but not a template (a config file, say): name what is expected, not its keys.
        raise TemplateError(
            f"{where} is not a template: a template is TOML with a [fields] table mapping "
            "canonical fields to columns, and this has none",
            ko=f"{where}: 템플릿이 아닙니다. 템플릿에는 항목과 열을 잇는 [fields] 표가 있어야 "
            "하는데 없습니다.",
        )
    return template_from_dict(data)


def template_from_dict(data: Mapping[str, Any]) -> Template:
    """Structure a template dict strictly, collecting every error before raising."""
    errors: list[str] = []
    unknown = sorted(str(k) for k in data if k not in _TOP_KEYS)
    errors.extend(detail("unknown_key", key=key) for key in unknown)
    fields_data = data.get("fields")
    fields: dict[str, FieldSpec] = {}
    if not isinstance(fields_data, Mapping):
        errors.append(detail("fields_table"))
        fields_data = {}
    elif not fields_data:
        errors.append(detail("fields_empty"))
    for field, raw in fields_data.items():
        if field not in MAPPABLE_FIELDS:
            errors.append(detail("not_a_field", field=field, fields=", ".join(MAPPABLE_FIELDS)))
            continue
        spec = _spec(f"fields.{field}", raw, errors)
        if spec is not None:
            fields[field] = spec
    header_row = data.get("header_row")
    if header_row is not None and (type(header_row) is not int or header_row < 1):
        errors.append(detail("header_row", value=repr(header_row)))
    sheet = data.get("sheet")
    if sheet is not None and not (
        (isinstance(sheet, str) and sheet) or (type(sheet) is int and sheet >= 1)
    ):
        errors.append(detail("sheet", value=repr(sheet)))
    for key in ("name", "platform", "brand"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            errors.append(detail("text", where=key, value=repr(value)))
    if errors:
        raise malformed_template(errors, limit=_LISTED_ERRORS)
    return Template(
        fields=fields,
        name=data.get("name"),
        platform=data.get("platform"),
        brand=data.get("brand"),
        header_row=header_row,
        sheet=sheet,
    )


def _headers(where: str, raw: object, errors: list[str]) -> tuple[str, ...] | None:
    if isinstance(raw, str) and raw.strip():
        return (raw.strip(),)
    if isinstance(raw, list) and raw and all(isinstance(h, str) and h.strip() for h in raw):
        return tuple(h.strip() for h in raw)
    errors.append(detail("headers", where=where, value=repr(raw)))
    return None


def _spec(where: str, raw: object, errors: list[str]) -> FieldSpec | None:
    before = len(errors)
    if not isinstance(raw, Mapping):
        headers = _headers(where, raw, errors)
        return Column(headers) if headers else None
    unknown = sorted(str(k) for k in raw if k not in _SPEC_KEYS)
    if unknown:
        errors.append(detail("unknown_keys", where=where, keys=", ".join(map(repr, unknown))))
        return None
    keys = set(raw)
    if "value" in keys:
        if keys != {"value"} or not isinstance(raw["value"], str):
            errors.append(detail("constant", where=where))
            return None
        return Constant(raw["value"])
    if "columns" in keys:
        if keys - {"columns", "join"}:
            errors.append(detail("columns_join", where=where))
            return None
        headers = _headers(f"{where}.columns", raw["columns"], errors)
        join = raw.get("join", " ")
        if not isinstance(join, str):
            errors.append(detail("text", where=f"{where}.join", value=repr(join)))
            return None
        return Joined(headers, join) if headers else None
    if "column" not in keys:
        errors.append(detail("needs_column", where=where))
        return None
    if "join" in keys:
        errors.append(detail("join_with_columns", where=where))
        return None
    if keys & {"occurrence", "position"} and "column" not in keys:
        errors.append(
            Detail(
                f"{where}: 'occurrence' and 'position' go with 'column'",
                f"{where}: 'occurrence'와 'position'은 'column'과 함께 씁니다",
            )
        )
        return None
    headers = _headers(f"{where}.column", raw["column"], errors)
    occurrence, position = _which_column(where, raw, headers, errors)
    default = raw.get("default")
    if default is not None and not isinstance(default, str):
        errors.append(detail("text", where=f"{where}.default", value=repr(default)))
    mapping = raw.get("map")
    if mapping is not None and not (
        isinstance(mapping, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items())
    ):
        errors.append(detail("map", where=f"{where}.map", value=repr(mapping)))
    pattern = raw.get("pattern")
    if pattern is not None:
        check_pattern(f"{where}.pattern", pattern, errors)
    if headers is None or len(errors) > before:
        return None
    return Column(
        headers,
        default,
        dict(mapping) if mapping else None,
        pattern,
        occurrence=occurrence,
        position=position,
    )


def _which_column(
    where: str, raw: Mapping[str, Any], headers: tuple[str, ...] | None, errors: list[str]
) -> tuple[int | None, int | None]:
    """``occurrence`` and ``position`` of a column spec, checked."""
    occurrence, position = raw.get("occurrence"), raw.get("position")
    if occurrence is None and position is None:
        return None, None
    if occurrence is not None and position is not None:
        errors.append(
            Detail(
                f"{where}: give 'occurrence' or 'position', not both",
                f"{where}: 'occurrence'와 'position' 중 하나만 쓰세요",
            )
        )
        return None, None
    if headers is not None and len(headers) > 1:
        errors.append(
            Detail(
                f"{where}: 'occurrence' and 'position' pick among one header, not a list",
                f"{where}: 'occurrence'와 'position'은 헤더 목록이 아니라 헤더 하나에 씁니다",
            )
        )
        return None, None
    if occurrence is not None:
        if type(occurrence) is not int or occurrence < 1:
            errors.append(
                Detail(
                    f"{where}.occurrence: which of the equal headers, counted from 1 at the "
                    f"left, not {occurrence!r}",
                    f"{where}.occurrence: 같은 헤더 중 왼쪽부터 몇 번째인지 1부터 세어 쓰세요 "
                    f"(받은 값: {occurrence!r})",
                )
            )
            return None, None
        return occurrence, None
    number = column_number(position)
    if number is None:
        errors.append(
            Detail(
                f'{where}.position: a column letter ("E") or number from 1, not {position!r}',
                f'{where}.position: 열 문자("E")나 1부터 센 열 번호를 쓰세요 '
                f"(받은 값: {position!r})",
            )
        )
    return None, number

"""Seller templates: a declarative map from a seller's sheet layout to canonical fields.

A template is data (TOML or a dict), loaded strictly: an unknown key or a malformed field
spec is a :class:`TemplateError` naming it. Field specs take five forms::

    order_number = "상품주문번호"                                  # one column
    phone        = ["수취인연락처1", "수취인연락처2"]                # first non-empty
    country      = { column = "국가", map = { "일본" = "JP" }, default = "KR" }
    postal_code  = { column = "우편번호", pattern = "〒?(?P<value>.+)" }
    address      = { columns = ["기본배송지", "상세배송지"], join = " " }
    platform     = { value = "네이버" }                               # a constant

The spec classes live in :mod:`orderkit.templates.field_specs` and each spec is read by
:mod:`orderkit.templates.spec_parsing`; both are re-exported here, next to the template that
holds them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from orderkit.files.special import check_regular_file
from orderkit.model.errors import NotARegularFile, TemplateError
from orderkit.model.fields import FIELDS
from orderkit.model.oserrors import os_error
from orderkit.model.template_texts import bad_toml, detail, malformed_template, template_error
from orderkit.templates.field_specs import Column, Constant, FieldSpec, Joined, spec_to_data
from orderkit.templates.spec_parsing import parse_spec
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
        data["fields"] = {field: spec_to_data(spec) for field, spec in self.fields.items()}
        return data

    def to_toml(self) -> str:
        """The template as TOML text that :func:`load_template` reads back unchanged."""
        comments = {field: f"confidence {score:.2f}" for field, score in self.confidence.items()}
        return toml_dumps(self.to_dict(), comments={"fields": comments}, preamble=self.notes)


# loading --------------------------------------------------------------------------------------

_TOP_KEYS: Final = frozenset({"name", "platform", "brand", "header_row", "sheet", "fields"})
# A template with thousands of mistakes is not a template: name the first ones.
_LISTED_ERRORS: Final = 20


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
        spec = parse_spec(f"fields.{field}", raw, errors)
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

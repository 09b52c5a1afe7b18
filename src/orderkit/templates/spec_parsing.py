"""Reading one field spec of a template's ``[fields]`` table, strictly.

Each function appends what is wrong to ``errors`` (as a bilingual
:class:`~orderkit.model.template_texts.Detail`) instead of raising, so that loading a
template names every mistake at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from orderkit.model.columns import column_number
from orderkit.model.template_texts import Detail, detail
from orderkit.rules.patterns import check_pattern
from orderkit.templates.field_specs import Column, Constant, FieldSpec, Joined

__all__ = ["parse_spec"]

_SPEC_KEYS: Final = frozenset(
    {"column", "columns", "join", "default", "map", "pattern", "value", "occurrence", "position"}
)


def _headers(where: str, raw: object, errors: list[str]) -> tuple[str, ...] | None:
    if isinstance(raw, str) and raw.strip():
        return (raw.strip(),)
    if isinstance(raw, list) and raw and all(isinstance(h, str) and h.strip() for h in raw):
        return tuple(h.strip() for h in raw)
    errors.append(detail("headers", where=where, value=repr(raw)))
    return None


def parse_spec(where: str, raw: object, errors: list[str]) -> FieldSpec | None:
    """The field spec at ``where`` (``fields.phone``, say), or ``None`` with its mistakes
    appended to ``errors``."""
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

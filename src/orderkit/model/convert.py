"""Structuring and unstructuring orders with orderkit's own cattrs converter."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn

from orderkit.model.error_texts import ERRORS
from orderkit.model.errors import ValidationError
from orderkit.model.problems import Code, Problem, Severity
from orderkit.model.values import Address, Order, OrderStatus, Payment, Recipient, SkuLine

__all__ = ["structure_order", "unstructure_order"]


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise TypeError(f"expected text, got {type(value).__name__}")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a decimal: {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"not a finite decimal: {value!r}")
    return result


def _structure_datetime(value: Any, _: type) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected ISO text, got {type(value).__name__}")
    return datetime.fromisoformat(value)


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _structure_status(value: Any, _: type) -> OrderStatus:
    if not isinstance(value, str):
        raise TypeError(f"expected a status, got {type(value).__name__}")
    return OrderStatus(value)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_structure_hook(datetime, _structure_datetime)
    # Stored data is exact: no silent str(123) or int("5") coercions on the way back in.
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(OrderStatus, _structure_status)
    for cls in (Address, Recipient, Payment, SkuLine, Order):
        converter.register_structure_hook(
            cls, make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
        )
    return converter


_CONVERTER = _make_converter()


def unstructure_order(order: Order) -> dict[str, Any]:
    result: dict[str, Any] = _CONVERTER.unstructure(order)
    return result


def structure_order(data: Any) -> Order:
    try:
        return _CONVERTER.structure(data, Order)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        raise _as_validation_error(exc) from None
    except (TypeError, ValueError, AttributeError) as exc:
        ko, en = ERRORS.both("stored_order_malformed")
        raise ValidationError(
            [Problem(None, "order", Code.BAD_TYPE, Severity.ERROR, str(exc))], en, ko=ko
        ) from None


def _as_validation_error(exc: Exception) -> ValidationError:
    problems = [
        Problem(None, "order", Code.BAD_TYPE, Severity.ERROR, message)
        for message in cattrs.transform_error(exc, path="$")
    ]
    ko, en = ERRORS.both("stored_order_malformed")
    return ValidationError(problems, en, ko=ko)

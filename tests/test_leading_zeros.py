"""Leading zeros lost before orderkit sees the value (issue 12, item 2).

Excel drops a phone's or postal code's leading 0 from number cells *and* from every value of
a sheet it saves as CSV, so the loss arrives as text too: the value decides, not the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import Code, Problem, Severity
from orderkit.rules.phones import phone_plausible

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx
from .test_rules import base

# Every way a value reaches the rules: the form's dict (as text or as a number), flat
# records, a CSV file's text, an xlsx text cell and an xlsx number cell.
Source = Callable[[Path, str, Any], list[Problem]]


def _dict(_: Path, field: str, value: Any) -> list[Problem]:
    key = {"phone": "phone", "postal": "postal_code"}[field]
    return orderkit.validate_order(base(**{key: value}))


def _records(_: Path, field: str, value: Any) -> list[Problem]:
    key = {"phone": "phone", "postal": "postal_code"}[field]
    record = {k: v for k, v in base(**{key: value}).items() if k != "lines"}
    record |= {"sku": "SKU-1", "quantity": 1}
    return orderkit.validate_records([record], first_row=2).problems


def _csv(tmp_path: Path, field: str, value: Any) -> list[Problem]:
    path = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, standard_row(**{field: str(value)})])
    return orderkit.validate_file(path, "standard", platform="네이버").problems


def _xlsx(tmp_path: Path, field: str, value: Any) -> list[Problem]:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row(**{field: value})])
    return orderkit.validate_file(path, "standard", platform="네이버").problems


SOURCES: dict[str, tuple[Source, Callable[[str], Any]]] = {
    "dict text": (_dict, str),
    "dict number": (_dict, int),
    "records text": (_records, str),
    "records number": (_records, int),
    "csv text": (_csv, str),
    "xlsx text cell": (_xlsx, str),
    "xlsx number cell": (_xlsx, int),
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    ("phone", "fixed"),
    [
        ("1012345678", "010-1234-5678"),  # mobile
        ("212345678", "02-1234-5678"),  # Seoul
        ("314567890", "031-456-7890"),  # Gyeonggi
        ("7012345678", "070-1234-5678"),  # internet phone
    ],
)
def test_a_kr_phone_without_its_zero_is_an_error_that_shows_the_fix(
    tmp_path: Path, source: str, phone: str, fixed: str
) -> None:
    check, convert = SOURCES[source]
    problems = check(tmp_path, "phone", convert(phone))
    assert [(p.field, p.code, p.severity) for p in problems] == [
        ("phone", Code.LOST_LEADING_ZERO, Severity.ERROR)
    ]
    assert fixed in problems[0].message
    assert problems[0].value == phone


def test_the_lost_zero_message_is_the_same_in_both_languages() -> None:
    (ko,) = orderkit.validate_order(base(phone="1012345678"))
    (en,) = orderkit.validate_order(base(phone="1012345678"), locale="en")
    assert "010-1234-5678" in ko.message
    assert "0을 붙이면" in ko.message
    assert "010-1234-5678" in en.message
    assert "leading 0" in en.message


def test_a_jp_phone_without_its_zero_shows_the_japanese_form() -> None:
    data = base(phone="9012345678", country="JP", postal_code="100-0001")
    data |= {"product_url": "https://item.rakuten.co.jp/shop/a/", "paid_amount": "3980"}
    (problem,) = orderkit.validate_order(data)
    assert problem.code == Code.LOST_LEADING_ZERO
    assert "090-1234-5678" in problem.message


@pytest.mark.parametrize("phone", ["1588-1234", "15881234", "1577-1234"])
def test_a_service_number_dialled_without_a_zero_is_kept(phone: str) -> None:
    """Numbers that are written without a trunk 0 in Korea are not "fixed"."""
    assert orderkit.order_from_dict(base(phone=phone)).recipient.phone == phone


def test_a_phone_with_its_zero_is_untouched() -> None:
    assert orderkit.validate_order(base(phone="01012345678")) == []


@pytest.mark.parametrize("source", SOURCES)
def test_a_4_digit_kr_postal_code_is_restored_whatever_its_source(
    tmp_path: Path, source: str
) -> None:
    check, convert = SOURCES[source]
    problems = check(tmp_path, "postal", convert("4524"))
    assert [(p.field, p.code, p.severity, p.value) for p in problems] == [
        ("postal_code", Code.RESTORED_LEADING_ZERO, Severity.WARNING, "04524")
    ]
    assert "'4524'" in problems[0].message
    assert "'04524'" in problems[0].message


def test_a_restored_postal_code_is_the_one_registered(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", [STANDARD_HEADER, standard_row(postal="4524")])
    (order,) = orderkit.validate_file(path, "standard", platform="네이버").orders
    assert order.recipient.address.postal_code == "04524"


def test_a_3_digit_kr_postal_code_is_not_guessed() -> None:
    problems = orderkit.validate_order(base(postal_code="452"))
    assert [(p.code, p.severity) for p in problems] == [(Code.BAD_POSTAL_CODE, Severity.ERROR)]


# Every kind of Korean number that is dialled with the trunk 0: mobile, Seoul, the regional
# area codes, internet phones and safe numbers.
_KR_PREFIXES = [
    "010", "011", "016", "017", "019", "02", "031", "032", "033", "041", "042", "043", "044",
    "051", "052", "053", "054", "055", "061", "062", "063", "064", "070", "0504", "0505",
]  # fmt: skip

KR_DOMESTIC_PHONES = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(_KR_PREFIXES),
    st.text("0123456789", min_size=7, max_size=8),
).filter(lambda phone: phone_plausible(phone, "KR"))


@given(KR_DOMESTIC_PHONES, st.booleans())
def test_every_valid_kr_number_without_its_zero_is_caught_with_the_right_fix(
    phone: str, as_number: bool
) -> None:
    dropped = phone[1:]
    value: Any = int(dropped) if as_number else dropped
    phones = [p for p in orderkit.validate_order(base(phone=value)) if p.field == "phone"]
    assert [(p.code, p.severity) for p in phones] == [(Code.LOST_LEADING_ZERO, Severity.ERROR)]
    record = {k: v for k, v in base(phone=value).items() if k != "lines"}
    (from_records,) = orderkit.validate_records([record | {"sku": "S", "quantity": 1}]).problems
    assert from_records.message == phones[0].message
    # The fix shown is the number with its 0, in the usual domestic form.
    shown = phones[0].message.split("0을 붙이면 ")[1].split("입니다")[0]
    assert shown.replace("-", "") == phone
    assert orderkit.validate_order(base(phone=shown)) == []


@given(st.integers(1, 9), st.integers(0, 999), st.booleans())
def test_every_kr_postal_code_without_its_zero_is_restored_to_itself(
    area: int, rest: int, as_number: bool
) -> None:
    postal = f"{area:02d}{rest:03d}"
    dropped = postal[1:]
    value: Any = int(dropped) if as_number else dropped
    order = orderkit.order_from_dict(base(postal_code=value))
    assert order.recipient.address.postal_code == postal
    (warning,) = orderkit.validate_order(base(postal_code=value))
    assert (warning.code, warning.value) == (Code.RESTORED_LEADING_ZERO, postal)

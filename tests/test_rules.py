"""Every SPEC §1 rule at its boundaries, through the public entry point."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import Code, Severity
from orderkit.model.text import normalize_text
from orderkit.rules.cross_field import has_visible
from orderkit.rules.declarations import PLAIN_URL_SHAPE, VISIBLE_SHAPE
from orderkit.rules.field_rules import korean_marketplace
from orderkit.rules.marks import normalize_marks
from orderkit.rules.phones import restore_trunk_zero

from .strategies import NAMES, valid_order_data


def base(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "platform": "네이버",
        "order_number": "A-1",
        "recipient_name": "홍길동",
        "phone": "010-1234-5678",
        "postal_code": "04524",
        "address": "서울특별시 중구 세종대로 110",
        "lines": [{"sku": "SKU-1", "quantity": "1"}],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


def codes(data: dict[str, Any], field: str | None = None) -> list[str]:
    return [
        p.code
        for p in orderkit.validate_order(data)
        if p.is_error and (field is None or p.field == field)
    ]


def test_the_base_order_is_valid() -> None:
    assert orderkit.validate_order(base()) == []


# recipient name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("가" * 20, []),
        ("가" * 21, ["too_long"]),
        ("a" * 20, []),
        ("a" * 21, ["too_long"]),
        ("  " + "가" * 20 + "  ", []),  # trimmed first
        ("\u1100\u1161" * 20, []),  # 20 decomposed syllables are 20 characters after NFC
        ("", ["missing"]),
        ("   ", ["missing"]),
    ],
)
def test_recipient_name_is_at_most_20_characters(name: str, expected: list[str]) -> None:
    assert codes(base(recipient_name=name), "recipient_name") == expected


@given(NAMES)
def test_every_name_of_at_most_20_characters_passes(name: str) -> None:
    order = orderkit.order_from_dict(base(recipient_name=name))
    assert order.recipient.name == name


@given(st.text(min_size=21, max_size=40).filter(lambda s: len(normalize_text(s)) > 20))
def test_every_name_over_20_characters_fails(name: str) -> None:
    assert codes(base(recipient_name=name), "recipient_name") == ["too_long"]


# phone -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("010-1234-56789", []),  # 14
        ("+82-10-1234-5678", ["too_long"]),  # 16
        ("+82 10-1234-567", ["bad_chars"]),  # 15, a space
        ("(02)-123-45678", []),
        ("0" * 15, []),
        ("0" * 16, ["too_long"]),
        ("010.1234.5678", ["bad_chars"]),
        ("010-1234-5678 내선 2", ["too_long", "bad_chars"]),
        ("", ["missing"]),
    ],
)
def test_phone_is_at_most_15_of_digits_parentheses_plus_dash(
    phone: str, expected: list[str]
) -> None:
    assert codes(base(phone=phone), "phone") == expected


def test_a_too_long_international_phone_is_told_how_to_fit() -> None:
    data = base(phone="+81-90-1234-5678", country="JP", postal_code="100-0001")
    data |= {"product_url": "https://shop.example.jp/a", "paid_amount": "1000"}
    (problem,) = [p for p in orderkit.validate_order(data) if p.field == "phone"]
    assert problem.code == "too_long"
    assert "+819012345678" in problem.message
    assert "090-1234-5678" in problem.message  # the domestic form, too


@given(st.text(alphabet="0123456789()+-", min_size=1, max_size=15))
def test_any_phone_of_allowed_characters_up_to_15_has_no_error(phone: str) -> None:
    # Only a domestic number that lost its trunk 0 is refused (test_leading_zeros.py), and
    # punctuation with no digit at all, which is no number.
    lost = restore_trunk_zero(phone, "KR") is not None
    digitless = not any(c.isdigit() for c in phone)
    expected = ["missing"] if digitless else ["lost_leading_zero"] if lost else []
    assert codes(base(phone=phone), "phone") == expected


def test_an_implausible_phone_is_only_a_warning() -> None:
    problems = orderkit.validate_order(base(phone="123"))
    assert [(p.code, p.severity) for p in problems] == [(Code.IMPLAUSIBLE_PHONE, Severity.WARNING)]
    orderkit.order_from_dict(base(phone="123"))  # warnings never block


def test_a_korean_safe_number_is_plausible() -> None:
    assert orderkit.validate_order(base(phone="0504-1234-5678")) == []


def test_a_number_typed_phone_that_lost_its_zero_is_an_error_that_says_so() -> None:
    (problem,) = orderkit.validate_order(base(phone=1012345678))
    assert (problem.field, problem.code) == ("phone", "lost_leading_zero")
    assert "0" in problem.message
    assert "숫자 서식" in problem.message


def test_a_short_number_typed_service_number_is_kept() -> None:
    order = orderkit.order_from_dict(base(phone=15881234))
    assert order.recipient.phone == "15881234"


# country ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("JP", []),
        ("KR", []),
        ("US", []),
        ("jp", ["bad_country"]),
        ("Japan", ["bad_country"]),
        ("JPN", ["bad_country"]),
        ("XX", ["bad_country"]),
        ("J", ["bad_country"]),
        ("일본", ["bad_country"]),
    ],
)
def test_country_is_an_existing_uppercase_alpha2_code(country: str, expected: list[str]) -> None:
    data = base(country=country, postal_code="100-0001" if country == "JP" else "04524")
    if country == "JP":
        data |= {"product_url": "https://shop.example.jp/a", "paid_amount": "1000"}
    if country == "US":
        data |= {"postal_code": "10001", "phone": "+1-212-555-0100"}
    assert codes(data, "country") == expected


def test_empty_country_means_korea() -> None:
    assert orderkit.order_from_dict(base(country="")).country == "KR"
    assert orderkit.order_from_dict(base()).country == "KR"


@pytest.mark.parametrize("written", ["jp", "Japan", "JPN", "일본"])
def test_a_country_is_never_guessed_but_the_message_suggests_it(written: str) -> None:
    (problem,) = [p for p in orderkit.validate_order(base(country=written)) if p.field == "country"]
    assert problem.code == "bad_country"
    assert "'JP'" in problem.message


def test_a_misspelt_japan_order_still_reports_its_japan_problems() -> None:
    fields = {p.field for p in orderkit.validate_order(base(country="jp"))}
    assert {"country", "product_url", "paid_amount", "postal_code"} <= fields


# Japan: product URL and paid amount ---------------------------------------------------------


def japan(**changes: Any) -> dict[str, Any]:
    data = base(
        country="JP",
        phone="090-1234-5678",
        postal_code="100-0001",
        product_url="https://shop.example.jp/item/1",
        paid_amount="1,000",
    )
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


def test_a_complete_japan_order_is_valid() -> None:
    order = orderkit.order_from_dict(japan())
    assert order.payment.paid_amount == Decimal(1000)
    assert order.product_url == "https://shop.example.jp/item/1"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"product_url": ...}, ["url_required"]),
        ({"product_url": ""}, ["url_required"]),
        ({"product_url": "shop.example.jp/item"}, ["bad_url"]),
        ({"product_url": "ftp://shop.example.jp/x"}, ["bad_url"]),
        ({"product_url": "https://shop example.jp"}, ["bad_url"]),
        ({"product_url": "https://"}, ["bad_url"]),
        ({"paid_amount": ...}, ["amount_required"]),
        ({"paid_amount": "1000.5"}, ["not_integer"]),
        ({"paid_amount": "1000.0"}, []),
        ({"paid_amount": "¥1000"}, []),  # the mark is dropped, with a warning
        ({"paid_amount": "1000 JPY"}, ["bad_number"]),
        ({"paid_amount": "-1"}, ["out_of_range"]),
        ({"paid_amount": "0"}, ["out_of_range"]),  # customs needs the real amount
    ],
)
def test_japan_needs_url_and_whole_yen(changes: dict[str, Any], expected: list[str]) -> None:
    assert codes(japan(**changes)) == expected


def test_a_korean_order_needs_neither_url_nor_paid_amount() -> None:
    assert codes(base(paid_amount="10.5")) == []


def test_a_given_url_is_checked_for_any_country() -> None:
    assert codes(base(product_url="not a url")) == ["bad_url"]


# numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        ("0", ["out_of_range"]),
        ("1", []),
        ("1,000,000", []),
        ("1000000", []),
        (1_000_000, []),
        ("1,000,001", ["out_of_range"]),
        (1_000_001, ["out_of_range"]),
        ("-1", ["out_of_range"]),
        ("1.5", ["not_integer"]),
        ("2.0", []),
        (2.0, []),
        ("1,00", ["bad_number"]),
        ("1e3", ["bad_number"]),
        ("두 개", ["bad_number"]),
        ("", ["missing"]),
        (None, ["missing"]),
    ],
)
def test_quantity_is_a_whole_number_from_1_to_a_million(quantity: Any, expected: list[str]) -> None:
    assert codes(base(lines=[{"sku": "S", "quantity": quantity}])) == expected


def test_thousands_separators_are_read() -> None:
    order = orderkit.order_from_dict(
        base(order_amount="1,234,567.50", lines=[{"sku": "S", "quantity": "1,000"}])
    )
    assert order.payment.order_amount == Decimal("1234567.50")
    assert order.lines[0].quantity == 1000


@pytest.mark.parametrize("field", ["order_amount", "total_amount", "paid_amount"])
@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0", []),
        ("-0.01", ["out_of_range"]),
        ("12,000원", []),  # the mark is dropped, with a warning
        ("12,000 달러", ["bad_number"]),
        ("", []),
    ],
)
def test_amounts_are_non_negative_numbers(field: str, amount: str, expected: list[str]) -> None:
    assert codes(base(**{field: amount}), field) == expected


def test_money_is_decimal_never_float() -> None:
    order = orderkit.order_from_dict(base(order_amount=0.1, total_amount="19.99"))
    assert order.payment.order_amount == Decimal("0.1")
    assert isinstance(order.payment.total_amount, Decimal)


# postal codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("postal", "expected"),
    [
        ("01000", []),
        ("63999", []),
        ("00999", ["bad_postal_code"]),
        ("64000", ["bad_postal_code"]),
        ("0452", ["bad_postal_code"]),
        ("045245", ["bad_postal_code"]),
        ("04-524", ["bad_postal_code"]),
        ("０４５２４", []),  # full-width digits are read as ASCII, with a warning
        ("０４５２", ["bad_postal_code"]),
        ("", ["missing"]),
    ],
)
def test_korean_postal_code_is_five_digits_from_01_to_63(postal: str, expected: list[str]) -> None:
    assert codes(base(postal_code=postal), "postal_code") == expected


@pytest.mark.parametrize(
    ("postal", "expected"),
    [
        ("100-0001", []),
        ("1000001", []),
        ("100 0001", ["bad_postal_code"]),
        ("〒100-0001", []),  # the mark is dropped, with a warning
        ("〒100", ["bad_postal_code"]),
        ("1000-001", ["bad_postal_code"]),
        ("100000", []),  # Hokkaido's 0 lost: restored, with a warning
        ("10000", ["bad_postal_code"]),
    ],
)
def test_japanese_postal_code(postal: str, expected: list[str]) -> None:
    assert codes(japan(postal_code=postal), "postal_code") == expected


def test_a_number_typed_korean_postal_code_gets_its_zero_back_with_a_warning() -> None:
    problems = orderkit.validate_order(base(postal_code=4524))
    assert [(p.code, p.severity) for p in problems] == [
        (Code.RESTORED_LEADING_ZERO, Severity.WARNING)
    ]
    assert orderkit.order_from_dict(base(postal_code=4524)).recipient.address.postal_code == (
        "04524"
    )


# required fields and types ---------------------------------------------------------------


@pytest.mark.parametrize(
    "field", ["platform", "order_number", "recipient_name", "phone", "postal_code", "address"]
)
def test_required_fields(field: str) -> None:
    assert codes(base(**{field: ...}), field) == ["missing"]
    assert codes(base(**{field: "  "}), field) == ["missing"]


def test_an_order_needs_at_least_one_line() -> None:
    assert codes(base(lines=[])) == ["missing"]


def test_every_problem_is_reported_at_once() -> None:
    data = {"lines": [{"sku": "", "quantity": "0"}], "recipient_name": "가" * 21}
    found = {(p.field, p.code) for p in orderkit.validate_order(data)}
    assert found >= {
        ("platform", "missing"),
        ("order_number", "missing"),
        ("recipient_name", "too_long"),
        ("phone", "missing"),
        ("postal_code", "missing"),
        ("address", "missing"),
        ("sku", "missing"),
        ("quantity", "out_of_range"),
    }


def test_a_float_order_number_is_written_as_its_integer() -> None:
    assert orderkit.order_from_dict(base(order_number=12345.0)).order_number == "12345"


def test_a_float_too_large_to_be_exact_is_an_error_not_a_rounded_number() -> None:
    (problem,) = orderkit.validate_order(base(order_number=float(2**53)))
    assert (problem.field, problem.code) == ("order_number", "inexact_number")
    assert orderkit.validate_order(base(order_number=float(2**53 - 1))) == []


def test_an_exact_integer_of_any_size_is_fine() -> None:
    assert orderkit.order_from_dict(base(order_number=2**70)).order_number == str(2**70)


def test_an_unknown_field_is_an_error_not_ignored() -> None:
    (problem,) = orderkit.validate_order(base(reciepient_name="홍길동"))
    assert (problem.code, problem.value) == ("unknown_field", "reciepient_name")


def test_one_line_may_be_given_flat() -> None:
    data = base(lines=...) | {"sku": "S-1", "quantity": "3"}
    assert orderkit.order_from_dict(data).lines == (orderkit.SkuLine("S-1", 3),)


@pytest.mark.parametrize("value", [True, [1], {"a": 1}, b"x", object()])
def test_values_of_unreadable_types_are_bad_type_not_missing(value: Any) -> None:
    assert codes(base(recipient_name=value), "recipient_name") == ["bad_type"]


def test_text_is_nfc_normalised_and_trimmed() -> None:
    order = orderkit.order_from_dict(base(recipient_name=" \u1112\u1169\u11bc길동 ", brand=" "))
    assert order.recipient.name == "홍길동"
    assert order.brand is None


@given(valid_order_data())
def test_every_generated_valid_order_passes(data: dict[str, Any]) -> None:
    assert [p for p in orderkit.validate_order(data) if p.is_error] == []


# properties ------------------------------------------------------------------------------


@given(st.integers(-10, 2_000_000), st.booleans())
def test_quantity_property(quantity: int, with_commas: bool) -> None:
    text = f"{quantity:,}" if with_commas else str(quantity)
    expected = [] if 1 <= quantity <= 1_000_000 else ["out_of_range"]
    assert codes(base(lines=[{"sku": "S", "quantity": text}])) == expected


@given(st.integers(0, 99_999))
def test_korean_postal_code_property(number: int) -> None:
    text = f"{number:05d}"
    expected = [] if 1 <= int(text[:2]) <= 63 else ["bad_postal_code"]
    assert codes(base(postal_code=text), "postal_code") == expected


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2))
def test_two_uppercase_letters_pass_exactly_when_the_country_exists(code: str) -> None:
    import pycountry

    exists = pycountry.countries.get(alpha_2=code) is not None
    data = base(country=code, postal_code="1000001", phone="+1 0")
    found = codes(data, "country")
    assert found == ([] if exists else ["bad_country"])


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_amounts_with_thousands_separators_read_back_exactly(amount: Decimal) -> None:
    order = orderkit.order_from_dict(base(order_amount=f"{amount:,}"))
    assert order.payment.order_amount == amount


@given(st.text(max_size=30))
def test_a_phone_passes_the_hard_rules_exactly_when_short_and_clean(phone: str) -> None:
    text = normalize_text(phone)
    # Full-width digits and dashes are read as ASCII first (``²`` is a 2 to NFKC).
    normalized = normalize_marks("phone", text)
    text = normalized[0] if normalized else text
    expected = []
    if not text or not (set(text) - set("()+-")):
        expected = ["missing"]  # empty, or punctuation with no number
    else:
        if len(text) > 15:
            expected.append("too_long")
        if set(text) - set("0123456789()+-"):
            expected.append("bad_chars")
    assert codes(base(phone=phone), "phone") == expected


@given(
    st.from_regex(
        r"https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]{1,5})?([/?#][!-~]*)?", fullmatch=True
    )
)
def test_every_url_on_the_fast_path_passes_the_full_check(url: str) -> None:
    from orderkit.rules.field_rules import _PLAIN_URL, is_http_url

    assert _PLAIN_URL.fullmatch(url)
    assert is_http_url(url)


def test_the_two_most_common_countries_exist() -> None:
    from orderkit.rules.field_rules import _COMMON_COUNTRIES, country_codes

    assert country_codes() >= _COMMON_COUNTRIES


# A required value with nothing to read is as good as empty -------------------------------

_INVISIBLE = st.text(
    st.sampled_from(["\u200b", "\u200d", "\u2060", "\ufeff", "\u3164", "\u115f", "\u0301", "\x1c"]),
    min_size=1,
    max_size=6,
)


@given(st.sampled_from(["order_number", "recipient_name", "address"]), _INVISIBLE)
def test_a_required_field_of_only_invisible_characters_is_missing(field: str, text: str) -> None:
    problems = [
        p for p in orderkit.validate_order(base(**{field: text})) if p.field == field and p.is_error
    ]  # an order number is also folded (NFKC), which is a warning of its own
    if not normalize_text(text):
        assert [p.code for p in problems] == [Code.MISSING]  # trimmed away entirely
        return
    assert [(p.code, p.severity) for p in problems] == [(Code.MISSING, Severity.ERROR)]
    assert "U+" in problems[0].message  # it names the characters nobody can see


@pytest.mark.parametrize("phone", ["-", "()", "+", "---", "(-)"])
def test_a_phone_of_punctuation_alone_is_missing_not_implausible(phone: str) -> None:
    (problem,) = orderkit.validate_order(base(phone=phone), locale="en")
    assert (problem.code, problem.severity) == (Code.MISSING, Severity.ERROR)
    assert problem.message == f"phone '{phone}' has no digits. It is required: fill in the number."


@pytest.mark.parametrize("name", ["김\u200b하늘", "-", "\u200bA", "ㅤ김"])
def test_a_value_with_something_visible_in_it_is_not_missing(name: str) -> None:
    assert codes(base(recipient_name=name), "recipient_name") == []


@pytest.mark.parametrize(
    ("phone", "hint"),
    [
        ("010 - 1234 - 5678 -", "01012345678"),  # the compact form is a valid phone
        ("010-1234-5678 내선 2", None),  # it would still hold letters: no such hint
    ],
)
def test_a_too_long_phone_is_shown_shorter_only_when_the_shorter_form_is_valid(
    phone: str, hint: str | None
) -> None:
    (too_long,) = [
        p for p in orderkit.validate_order(base(phone=phone), locale="en") if p.code == "too_long"
    ]
    if hint is None:
        assert "fits" not in too_long.message
    else:
        assert too_long.message.endswith(f"it fits in {len(hint)}: {hint}")


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(),
            st.sampled_from("09AZaz가힣ぁゖァヺ一鿿\u3040\u30fb\u9fff\ud7a4\u200b\u3164"),
        )
    )
)
def test_a_visible_character_is_found_as_the_shared_pattern_finds_it(text: str) -> None:
    assert has_visible(text) == (re.search(VISIBLE_SHAPE, text) is not None)


def _host_by_urlsplit(url: str) -> str | None:
    """What korean_marketplace says, taking every URL apart with urlsplit."""
    from urllib.parse import urlsplit

    from orderkit.rules.declarations import KOREAN_MARKET_HOSTS

    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host and (
        host.endswith(".kr")
        or any(host == known or host.endswith("." + known) for known in KOREAN_MARKET_HOSTS)
    ):
        return host
    return None


@given(
    st.one_of(
        st.from_regex(PLAIN_URL_SHAPE, fullmatch=True),
        st.builds(
            "{}://{}{}{}".format,
            st.sampled_from(["http", "https", "HTTPS"]),
            st.sampled_from(
                [
                    "smartstore.naver.com",
                    "m.Coupang.com",
                    "shop.example.co.kr",
                    "gmarket.co.kr",
                    "example.jp",
                    "naver.com.evil.jp",
                ]
            ),
            st.sampled_from(["", ":8080", ":1"]),
            st.sampled_from(["", "/", "/a/b?x=1", "#top", "/@user"]),
        ),
    )
)
def test_the_host_of_a_plain_url_is_read_as_urlsplit_reads_it(url: str) -> None:
    assert korean_marketplace(url) == _host_by_urlsplit(url)

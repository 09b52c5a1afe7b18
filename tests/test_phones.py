"""Phone plausibility: the fast path agrees with phonenumbers wherever it answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.rules.phones import _fast_path, _phonenumbers_says, phone_plausible


def dashed(draw: st.DrawFn, digits: str) -> str:
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(digits) - 1)), max_size=3)))
    parts, last = [], 0
    for cut in cuts:
        parts.append(digits[last:cut])
        last = cut
    parts.append(digits[last:])
    return "-".join(p for p in parts if p)


@st.composite
def domestic_numbers(draw: st.DrawFn) -> str:
    rest = draw(st.text(alphabet="0123456789", min_size=1, max_size=13))
    return dashed(draw, "0" + draw(st.sampled_from("123456789")) + rest)


realistic = st.builds(
    lambda prefix, a, b: f"{prefix}-{a}-{b}",
    st.sampled_from(["010", "011", "016", "02", "031", "051", "064", "070", "0504", "080",
                     "090", "03", "06", "0120", "0570"]),
    st.text("0123456789", min_size=3, max_size=4),
    st.text("0123456789", min_size=4, max_size=4),
)  # fmt: skip


@pytest.mark.parametrize("country", ["KR", "JP"])
@given(phone=st.one_of(domestic_numbers(), realistic))
def test_the_fast_path_agrees_with_phonenumbers(country: str, phone: str) -> None:
    fast = _fast_path(country)
    assert fast is not None
    answer = fast(phone)
    if answer is not None:
        assert answer == _phonenumbers_says(phone, country), phone


@pytest.mark.parametrize(
    ("phone", "country"),
    [
        ("010-1234-5678", "KR"),
        ("02-123-4567", "KR"),
        ("0504-1234-5678", "KR"),
        ("070-1234-5678", "KR"),
        ("090-1234-5678", "JP"),
        ("03-1234-5678", "JP"),
    ],
)
def test_common_domestic_numbers_take_the_fast_path(phone: str, country: str) -> None:
    fast = _fast_path(country)
    assert fast is not None
    assert fast(phone) is True


@pytest.mark.parametrize(
    ("phone", "country"),
    [("010-5971-1234", "KR"), ("090-0000-1234", "JP"), ("010-1234", "KR"), ("0" * 15, "KR")],
)
def test_numbers_phonenumbers_rejects_are_rejected(phone: str, country: str) -> None:
    assert phone_plausible(phone, country) is False
    assert _phonenumbers_says(phone, country) is False


@pytest.mark.parametrize(
    ("phone", "country", "valid"),
    [("+81-90-1234-5678", "JP", True), ("+82 10 1234 5678", "KR", True), ("123", "US", False)],
)
def test_other_shapes_go_to_phonenumbers(phone: str, country: str, valid: bool) -> None:
    fast = _fast_path(country)
    assert fast is None or fast(phone) is None
    assert phone_plausible(phone, country) is valid


@st.composite
def after_international_prefix(draw: st.DrawFn) -> tuple[str, str]:
    """A number dialled with its region's international prefix (JP's 010, KR's 00x), then
    a calling code (the region's own, another, or none) and digits: a Korean mobile
    shipped to Japan is ``010-…``, which phonenumbers reads as an international call."""
    country, idd = draw(st.sampled_from([("JP", "010"), ("KR", "001"), ("KR", "00700")]))
    code = draw(st.sampled_from(["81", "82", "1", "7", "44", "0", "", "999", "8"]))
    rest = draw(st.text(alphabet="0123456789", max_size=13))
    return country, dashed(draw, idd + code + rest)


@given(after_international_prefix())
def test_numbers_after_an_international_prefix_agree_with_phonenumbers(
    drawn: tuple[str, str],
) -> None:
    country, phone = drawn
    fast = _fast_path(country)
    assert fast is not None
    answer = fast(phone)
    if answer is not None:
        assert answer == _phonenumbers_says(phone, country), phone


def test_a_korean_mobile_shipped_to_japan_is_decided_without_phonenumbers() -> None:
    fast = _fast_path("JP")
    assert fast is not None
    assert fast("010-1234-5678") is False
    assert _phonenumbers_says("010-1234-5678", "JP") is False

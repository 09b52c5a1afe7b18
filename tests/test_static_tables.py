"""The tables generated from other libraries' data say what those libraries say.

When a test here fails after an upgrade of phonenumbers or pycountry, write the tables
again: ``python -m tests.static_tables``, then ``ruff format src/orderkit/rules``.
"""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.rules.country_names import COUNTRIES, country_lookup
from orderkit.rules.field_rules import country_codes, suggest_country
from orderkit.rules.phone_regions import REGIONS
from orderkit.rules.phones import FAST_REGIONS, domestic_shapes, metadata_shapes

from .static_tables import country_lookups, phone_regions


def test_the_phone_regions_are_phonenumbers_metadata() -> None:
    assert set(REGIONS) == set(FAST_REGIONS)
    assert phone_regions() == REGIONS


@pytest.mark.parametrize("country", sorted(FAST_REGIONS))
def test_the_fast_path_reads_the_shapes_phonenumbers_reads(country: str) -> None:
    assert domestic_shapes(country) == metadata_shapes(country)


def test_the_country_table_finds_what_pycountry_finds() -> None:
    assert country_lookup() == country_lookups()
    assert country_codes() == frozenset(c.alpha_2 for c in pycountry.countries)
    assert set(COUNTRIES) == country_codes()


def pycountry_finds(text: str) -> str | None:
    try:
        code: str = pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None
    return code


names = st.sampled_from(sorted(country_lookups()))
cased = st.builds(
    lambda name, upper: "".join(c.upper() if u else c for c, u in zip(name, upper, strict=False)),
    names,
    st.lists(st.booleans(), min_size=120, max_size=120),
)


@given(st.one_of(cased, st.text(max_size=12)))
def test_a_country_is_found_as_pycountry_finds_it(text: str) -> None:
    assert country_lookup().get(text.lower()) == pycountry_finds(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Japan", "JP"), ("JPN", "JP"), ("korea, republic of", "KR"), ("392", "JP"),
     ("Korea", "KR"), ("일본", "JP"), ("ＪＰ", "JP"), ("Narnia", None)],
)  # fmt: skip
def test_suggestions_are_unchanged(text: str, code: str | None) -> None:
    assert suggest_country(text) == code

"""The tables generated from other libraries' data say what those libraries say.

When a test here fails after an upgrade of phonenumbers or pycountry, write the tables
again: ``python -m tests.static_tables``, then ``ruff format src/orderkit/rules``.
"""

from __future__ import annotations

from importlib.metadata import version

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.rules import countries, phones
from orderkit.rules.country_names import COUNTRIES, PYCOUNTRY_VERSION, country_lookup
from orderkit.rules.field_rules import country_codes, country_lookups, suggest_country
from orderkit.rules.generated_tables import generated_from
from orderkit.rules.phone_regions import PHONENUMBERS_VERSION, REGIONS
from orderkit.rules.phones import FAST_REGIONS, domestic_shapes, metadata_shapes

from .static_tables import country_lookups as pycountry_lookups
from .static_tables import phone_regions

# After an upgrade of either library the tables are written again; until then orderkit
# asks the library itself (tested below), so the tables' own checks wait for that.
phone_table = pytest.mark.skipif(
    version("phonenumbers") != PHONENUMBERS_VERSION,
    reason="phone_regions was generated from another phonenumbers: python -m tests.static_tables",
)
country_table = pytest.mark.skipif(
    version("pycountry") != PYCOUNTRY_VERSION,
    reason="country_names was generated from another pycountry: python -m tests.static_tables",
)


@phone_table
def test_the_phone_regions_are_phonenumbers_metadata() -> None:
    assert set(REGIONS) == set(FAST_REGIONS)
    assert phone_regions() == REGIONS


@pytest.mark.parametrize("country", sorted(FAST_REGIONS))
def test_the_fast_path_reads_the_shapes_phonenumbers_reads(country: str) -> None:
    assert domestic_shapes(country) == metadata_shapes(country)


@country_table
def test_the_country_table_finds_what_pycountry_finds() -> None:
    assert country_lookup() == pycountry_lookups()
    assert country_codes() == frozenset(c.alpha_2 for c in pycountry.countries)
    assert set(COUNTRIES) == country_codes()


def pycountry_finds(text: str) -> str | None:
    try:
        code: str = pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None
    return code


names = st.sampled_from(sorted(pycountry_lookups()))
cased = st.builds(
    lambda name, upper: "".join(c.upper() if u else c for c, u in zip(name, upper, strict=False)),
    names,
    st.lists(st.booleans(), min_size=120, max_size=120),
)


@given(st.one_of(cased, st.text(max_size=12)))
def test_a_country_is_found_as_pycountry_finds_it(text: str) -> None:
    assert country_lookups().get(text.lower()) == pycountry_finds(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Japan", "JP"), ("JPN", "JP"), ("korea, republic of", "KR"), ("392", "JP"),
     ("Korea", "KR"), ("일본", "JP"), ("ＪＰ", "JP"), ("Narnia", None)],
)  # fmt: skip
def test_suggestions_are_unchanged(text: str, code: str | None) -> None:
    assert suggest_country(text) == code


def test_a_table_speaks_only_for_the_version_it_was_made_from() -> None:
    assert generated_from("phonenumbers", version("phonenumbers"))
    assert generated_from("pycountry", version("pycountry"))
    assert not generated_from("phonenumbers", "0.0.1")
    assert not generated_from("orderkit_no_such_library", "1.0")


@pytest.fixture
def libraries_upgraded(monkeypatch: pytest.MonkeyPatch) -> object:
    """As if phonenumbers and pycountry were upgraded after the tables were made."""
    cached = (phones.domestic_shapes, phones._fast_path, countries.country_codes,
              countries.country_lookups)  # fmt: skip
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(phones, "generated_from", lambda *_: False)
    monkeypatch.setattr(countries, "generated_from", lambda *_: False)
    yield
    monkeypatch.undo()
    for function in cached:
        function.cache_clear()


@pytest.mark.usefixtures("libraries_upgraded")
def test_after_an_upgrade_the_libraries_themselves_are_asked() -> None:
    for country in FAST_REGIONS:
        assert domestic_shapes(country) == metadata_shapes(country)
    assert country_codes() == frozenset(c.alpha_2 for c in pycountry.countries)
    assert country_lookups() == {**pycountry_lookups(), **{c.lower(): c for c in country_codes()}}
    assert suggest_country("Japan") == "JP"
    assert phones.phone_plausible("010-1234-5678", "KR")

"""The ISO 3166-1 countries: their codes, and the names pycountry finds them by.

Both come from the table generated from pycountry (:mod:`orderkit.rules.country_names`;
loading pycountry's own database costs a fresh process a twentieth of a second) while that
version of pycountry is installed, and from pycountry itself after an upgrade
(:mod:`orderkit.rules.generated_tables`).
"""

from __future__ import annotations

from functools import cache

from orderkit.rules.country_names import COUNTRIES, PYCOUNTRY_VERSION, country_lookup
from orderkit.rules.generated_tables import generated_from

__all__ = ["country_codes", "country_lookups"]


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    if not generated_from("pycountry", PYCOUNTRY_VERSION):
        import pycountry

        return frozenset(c.alpha_2 for c in pycountry.countries)
    return frozenset(COUNTRIES)


@cache
def country_lookups() -> dict[str, str]:
    """Every lower-case text ``pycountry.countries.lookup`` finds, with the alpha-2 code it
    finds for it (it compares a text's lower case with each field of each country)."""
    if generated_from("pycountry", PYCOUNTRY_VERSION):
        return country_lookup()
    import pycountry

    found = {code.lower(): code for code in country_codes()}
    for country in pycountry.countries:
        for value in vars(country)["_fields"].values():
            if isinstance(value, str):
                found[value.lower()] = pycountry.countries.lookup(value).alpha_2
    return found

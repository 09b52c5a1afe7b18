"""Writing orderkit's tables generated from other libraries' data, at development time.

``python -m tests.static_tables`` writes them again (then ``ruff format`` them); the tests in
``tests/test_static_tables.py`` fail when the installed libraries say otherwise.

- :mod:`orderkit.rules.phone_regions`: phonenumbers' domestic number shapes of the
  fast-path regions (:func:`orderkit.rules.phones.metadata_shapes`).
- :mod:`orderkit.rules.country_names`: every text ``pycountry.countries.lookup`` finds, and
  the ISO 3166-1 alpha-2 code it finds for it.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src" / "orderkit" / "rules"
# Long texts are written in pieces of this many characters (lines stay under 100).
_PIECE = 70
# Between the names of one country in orderkit.rules.country_names.
_SEPARATOR = "|"


def phone_regions() -> dict[str, tuple[object, ...]]:
    """The fast-path regions' shapes as :mod:`orderkit.rules.phone_regions` holds them."""
    from orderkit.rules.phones import FAST_REGIONS, metadata_shapes

    regions: dict[str, tuple[object, ...]] = {}
    for country in sorted(FAST_REGIONS):
        shapes = metadata_shapes(country)
        assert shapes is not None, country
        regions[country] = (
            shapes.calling_code,
            shapes.prefix,
            shapes.international,
            (shapes.general.pattern, shapes.general.lengths),
            tuple((t.pattern, t.lengths) for t in shapes.types),
        )
    return regions


def country_lookups() -> dict[str, str]:
    """Every lower-case text ``pycountry.countries.lookup`` answers, with its answer (it
    compares a text's lower case with each field of each country, nothing looser)."""
    import pycountry

    found: dict[str, str] = {}
    for country in pycountry.countries:
        for value in vars(country)["_fields"].values():
            if isinstance(value, str):
                key = value.lower()
                found[key] = pycountry.countries.lookup(key).alpha_2
    return found


def _joined(names: list[str], indent: int) -> str:
    """``names`` as one text joined by the separator, in pieces cut after a separator
    when it is too long for one line."""
    text = _SEPARATOR.join(names)
    if len(text) <= _PIECE:
        return repr(text)
    pieces = [""]
    for name in names:
        if pieces[-1] and len(pieces[-1]) + len(name) > _PIECE:
            pieces.append("")
        pieces[-1] += name + _SEPARATOR
    pieces[-1] = pieces[-1].removesuffix(_SEPARATOR)
    inner = "\n".join(" " * (indent + 4) + repr(p) for p in pieces)
    return "(\n" + inner + "\n" + " " * indent + ")"


def _text(value: str, indent: int) -> str:
    if len(value) <= _PIECE:
        return repr(value)
    pieces = [value[i : i + _PIECE] for i in range(0, len(value), _PIECE)]
    inner = "\n".join(" " * (indent + 4) + repr(p) for p in pieces)
    return "(\n" + inner + "\n" + " " * indent + ")"


def _shape(shape: tuple[str, tuple[int, ...]], indent: int) -> str:
    pattern, lengths = shape
    pad = " " * (indent + 4)
    return f"(\n{pad}{_text(pattern, indent + 4)},\n{pad}{lengths!r},\n{' ' * indent})"


def render_phone_regions() -> str:
    import phonenumbers

    lines = [
        f'"""Generated from phonenumbers {phonenumbers.__version__} by tests/static_tables.py: '
        "do not edit.",
        "",
        "The domestic number shapes of the regions :mod:`orderkit.rules.phones` answers",
        "without phonenumbers: ``(country calling code, national prefix for parsing,",
        "international prefix, general shape, number types' shapes)``, each shape ``(pattern,",
        "possible lengths)``, the types in phonenumbers' order (mobile first). A test holds",
        "them equal to the installed phonenumbers' metadata.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        '__all__ = ["PHONENUMBERS_VERSION", "REGIONS", "Region", "Shape"]',
        "",
        "Shape = tuple[str, tuple[int, ...]]",
        "Region = tuple[str, str, str | None, Shape, tuple[Shape, ...]]",
        "",
        f"PHONENUMBERS_VERSION: Final = {phonenumbers.__version__!r}",
        "REGIONS: Final[dict[str, Region]] = {",
    ]
    for country, region in phone_regions().items():
        code, prefix, international, general, types = region
        lines.append(f"    {country!r}: (")
        lines.append(f"        {code!r},")
        lines.append(f"        {_text(str(prefix), 8)},")
        lines.append(f"        {_text(str(international), 8) if international else None},")
        lines.append(f"        {_shape(general, 8)},")  # type: ignore[arg-type]
        lines.append("        (")
        lines.extend(f"            {_shape(t, 12)}," for t in types)  # type: ignore[attr-defined]
        lines.append("        ),")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_country_names() -> str:
    import pycountry

    by_code: dict[str, list[str]] = {}
    for key, code in sorted(country_lookups().items()):
        if key != code.lower():  # a code finds itself: added back when the table loads
            by_code.setdefault(code, []).append(key)
    lines = [
        f'"""Generated from pycountry {pycountry.__version__} by tests/static_tables.py: '
        "do not edit.",
        "",
        "Every ISO 3166-1 country's alpha-2 code, and the texts (lower case, joined by ``|``)",
        "that ``pycountry.countries.lookup`` finds it by: alpha-3 code, number, names, flag.",
        "A code finds itself (``jp`` is JP), which :func:`country_lookup` adds back. A test",
        "holds the table equal to the installed pycountry's answers.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from functools import cache",
        "from typing import Final",
        "",
        '__all__ = ["COUNTRIES", "PYCOUNTRY_VERSION", "country_lookup"]',
        "",
        f"PYCOUNTRY_VERSION: Final = {pycountry.__version__!r}",
        "COUNTRIES: Final[dict[str, str]] = {",
    ]
    for code in sorted({c.alpha_2 for c in pycountry.countries}):
        names = by_code.get(code, [])
        assert not any(_SEPARATOR in name for name in names), names
        lines.append(f"    {code!r}: {_joined(names, 4)},")
    lines += [
        "}",
        "",
        "",
        "@cache",
        "def country_lookup() -> dict[str, str]:",
        '    """Lower-case text → the alpha-2 code ``pycountry.countries.lookup`` finds for it."""',
        "    found = {code.lower(): code for code in COUNTRIES}",
        "    for code, names in COUNTRIES.items():",
        f"        found.update(dict.fromkeys(names.split({_SEPARATOR!r}), code))",
        "    return found",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (SOURCE / "phone_regions.py").write_text(render_phone_regions(), encoding="utf-8")
    (SOURCE / "country_names.py").write_text(render_country_names(), encoding="utf-8")

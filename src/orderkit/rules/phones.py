"""Whether a phone number is valid for a destination, by phonenumbers' own metadata.

``phonenumbers.parse`` costs about 25 µs a number, more than every other rule together, and
a sheet of 5,000 orders holds 5,000 different phones. Domestic numbers written the usual way
(``010-1234-5678``: a single trunk 0, digits and dashes) are answered from the same metadata
without the general parser: strip the trunk prefix as phonenumbers would, then match the
number types' patterns and lengths. Anything else — ``+81…``, carrier codes, odd shapes —
goes to phonenumbers itself. Tests check that both paths agree; results are cached per
distinct number.

The fast path reads that metadata from a table generated from it
(:mod:`orderkit.rules.phone_regions`; a test holds it equal to the installed phonenumbers'),
and compiles a number type's pattern only when a number gets that far: importing
phonenumbers, loading a region's metadata and compiling all of its patterns cost a fresh
process about a tenth of a second, more than checking 5,000 phones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Final, Protocol, TypeVar

import attrs

from orderkit.model.problems import Flaw
from orderkit.rules.generated_tables import generated_from
from orderkit.rules.phone_regions import PHONENUMBERS_VERSION, REGIONS

__all__ = [
    "FAST_REGIONS",
    "DomesticShapes",
    "Indexed",
    "NumberShape",
    "domestic_shapes",
    "international_forms",
    "metadata_shapes",
    "phone_plausible",
    "restore_trunk_zero",
    "reword_international",
]

FAST_REGIONS: Final = frozenset({"KR", "JP"})
"""The regions answered by the fast path; phonenumbers answers the rest."""
# Every number type phonenumbers knows; a number is valid when it is of any.
_TYPES: Final = (
    "mobile", "fixed_line", "voip", "toll_free", "premium_rate", "shared_cost",
    "personal_number", "pager", "uan", "voicemail",
)  # fmt: skip

Answer = Callable[[str], bool | None]
_T_co = TypeVar("_T_co", covariant=True)


class Indexed(Protocol[_T_co]):
    """Values by order index: a list, or a dict of the orders that matter."""

    def __getitem__(self, index: int, /) -> _T_co: ...


@lru_cache(maxsize=1 << 16)
def phone_plausible(phone: str, country: str) -> bool:
    """Whether ``phone`` is a valid number in ``country`` (as ``phonenumbers`` judges it)."""
    fast = _fast_path(country)
    answer = fast(phone) if fast is not None else None
    return _phonenumbers_says(phone, country) if answer is None else answer


def _phonenumbers_says(phone: str, country: str) -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number_for_region(number, country))


@attrs.frozen
class NumberShape:
    """Numbers of one type, as phonenumbers describes them: a pattern of the national number
    (matched whole) and its possible lengths (any length when empty)."""

    pattern: str
    lengths: tuple[int, ...]

    def regex(self) -> str:
        """The shape as one Python regex, matched from the start."""
        sized = "|".join(rf"\d{{{n}}}" for n in self.lengths)
        return (f"(?=(?:{sized})$)" if sized else "") + f"(?:{self.pattern})$"


@attrs.frozen
class DomesticShapes:
    """What the fast path reads of a region's metadata: the national prefix (as
    phonenumbers parses it), the international prefix, the number shapes, and the
    region's country calling code."""

    prefix: str
    international: str | None
    general: NumberShape
    types: tuple[NumberShape, ...]
    calling_code: str


def _number_shape(desc: object) -> NumberShape | None:
    pattern = getattr(desc, "national_number_pattern", None)
    if desc is None or pattern is None:
        return None
    lengths = tuple(getattr(desc, "possible_length", ()) or ())
    if -1 in lengths:
        return None  # phonenumbers' mark for "no numbers of this type"
    return NumberShape(pattern, lengths)


@cache
def domestic_shapes(country: str) -> DomesticShapes | None:
    """The shapes of ``country``'s domestic numbers, when the fast path answers for it:
    :func:`metadata_shapes` as generated into :mod:`orderkit.rules.phone_regions`, or read
    from phonenumbers itself when another version of it is installed."""
    if not generated_from("phonenumbers", PHONENUMBERS_VERSION):
        return metadata_shapes(country)
    region = REGIONS.get(country) if country in FAST_REGIONS else None
    if region is None:
        return None
    code, prefix, international, general, types = region
    return DomesticShapes(
        prefix, international, NumberShape(*general), tuple(NumberShape(*t) for t in types), code
    )


def metadata_shapes(country: str) -> DomesticShapes | None:
    """The shapes of ``country``'s domestic numbers read from phonenumbers' metadata (what
    :mod:`orderkit.rules.phone_regions` is generated from), for a fast-path region."""
    if country not in FAST_REGIONS:
        return None
    from phonenumbers import PhoneMetadata

    metadata = PhoneMetadata.metadata_for_region(country)
    if metadata is None or not metadata.national_prefix_for_parsing:
        return None
    general = _number_shape(metadata.general_desc)
    types = tuple(t for name in _TYPES if (t := _number_shape(getattr(metadata, name, None))))
    if general is None or not types:
        return None
    international = metadata.international_prefix or None
    prefix = metadata.national_prefix_for_parsing
    return DomesticShapes(prefix, international, general, types, str(metadata.country_code))


@cache
def _fast_path(country: str) -> Answer | None:
    """A validity check for domestic numbers of ``country``, built from its metadata."""
    shapes = domestic_shapes(country)
    if shapes is None:
        return None
    general = re.compile(shapes.general.regex()).match
    types = tuple(_LazyShape(t.regex()) for t in shapes.types)
    prefix = re.compile(shapes.prefix)
    international = re.compile(shapes.international or r"(?!)")
    calling_code = shapes.calling_code

    def valid(national: str) -> bool:
        # Fits the region's general description and at least one number type. The types
        # are tried in phonenumbers' order, mobile first: most numbers need no other.
        return general(national) is not None and any(t.match(national) for t in types)

    def answer(phone: str) -> bool | None:
        # Domestic: one trunk 0, then digits in dash-separated groups.
        digits = phone.replace("-", "")
        if not (
            digits.isascii()
            and digits.isdigit()
            and phone[:1] == "0"
            and phone[1:2] not in ("0", "-")
            and "--" not in phone
            and phone[-1] != "-"
        ):
            return None
        idd = international.match(digits)
        if idd is not None and digits[idd.end() : idd.end() + 1] != "0":
            # phonenumbers reads a country calling code after the international prefix
            # (unless a 0 follows it: no code starts with 0). Only this region's own code
            # can make the number valid here; any other, or none, never does.
            return None if digits.startswith(calling_code, idd.end()) else False
        match = prefix.match(digits)
        if match is None or match.lastindex is not None:
            # No trunk prefix, or one with a group that matched (a carrier code or a
            # transformed prefix): the general parser decides.
            return None
        national = digits[match.end() :]
        if valid(national):
            return True
        if not general(national) and general(digits):
            return None  # phonenumbers keeps the prefix when only the whole number fits
        return False

    return answer


class _LazyShape:
    """One number type's pattern, compiled the first time a number is matched against it."""

    __slots__ = ("_compiled", "_regex")

    def __init__(self, regex: str) -> None:
        self._regex = regex
        self._compiled: re.Pattern[str] | None = None

    def match(self, national: str) -> bool:
        if self._compiled is None:
            self._compiled = re.compile(self._regex)
        return self._compiled.match(national) is not None


@lru_cache(maxsize=1 << 12)
def restore_trunk_zero(phone: str, country: str) -> str | None:
    """The number ``phone`` meant when it lost its leading trunk 0, written the usual
    domestic way (``1012345678`` in KR is ``010-1234-5678``); ``None`` when it is not that.

    phonenumbers reads the trunk prefix as optional, so ``1012345678`` is "valid" to it;
    what tells a lost 0 apart from a number really dialled without one (``1588-1234``) is
    whether the country writes that number with its trunk 0.
    """
    digits = phone.replace("-", "")
    if not (digits.isascii() and digits.isdigit()) or phone[:1] in ("0", "-"):
        return None
    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country)
    if metadata is None or metadata.national_prefix != "0":
        return None
    try:
        number = phonenumbers.parse(digits, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, country):
        return None
    domestic = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    written = "".join(c for c in domestic if c.isdigit())
    return domestic if written == "0" + digits else None


@lru_cache(maxsize=1 << 12)
def international_forms(phone: str, country: str) -> tuple[str, str] | None:
    """``(domestic, compact international)`` for a ``+``-prefixed number of ``country``:
    ``+81 90-1234-5678`` in JP is ``("090-1234-5678", "+819012345678")``; ``None`` when
    ``phone`` is not a valid number of that country written with its country code."""
    if not phone.startswith("+"):
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, country):
        return None
    domestic = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    compact = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # A national form with spaces or brackets (some countries') is no use to the rules.
    return (domestic.replace(" ", "-"), compact) if len(domestic) <= 15 else None


# The hard phone rules an international form breaks: its spaces, and the length they add.
_INTERNATIONAL_REWORDED: Final = {
    "too_long": "international_phone_too_long",
    "too_long_phone": "international_phone_too_long",
    "bad_chars": "international_phone_bad_chars",
}


def reword_international(
    phones: Indexed[str],
    destinations: Indexed[str | None],
    flaws: list[tuple[int, Flaw]],
) -> None:
    """Tell how to write a ``+81 90-1234-5678`` the rules refuse, in place of the bare
    rules' messages: the domestic form a courier dials (``090-1234-5678``) or the compact
    international one (``+819012345678``). One flaw per phone, with the first rule's code.

    The SPEC allows a ``+`` form of at most 15 digits, ``+`` and dashes; it is only the
    spaces and separators exports add that push it past the rules.
    """
    seen: set[int] = set()
    for n, (i, flaw) in enumerate(flaws):
        reworded = _INTERNATIONAL_REWORDED.get(flaw.message_id)
        country = destinations[i] if flaw.field == "phone" else None
        if reworded is None or country is None:
            continue
        forms = international_forms(phones[i], country)
        if forms is None:
            continue
        if i in seen:
            flaws[n] = (-1, flaw)  # a second rule broken by the same spaces: said once
            continue
        seen.add(i)
        params = (("domestic", forms[0]), ("international", forms[1]), ("country", country))
        flaws[n] = (i, Flaw("phone", reworded, phones[i], params))
    flaws[:] = [(i, flaw) for i, flaw in flaws if i >= 0]

"""Phrases in Korean and English, and how their placeholders are filled.

Every sentence orderkit shows lives in a :class:`Phrasebook`: the problem messages
(:mod:`orderkit.model.messages`), exception texts (:mod:`orderkit.model.error_texts`), and
the command line's words. Each book registers itself, so one test can render every phrase
of every book in both languages and check that no text of the other language slipped in.

Placeholders are :meth:`str.format` fields with two additions for Korean:

- ``{value:을}`` writes the value followed by the particle that fits how the value is read
  (``JP를``, ``URL을``, ``3으로``); any form of 을/를, 이/가, 은/는, 과/와, 으로/로 works;
- ``{value!q}`` writes the value in single quotes, so ``{value!q:을}`` gives ``'JP'를``.

Both forms written out (``{value}을(를)``, ``{value}(으)로``) are chosen the same way.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, Final

import attrs

from orderkit.model.particles import PAIR_FORMS, PARTICLES, attach, has_both_forms, resolve

__all__ = ["BOOKS", "LOCALES", "Phrase", "Phrasebook", "fill", "phrasebook"]

LOCALES: Final = ("ko", "en")


class _Formatter(string.Formatter):
    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion == "q":
            return f"'{value}'"
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in PARTICLES:
            return attach(format(value, ""), format_spec)
        return str(super().format_field(value, format_spec))


_FORMATTER: Final = _Formatter()


@cache
def _placeholders(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in _FORMATTER.parse(template) if name)


# Both forms of a particle written out: 을(를), 이(가), …, (으)로.
_BOTH_FORMS: Final = "|".join(
    [re.escape(f"{a}({b})") for a, b in PAIR_FORMS]
    + [re.escape(f"{b}({a})") for a, b in PAIR_FORMS]
    + [re.escape("(으)로")]
)
# A placeholder followed by both forms of a particle: {value}을(를), {value!q}(으)로.
_PLACEHOLDER_BOTH: Final = re.compile(r"(\{\w+(?:![rsaq])?)\}(" + _BOTH_FORMS + ")")
# The same after a quoted placeholder: '{value}'은(는) reads as {value!q:은}.
_QUOTED_BOTH: Final = re.compile(r"'(\{\w+)\}'(" + _BOTH_FORMS + ")")


@cache
def _prepared(template: str) -> tuple[str, bool]:
    """``template`` with written-out particles turned into placeholder formats or chosen,
    and whether it needs the particle formatter."""

    def as_format(match: re.Match[str]) -> str:
        forms = match[2]
        form = "으로" if forms in ("(으)로", "으로(로)", "로(으로)") else forms[0]
        return f"{match[1]}:{form}}}"

    def as_quoted_format(match: re.Match[str]) -> str:
        forms = match[2]
        form = "으로" if forms in ("(으)로", "으로(로)", "로(으로)") else forms[0]
        return f"{match[1]}!q:{form}}}"

    # A quoted placeholder first: the quote would otherwise stand between it and the forms.
    template = _QUOTED_BOTH.sub(as_quoted_format, template)
    template = _PLACEHOLDER_BOTH.sub(as_format, template)
    if has_both_forms(template):  # after literal words: chosen once, here
        template = resolve(template)
    special = any(
        conversion == "q" or spec in PARTICLES
        for _, name, spec, conversion in _FORMATTER.parse(template)
        if name is not None
    )
    return template, special


# One placeholder of a prepared template: the text before it, its name, its conversion
# (``q``, ``r``, ``s``, ``a`` or none) and its format spec (a particle form, or a spec for
# format()); the name is ``None`` after the last placeholder.
_Part = tuple[str, str | None, str | None, str]


@cache
def _parts(template: str) -> tuple[_Part, ...] | None:
    """A prepared template that needs the particle formatter, split once into parts; ``None``
    when a placeholder is beyond a plain name with a plain spec (the Formatter fills it)."""
    parts: list[_Part] = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        if name is not None and (not name.isidentifier() or "{" in (spec or "")):
            return None
        parts.append((literal, name, conversion, spec or ""))
    return tuple(parts)


def _fill_parts(parts: tuple[_Part, ...], values: Mapping[str, object]) -> str:
    """What ``_FORMATTER.vformat`` gives for the template of ``parts``, without parsing it
    again for every message (a large file words tens of thousands)."""
    out: list[str] = []
    for literal, name, conversion, spec in parts:
        out.append(literal)
        if name is None:
            continue
        value = values[name]
        if conversion is not None:
            value = _FORMATTER.convert_field(value, conversion)
        out.append(attach(format(value, ""), spec) if spec in PARTICLES else format(value, spec))
    return "".join(out)


def fill(template: str, values: Mapping[str, object]) -> str:
    """``template`` with its placeholders filled from ``values`` (particles chosen).

    A particle written with both forms after a placeholder (``{value}을(를)``) is chosen as
    if written ``{value:을}``; the values themselves are never changed.
    """
    template, special = _prepared(template)
    # Most messages need no particle: str.format_map is several times faster than a
    # Formatter, which counts when a large file has a problem on every row.
    if not special:
        return template.format_map(values)
    parts = _parts(template)
    return _FORMATTER.vformat(template, (), values) if parts is None else _fill_parts(parts, values)


@attrs.frozen
class Phrase:
    """One sentence in both languages; both name the same placeholders."""

    ko: str
    en: str

    def template(self, locale: str) -> str:
        """The Korean text for ``"ko"``, the English text for any other locale."""
        return self.ko if locale == "ko" else self.en

    def placeholders(self, locale: str) -> frozenset[str]:
        """The names of the placeholders in the text for ``locale``."""
        return _placeholders(self.template(locale))

    def render(self, locale: str, values: Mapping[str, object]) -> str:
        """The text for ``locale`` with ``values`` filled in.

        Raises:
            KeyError: a placeholder has no value (a bug in orderkit, never a user error).
        """
        missing = self.placeholders(locale) - values.keys()
        if missing:
            raise KeyError(f"phrase needs {sorted(missing)}")
        return fill(self.template(locale), values)


@attrs.frozen
class Phrasebook(Mapping[str, Phrase]):
    """Named phrases of one part of orderkit; ``book(key, locale, **values)`` renders one."""

    name: str
    phrases: Mapping[str, Phrase]

    def __call__(self, key: str, locale: str, /, **values: object) -> str:
        try:
            return self.phrases[key].render(locale, values)
        except KeyError as exc:
            raise KeyError(f"{self.name}.{key}: {exc}") from None

    def both(self, key: str, /, **values: object) -> tuple[str, str]:
        """The phrase rendered in Korean and in English: ``(ko, en)``."""
        return self(key, "ko", **values), self(key, "en", **values)

    def __getitem__(self, key: str) -> Phrase:
        return self.phrases[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.phrases)

    def __len__(self) -> int:
        return len(self.phrases)


BOOKS: Final[dict[str, Phrasebook]] = {}
"""Every phrasebook by name, filled as the modules that define them are imported."""


def phrasebook(name: str, entries: Mapping[str, tuple[str, str]]) -> Phrasebook:
    """Make and register a phrasebook from ``{key: (korean, english)}``.

    Raises:
        ValueError: a book of that name exists, or a phrase's languages name different
            placeholders.
    """
    if name in BOOKS:
        raise ValueError(f"phrasebook {name!r} is defined twice")
    phrases = {key: Phrase(ko, en) for key, (ko, en) in entries.items()}
    for key, phrase in phrases.items():
        if phrase.placeholders("ko") != phrase.placeholders("en"):
            raise ValueError(f"{name}.{key}: Korean and English name different placeholders")
    book = Phrasebook(name, phrases)
    BOOKS[name] = book
    return book

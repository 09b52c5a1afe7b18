"""The problem messages: what a :class:`~orderkit.Problem` says, in Korean and English.

A message id names one situation; several ids may share a problem code (``too_long`` for a
name and the friendlier ``too_long_phone`` that says how to shorten a phone). Each message
says what is wrong and what to do. ``{label}`` is filled with the field's own name; values
before a Korean particle use ``{value:을}`` (see :mod:`orderkit.model.wording`).

The other phrases (exception texts, the command line's words) live in their own
:class:`~orderkit.model.wording.Phrasebook`; every book is registered in ``wording.BOOKS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Final

import attrs

from orderkit.model.code_descriptions import DESCRIPTIONS
from orderkit.model.errors import InvalidArgument
from orderkit.model.fields import label as field_label
from orderkit.model.message_texts import MESSAGE_TEXTS
from orderkit.model.problems import Code
from orderkit.model.wording import LOCALES, Phrase, fill, phrasebook

__all__ = ["CATALOGUE", "DESCRIPTIONS", "LOCALES", "Message", "check_locale", "render", "word"]


@attrs.frozen
class Message(Phrase):
    """A problem message: a :class:`~orderkit.model.wording.Phrase` with the code it reports."""

    code: Code = attrs.field(kw_only=True)


# The texts are data in their own module; each becomes a Message here.
CATALOGUE: Final[Mapping[str, Message]] = {
    message_id: Message(ko, en, code=code) for message_id, (code, ko, en) in MESSAGE_TEXTS.items()
}


def check_locale(locale: str) -> str:
    """Return ``locale`` if orderkit speaks it, else raise :class:`InvalidArgument`."""
    if locale not in LOCALES:
        from orderkit.model.error_texts import error

        raise error(InvalidArgument, "unknown_locale", locale=locale, locales=", ".join(LOCALES))
    return locale


@cache
def _placeholders(message_id: str, locale: str) -> frozenset[str]:
    return CATALOGUE[message_id].placeholders(locale)


def render(message_id: str, locale: str, field: str, params: Mapping[str, object]) -> str:
    """The sentence for ``message_id`` in ``locale``, with ``{label}`` from ``field``."""
    message = CATALOGUE[message_id]
    values = {"label": field_label(field, locale), **params}
    missing = _placeholders(message_id, locale) - values.keys()
    if missing:
        # A broken promise inside orderkit, not a data problem: fail loudly in tests.
        raise KeyError(f"message {message_id!r} needs {sorted(missing)}")
    return fill(message.template(locale), values)


def word(
    message_id: str,
    locale: str,
    field: str,
    value: str | None,
    params: tuple[tuple[str, object], ...],
) -> tuple[Code, str]:
    """The code and sentence of a flaw (:meth:`orderkit.model.problems.Flaw.to_problem`):
    ``{value}`` is the value (empty for none) unless ``params`` name another."""
    # Only text and whole numbers are remembered: values that compare equal but are
    # written otherwise (1, 1.0, True, Decimal("1.00")) would share one memo entry.
    if all(type(v) is str or type(v) is int for _, v in params):
        return _worded(message_id, locale, field, value, params)
    return _word(message_id, locale, field, value, params)


def _word(
    message_id: str,
    locale: str,
    field: str,
    value: str | None,
    params: tuple[tuple[str, object], ...],
) -> tuple[Code, str]:
    values = {"value": value if value is not None else "", **dict(params)}
    return CATALOGUE[message_id].code, render(message_id, locale, field, values)


# The same flaw of the same value recurs in a large file (one bad postal code in many
# orders, a phone on every row of an order): worded once while it is recent.
_worded: Final = lru_cache(maxsize=4096)(_word)


# Registered so the language checks see problem messages and code descriptions like every
# other phrase.
phrasebook("problems", {key: (m.ko, m.en) for key, m in CATALOGUE.items()})
phrasebook("codes", {str(code): pair for code, pair in DESCRIPTIONS.items()})

"""Problems: what is wrong with a value, where, as data."""

from __future__ import annotations

import enum
from functools import cache
from types import ModuleType

import attrs

from orderkit.model.wording import phrasebook

__all__ = ["Code", "Flaw", "Problem", "Severity"]

_WORDS = phrasebook("problem_words", {
    "row": ("{row}행", "row {row}"),
    "line": ("SKU {line}번째 줄", "line {line}"),
    "error": ("오류", "error"),
    "warning": ("경고", "warning"),
})  # fmt: skip


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(enum.StrEnum):
    """Stable machine codes. Services branch on them: a code never changes meaning."""

    # SPEC §2
    MISSING = "missing"
    TOO_LONG = "too_long"
    BAD_CHARS = "bad_chars"
    BAD_COUNTRY = "bad_country"
    URL_REQUIRED = "url_required"
    BAD_URL = "bad_url"
    AMOUNT_REQUIRED = "amount_required"
    BAD_NUMBER = "bad_number"
    NOT_INTEGER = "not_integer"
    OUT_OF_RANGE = "out_of_range"
    CONFLICTING_ROWS = "conflicting_rows"
    DUPLICATE_ORDER = "duplicate_order"
    GROUP_FAILED = "group_failed"
    TOO_MANY_ORDERS = "too_many_orders"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_SKU = "unknown_sku"
    BAD_POSTAL_CODE = "bad_postal_code"
    # orderkit's own, beyond the seed
    BAD_TYPE = "bad_type"
    UNKNOWN_FIELD = "unknown_field"
    INEXACT_NUMBER = "inexact_number"
    LOST_LEADING_ZERO = "lost_leading_zero"
    IMPLAUSIBLE_PHONE = "implausible_phone"
    RESTORED_LEADING_ZERO = "restored_leading_zero"
    ALREADY_REGISTERED = "already_registered"
    COMMIT_FAILED = "commit_failed"
    NOT_STORED = "not_stored"
    SPLIT_ORDER = "split_order"
    # rules: leading zeros, lost characters, full-width text, Japan customs
    LOST_CHARACTER = "lost_character"
    NORMALIZED_TEXT = "normalized_text"
    WRONG_CURRENCY = "wrong_currency"
    ALREADY_CANCELLED = "already_cancelled"
    DUPLICATE_COLUMN = "duplicate_column"
    # ambiguity: one spelling per marketplace, joined parts, stored orders
    NORMALIZED_NAME = "normalized_name"
    SIMILAR_PLATFORM = "similar_platform"
    PARTLY_EMPTY = "partly_empty"
    # Japan customs, beyond the seed
    KOREAN_PRODUCT_URL = "korean_product_url"


@attrs.frozen
class Problem:
    """One problem with one value.

    ``row`` is the row number Excel shows (``None`` for an order given as a dict), ``field``
    the canonical field name, ``line`` the index of the SKU line for a dict's ``lines``,
    ``column`` the sheet header the value came from, ``value`` the offending text.
    """

    row: int | None
    field: str
    code: Code
    severity: Severity
    message: str
    value: str | None = attrs.field(default=None, kw_only=True)
    column: str | None = attrs.field(default=None, kw_only=True)
    line: int | None = attrs.field(default=None, kw_only=True)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return self.describe("en")

    def describe(self, locale: str) -> str:
        """One line for people: where, code, severity and message, worded in ``locale``.

        The message itself stays in the locale it was made in.
        """
        from orderkit.model.fields import label

        where = [_WORDS("row", locale, row=self.row)] if self.row is not None else []
        if self.line is not None:
            where.append(_WORDS("line", locale, line=self.line + 1))
        field = self.field if locale == "en" else label(self.field, locale)
        where.append(self.column or field)
        severity = _WORDS(str(self.severity), locale)
        return f"[{', '.join(where)}] {self.code} ({severity}): {self.message}"


@attrs.frozen
class Flaw:
    """A problem found by a rule before it is placed (row, line, column) and worded.

    Rules produce flaws; the stage that knows where the value came from turns them into
    :class:`Problem` values in the caller's locale.
    """

    field: str
    message_id: str
    value: str | None = None
    params: tuple[tuple[str, object], ...] = ()
    severity: Severity = Severity.ERROR

    @property
    def code(self) -> Code:
        code: Code = _messages().CATALOGUE[self.message_id].code
        return code

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_problem(
        self,
        row: int | None,
        locale: str,
        *,
        line: int | None = None,
        column: str | None = None,
    ) -> Problem:
        code, message = _messages().word(
            self.message_id, locale, self.field, self.value, self.params
        )
        return Problem(
            row, self.field, code, self.severity, message, value=self.value, column=column,
            line=line,
        )  # fmt: skip


@cache
def _messages() -> ModuleType:
    """The messages module, imported on first use (it imports this one) and then kept: an
    import statement per problem costs more than wording it, on a file with many."""
    from orderkit.model import messages

    return messages

"""Screening a batch of rows over columns: the orders that surely have no problem.

Nearly every order of a large file is fine. Screening finds those orders as polars frame
operations — the cells read as text, rows grouped into orders, "same as above" merged, and
the declared rules run by their polars backend — and hands every other row to the engine
(:func:`~orderkit.engine.assemble.assemble_orders`), which words the problems exactly as it
does for a whole file. Screening never decides a problem itself: it only says "surely
nothing to report" or "let the engine look".

An order is handed to the engine when any of its rows

- holds a cell whose text needs more than trimming (a control character, text not in NFC),
  which only the engine's reading gets exactly right;
- has a value the engine would normalise first (a full-width or marked number, a platform
  or brand spelled another way) or no order number;
- breaks a rule, or contradicts another row of its order;

so every problem of the file is found by the engine, and the orders screened clean are
only counted. Keys are compared as the engine compares them; a key that screened clean in
one part of the file and reached the engine in another is caught by the caller, which
checks such orders again whole.

polars is imported when a function here is called.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final
from unicodedata import is_normalized

import attrs

from orderkit.engine.catalogue import Catalogue
from orderkit.files.arrow_rows import column_name
from orderkit.model.fields import ORDER_FIELDS
from orderkit.rules.identity import IDENTITY_FIELDS, normalize_identity
from orderkit.rules.marks import MARKED_FIELDS
from orderkit.templates.mapper import Positions, locate
from orderkit.templates.template import Column, Constant, FieldSpec

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "KEY",
    "BatchScreen",
    "ScreenPlan",
    "key_of",
    "key_parts",
    "plain_constant",
    "python_key",
    "read_values",
    "respelled",
    "screen_batch",
    "screen_plan",
]

# A character other than ASCII printable and Hangul syllables: text made only of those is
# in NFC and needs nothing but trimming; a row with any other is looked at more closely.
_PLAIN: Final = "[^ -~가-힣]"
# Control characters: Python's strip() and polars' differ on some (U+001C–U+001F), and
# the engine's reading keeps or drops them as Python does.
_CONTROL: Final = "[\\x00-\\x1F\\x7F-\\x9F]"
_CONTROL_CHARACTER: Final = re.compile(_CONTROL)
_NUMBER: Final = "order_number"
_PLATFORM: Final = "platform"
KEY: Final = "_key"
"""The column of an order's key as one text (:func:`key_of`)."""


@attrs.frozen
class ScreenPlan:
    """What the screen reads from a file's columns, built from the template once."""

    columns: Mapping[str, tuple[int, ...]]
    """Each field read from columns: its 0-based columns (the first non-empty counts)."""
    maps: Mapping[str, Mapping[str, str]]
    defaults: Mapping[str, str]
    constants: Mapping[str, str]
    read: tuple[int, ...]
    """Every column read: a row with all of them empty is no row."""
    encoding: str | None


def screen_plan(
    specs: Mapping[str, FieldSpec],
    positions: Positions,
    *,
    encoding: str | None,
    catalogue: Catalogue | None,
) -> ScreenPlan | None:
    """The plan for a template's fields, or ``None`` when the screen cannot stand in for
    the engine's reading (a pattern, joined columns, a catalogue): every row then goes to
    the engine."""
    if catalogue is not None:
        return None
    columns: dict[str, tuple[int, ...]] = {}
    maps: dict[str, Mapping[str, str]] = {}
    defaults: dict[str, str] = {}
    constants: dict[str, str] = {}
    read: dict[int, None] = {}
    for field, spec in specs.items():
        if isinstance(spec, Constant):
            if not plain_constant(field, spec.constant):
                return None
            constants[field] = spec.constant
            continue
        if not isinstance(spec, Column) or spec.pattern is not None:
            return None
        located = [locate(spec, header, positions) for header in spec.headers]
        present = tuple(column for column in located if column is not None)
        read.update(dict.fromkeys(present))
        columns[field] = present
        if spec.map is not None:
            maps[field] = {old: new for old, new in spec.map.items() if old}
        if spec.default:
            if not plain_constant(field, spec.default):
                return None
            defaults[field] = spec.default
    return ScreenPlan(columns, maps, defaults, constants, tuple(read), encoding)


def plain_constant(field: str, value: str) -> bool:
    """Whether a value given by the template reaches the rules as written."""
    if field in IDENTITY_FIELDS and normalize_identity(value) != (value, []):
        return False
    return not (field in MARKED_FIELDS and not value.isascii())


@attrs.frozen
class BatchScreen:
    """What screening one batch found."""

    engine_rows: Sequence[int]
    """Positions (in the frame, in order) of the rows the engine must check."""
    engine_keys: pl.DataFrame
    """The key (:data:`KEY`, :func:`key_of`) of each of those rows as the screen read it,
    and ``_odd`` where only the engine's reading gives the key (in the same order)."""
    clean_keys: pl.DataFrame
    """The key (:data:`KEY`) of each order screened clean, one row per order."""
    clean: pl.DataFrame
    """The key (:data:`KEY`) and ``_position`` of each row of those orders."""

    @property
    def clean_rows(self) -> int:
        """The rows of the orders screened clean."""
        return self.clean.height


def screen_batch(frame: pl.DataFrame, plan: ScreenPlan) -> BatchScreen:
    """Screen the data rows of ``frame`` (string columns named ``A``, ``B``, … as
    :func:`orderkit.files.arrow_rows.column_name` names them; a null is a cell the row
    does not have)."""
    import polars as pl

    work = read_values(frame, plan)
    needs_engine = pl.col("_odd") | (~pl.col("_blank") & _normalised_first(work, plan))
    work = work.with_columns(_engine=needs_engine)
    if work["_blank"].any():
        work = work.filter(pl.col("_odd") | ~pl.col("_blank"))
    # Every row of an order one of whose rows goes to the engine goes too.
    work = _spread(work)
    flagged, orders = _flagged_orders(work.filter(~pl.col("_engine")), plan)
    # From here on only which rows go where is needed: the values are left behind.
    work = work.select(KEY, "_position", "_odd", "_engine")
    if flagged.len():
        hit = pl.col(KEY).is_in(flagged.implode())
        work = work.with_columns(_engine=pl.col("_engine") | hit)
        orders = orders.filter(~hit)
    candidates = work.filter(~pl.col("_engine"))
    engine = work.filter(pl.col("_engine"))
    engine_rows: list[int] = engine["_position"].to_list()
    return BatchScreen(
        engine_rows,
        engine.select(KEY, "_odd"),
        orders.select(KEY),
        candidates.select(KEY, "_position"),
    )


def read_values(frame: pl.DataFrame, plan: ScreenPlan) -> pl.DataFrame:
    """Each row of ``frame`` read as the mapper reads it: the trimmed cells, every field's
    value, the order key (:data:`KEY`), ``_position``, ``_blank`` (nothing in any column
    read) and ``_odd`` (a cell whose text only the engine's reading gets right: the other
    columns of such a row are not to be trusted)."""
    import polars as pl

    names = {c: column_name(c) for c in plan.read}
    raw = frame.select(
        [
            (pl.col(n).cast(pl.String) if n in frame.columns else pl.lit(None, pl.String))
            .fill_null("")
            .alias(n)
            for n in names.values()
        ]
    )
    odd = _odd_rows(raw)
    texts = raw.select(pl.all().str.strip_chars())
    blank = pl.all_horizontal([pl.col(n) == "" for n in names.values()]) if names else pl.lit(True)
    work = texts.with_columns(
        _blank=blank,
        _odd=odd,
        **{field: _value(field, plan) for field in (*plan.columns, *plan.constants)},
    )
    for field in (_PLATFORM, _NUMBER):
        if field not in work.columns:
            work = work.with_columns(pl.lit("", pl.String).alias(field))
    return work.with_row_index("_position").with_columns(
        key_of(pl.col(_PLATFORM), pl.col(_NUMBER), plan).alias(KEY)
    )


def respelled(work: pl.DataFrame, plan: ScreenPlan) -> pl.Expr:
    """Rows whose platform or brand (read from a column) the engine spells another way."""
    import polars as pl

    needs = pl.lit(False)
    for field in IDENTITY_FIELDS:
        if field not in plan.columns or field in plan.constants:
            continue
        needs = needs | pl.col(field).str.contains("  ", literal=True)
        changed = _respelled(work[field])
        if changed:
            needs = needs | pl.col(field).is_in(changed)
    return needs


def key_of(platform: pl.Expr, number: pl.Expr, plan: ScreenPlan) -> pl.Expr:
    """An order's key as one text, equal exactly when ``(platform, number)`` are: the
    number alone when the platform is the template's (the same for every row), otherwise
    the platform's length, the platform and the number."""
    import polars as pl

    if _PLATFORM in plan.constants:
        return number
    return pl.concat_str([platform.str.len_chars().cast(pl.String), pl.lit(":"), platform, number])


def python_key(platform: str, number: str, plan: ScreenPlan) -> str:
    """:func:`key_of` for one order's key in Python."""
    if _PLATFORM in plan.constants:
        return number
    return f"{len(platform)}:{platform}{number}"


def key_parts(key: str, plan: ScreenPlan) -> tuple[str, str]:
    """``(platform, number)`` of a key made by :func:`key_of`."""
    if _PLATFORM in plan.constants:
        return plan.constants[_PLATFORM], key
    length, rest = key.split(":", 1)
    return rest[: int(length)], rest[int(length) :]


def _odd_rows(raw: pl.DataFrame) -> pl.Series:
    """Rows with a cell whose text needs more than trimming to read as the engine reads it."""
    import polars as pl

    # Text beyond ASCII and Hangul is rare and repeats (names, addresses): each distinct
    # such value of a column is judged once, in Python, by the very test the engine's
    # reading makes (unicodedata's NFC, whatever Unicode version polars knows).
    unusual = raw.select(
        pl.col(n).filter(pl.col(n).str.contains(_PLAIN)).unique().implode() for n in raw.columns
    )
    odd = [
        pl.col(n).is_in(bad)
        for n in raw.columns
        if (bad := [text for text in unusual[n][0].to_list() if _odd_text(text)])
    ]
    if not odd:
        return pl.Series("_odd", [False] * raw.height, dtype=pl.Boolean)
    return raw.select(pl.any_horizontal(odd).alias("_odd"))[:, 0]


def _odd_text(text: str) -> bool:
    """Whether ``text`` holds a control character or is not in NFC."""
    return _CONTROL_CHARACTER.search(text) is not None or not is_normalized("NFC", text)


def _value(field: str, plan: ScreenPlan) -> pl.Expr:
    """A field's text as the mapper makes it: first non-empty column, map, default."""
    import polars as pl

    if field in plan.constants:
        return pl.lit(plan.constants[field], pl.String)
    columns = [pl.col(column_name(c)) for c in plan.columns[field]]
    if not columns:
        value = pl.lit("", pl.String)
    elif len(columns) == 1:
        value = columns[0]
    else:
        value = pl.coalesce([pl.when(c != "").then(c) for c in columns]).fill_null("")
    mapping = plan.maps.get(field)
    if mapping:
        value = value.replace(dict(mapping))
    default = plan.defaults.get(field)
    if default:
        value = pl.when(value == "").then(pl.lit(default)).otherwise(value)
    return value


def _normalised_first(work: pl.DataFrame, plan: ScreenPlan) -> pl.Expr:
    """Rows holding a value the engine normalises before the rules (and warns about), or
    no order number to group by."""
    import polars as pl

    fields = set(plan.columns) - set(plan.constants)
    marked = [_beyond_ascii(pl.col(f)) for f in MARKED_FIELDS if f in fields]
    needs = (pl.col(_NUMBER) == "") | respelled(work, plan)
    for expr in marked:
        needs = needs | expr
    return needs


def _beyond_ascii(text: Any) -> Any:
    """Where text (an expression or a series) has a character beyond ASCII: more UTF-8
    bytes than characters (far cheaper than a regular expression)."""
    return text.str.len_bytes() != text.str.len_chars()


def _respelled(values: pl.Series) -> list[str]:
    """The distinct non-ASCII values the engine spells another way."""
    wide = values.filter(_beyond_ascii(values)).unique().to_list()
    return [text for text in wide if normalize_identity(text)[0] != text]


def _spread(work: pl.DataFrame) -> pl.DataFrame:
    """Every row sharing an order key with a row for the engine is for the engine too."""
    import polars as pl

    sent = work.filter(pl.col("_engine") & (pl.col(_NUMBER) != ""))
    if not sent.height:
        return work
    hit = pl.col(KEY).is_in(sent[KEY].implode())
    return work.with_columns(_engine=pl.col("_engine") | hit)


def _flagged_orders(candidates: pl.DataFrame, plan: ScreenPlan) -> tuple[pl.Series, pl.DataFrame]:
    """The keys of the candidate orders with any problem (a rule broken, or rows that
    contradict each other), and every candidate order, one row each, with its key."""
    import polars as pl

    from orderkit.rules.polars_backend import check_lines_frame, check_orders_frame

    present = [f for f in ORDER_FIELDS if f in plan.columns or f in plan.constants]
    shown = [KEY, *present]
    repeated = candidates[KEY].is_duplicated()
    if repeated.any():
        merged, contradicted = _merge_orders(candidates.filter(repeated), shown)
        orders = pl.concat([candidates.filter(~repeated).select(shown), merged])
    else:
        orders = candidates.select(shown)
        contradicted = pl.Series(KEY, [], dtype=pl.String)
    checked = check_orders_frame(orders.select(present), {}, encoding=plan.encoding)
    order_rows = sorted({index for index, _ in checked.flaws})
    sku = candidates["sku"] if "sku" in candidates.columns else _empty(candidates.height)
    quantity = (
        candidates["quantity"] if "quantity" in candidates.columns else _empty(candidates.height)
    )
    lines = check_lines_frame(sku, quantity)
    line_rows = sorted({index for index, _ in lines.flaws})
    flagged = pl.concat(
        [contradicted, orders[KEY].gather(order_rows), candidates[KEY].gather(line_rows)]
    )
    return flagged.unique(), orders


def _empty(height: int) -> pl.Series:
    import polars as pl

    return pl.Series([""] * height, dtype=pl.String)


def _merge_orders(rows: pl.DataFrame, shown: list[str]) -> tuple[pl.DataFrame, pl.Series]:
    """One row per order of ``rows`` (orders of several rows) with the ``shown`` columns,
    each field's first non-empty value; and the keys of orders whose rows hold two
    different values of a field."""
    import polars as pl

    fields = [f for f in shown if f not in (KEY, _PLATFORM, _NUMBER)]
    grouped = rows.group_by(KEY, maintain_order=True).agg(
        pl.col(_PLATFORM).first(),
        pl.col(_NUMBER).first(),
        *[pl.col(f).filter(pl.col(f) != "").first().fill_null("").alias(f) for f in fields],
        _values=pl.max_horizontal(
            [pl.col(f).filter(pl.col(f) != "").n_unique() for f in fields] or [pl.lit(0)]
        ),
    )
    contradicted = grouped.filter(pl.col("_values") > 1)[KEY]
    return grouped.select(shown), contradicted

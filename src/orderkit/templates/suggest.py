"""Drafting a template from a sheet's headers: synonyms, whole words, a confidence each.

The suggester picks the sheet that looks like orders and the header row on it (a title or
notice above it is common), scores every header against a Korean, Japanese and English
synonym table (:mod:`orderkit.templates.header_words`), joins fields a layout splits
(:mod:`orderkit.templates.draft_parts`) and leaves a field unmapped rather than guess below the
threshold. A buyer's column (구매자…, 注文者…, Bill…) never becomes a recipient's, a per-line
amount never an order's, and a header that appears twice is never mapped. The draft's
``notes`` say what it read, joined and guessed and which fields it left for a person.

The work is bounded whatever the file holds: at most :data:`MAX_COLUMNS` columns of the
first rows of the first sheets are read, and a cell longer than a header can be is skipped.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from orderkit.files.reader import read_sheet, sheet_index
from orderkit.files.sheet import Sheet
from orderkit.model.errors import UnreadableFile
from orderkit.model.messages import check_locale
from orderkit.templates.draft_notes import column_letter, field_names, note
from orderkit.templates.draft_parts import Join, address_parts, name_parts, numbered_parts
from orderkit.templates.draft_refine import country_with_names, japan_evidence, option_code_first
from orderkit.templates.header_words import (
    MAX_HEADER_CHARS,
    THRESHOLD,
    recipient_side,
    score,
)
from orderkit.templates.mapper import REQUIRED_FIELDS, header_key
from orderkit.templates.synonyms import SYNONYMS
from orderkit.templates.template import (
    MAPPABLE_FIELDS,
    Column,
    Constant,
    FieldSpec,
    Joined,
    Template,
)

__all__ = ["MAX_COLUMNS", "THRESHOLD", "score", "suggest_template"]

MAX_COLUMNS: Final = 512
_HEADER_SEARCH_ROWS: Final = 20
_MAX_SHEETS: Final = 10
# A header naming this many fields is an order list; other sheets are not read then.
_PLAIN_ORDERS: Final = 5
_MULTI_COLUMN: Final = frozenset({"phone"})
_JAPAN_GUESS: Final = 0.8
# A second phone column is a fallback only when it scores nearly as well as the first.
_FALLBACK_GAP: Final = 0.1


def _fields_in_row(cells: Sequence[str]) -> int:
    """How many distinct fields a row's cells name: how much it looks like a header."""
    found: set[str] = set()
    for cell in cells[:MAX_COLUMNS]:
        if not cell:
            continue
        found.update(f for f in SYNONYMS if score(cell, f) >= THRESHOLD)
    return len(found)


def _header_index(sheet: Sheet) -> tuple[int, int]:
    """The row that names the most fields (0-based), and how many it names."""
    best, best_index = 1, 0
    for index in range(min(_HEADER_SEARCH_ROWS, len(sheet))):
        count = _fields_in_row(sheet.row(index)[0])
        if count > best:
            best, best_index = count, index
    return best_index, best


def _orders_sheet(path: Path, sheet: str | int | None) -> tuple[Sheet, bool]:
    """The sheet to draft from, and whether it is another than the first.

    With ``sheet`` given (a name, or a number from 1), that one. Otherwise the first
    sheets are read and the one whose header names the most fields wins (a notice sheet
    before the orders is common).
    """
    if sheet is not None:
        return read_sheet(path, sheet=sheet_index(sheet)), True
    first = read_sheet(path)
    if first.format == "csv":
        return first, False
    best, best_count, best_number = first, _header_index(first)[1], 0
    if best_count >= _PLAIN_ORDERS:
        return first, False  # the first sheet is an order list: the usual case reads one
    for number in range(1, _MAX_SHEETS):
        try:
            candidate = read_sheet(path, sheet=number)
        except UnreadableFile:
            break  # no more sheets
        count = _header_index(candidate)[1]
        if count > best_count:
            best, best_count, best_number = candidate, count, number
    return best, best_number > 0


def suggest_template(
    source: str | Path | Sequence[str] | Sheet,
    *,
    name: str | None = None,
    seed: Template | None = None,
    renamed: Mapping[str, str] | None = None,
    sheet: str | int | None = None,
    locale: str = "ko",
) -> Template:
    """A draft template for a file (or a list of its headers), with ``.confidence`` per field.

    ``sheet`` (a name, or a number from 1) picks the worksheet; by default the one that
    looks most like an order list is used and the draft records it. Fields below the
    threshold stay unmapped: ``.notes`` (written into ``to_toml()``, in ``locale``) lists
    them with everything else a person should check. With a ``seed`` (an account's earlier
    template), every field whose columns are still there keeps its mapping as it was
    (confidence 1), a column in ``renamed`` (old header → new) follows its new name, and
    only the rest is suggested afresh.
    """
    locale = check_locale(locale)
    header_row: int | None = 1
    sheet_choice: str | None = None
    notes: list[str] = []
    if isinstance(source, str | Path):
        read, picked = _orders_sheet(Path(source), sheet)
        name = name or f"suggested-{Path(source).stem}"
        if picked or sheet is not None:
            sheet_choice = read.name
        source = read
    if isinstance(source, Sheet):
        index = _header_index(source)[0] if seed is None else _seeded_index(source, seed)
        headers: Sequence[str] = source.row(index)[0]
        header_row = index + 1
        if sheet_choice is not None:
            notes.append(note("sheet", locale, sheet=sheet_choice, row=header_row))
    else:
        headers = [str(h) for h in source]

    fields: dict[str, FieldSpec] = {}
    confidence: dict[str, float] = {}
    taken: set[int] = set()
    if seed is not None:
        fields, taken = _kept(seed, headers, renamed or {})
        confidence = dict.fromkeys(fields, 1.0)
    draft = _Draft(headers, locale, fields, confidence, taken, notes)
    draft.suggest()
    ordered: dict[str, FieldSpec] = {
        f: draft.fields[f] for f in MAPPABLE_FIELDS if f in draft.fields
    }
    ordered_confidence: dict[str, float] = {
        f: draft.confidence[f] for f in ordered if f in draft.confidence
    }
    if seed is not None:
        return attrs.evolve(
            seed,
            fields=ordered,
            header_row=header_row,
            confidence=ordered_confidence,
            notes=tuple(draft.notes),
        )
    notes_out = [note("draft", locale), *draft.notes, note("platform", locale), 'platform = ""']
    return Template(
        fields=ordered,
        name=name or "suggested",
        header_row=header_row,
        sheet=sheet_choice,
        confidence=ordered_confidence,
        notes=tuple(notes_out),
    )


@attrs.define
class _Draft:
    """One draft being built: the fields found so far and the notes for a person."""

    headers: Sequence[str]
    locale: str
    fields: dict[str, FieldSpec]
    confidence: dict[str, float]
    taken: set[int]
    notes: list[str]
    usable: set[int] = attrs.field(factory=set)

    def suggest(self) -> None:
        self._bound_and_deduplicate()
        for join in (
            name_parts(self.headers, self.usable) if "recipient_name" not in self.fields else None,
            self._numbered("postal_code", 2, "-"),
            self._numbered("phone", 3, "-"),
        ):
            if join is not None:
                self._take_join(join)
        self._assign()
        self._join_address()
        self._fallbacks()
        missing = [f for f in REQUIRED_FIELDS if f not in self.fields and f != "platform"]
        if missing:
            names = field_names(missing, self.locale)
            self.notes.append(note("unmapped", self.locale, fields=names))

    def _bound_and_deduplicate(self) -> None:
        headers = self.headers
        considered = [c for c in range(min(len(headers), MAX_COLUMNS)) if headers[c]]
        if len([h for h in headers if h]) > len(considered):
            self.notes.append(
                note("too_many_columns", self.locale, count=len(headers), limit=MAX_COLUMNS)
            )
        too_long = [c for c in considered if _too_long(headers[c])]
        if too_long:
            self.notes.append(
                note("too_long", self.locale, count=len(too_long), limit=MAX_HEADER_CHARS)
            )
        keys = Counter(header_key(headers[c]) for c in considered)
        duplicated: dict[str, list[int]] = {}
        for column in considered:
            if keys[header_key(headers[column])] > 1:
                duplicated.setdefault(header_key(headers[column]), []).append(column)
        for columns in duplicated.values():
            self.notes.append(
                note(
                    "duplicate",
                    self.locale,
                    header=repr(headers[columns[0]]),
                    columns=", ".join(column_letter(c) for c in columns),
                )
            )
        dropped = {c for columns in duplicated.values() for c in columns}
        self.usable = {c for c in considered if c not in dropped and c not in too_long}
        self.usable -= self.taken

    def _numbered(self, field: str, count: int, join: str) -> Join | None:
        if field in self.fields:
            return None
        return numbered_parts(self.headers, self.usable, field, count, join)

    def _take_join(self, join: Join) -> None:
        self.fields[join.field] = Joined(tuple(self.headers[c] for c in join.columns), join.join)
        self.confidence[join.field] = join.confidence
        self.usable -= set(join.columns)
        self.taken.update(join.columns)
        listed = ", ".join(repr(self.headers[c]) for c in join.columns)
        named = field_names([join.field], self.locale)
        self.notes.append(note("joined", self.locale, field=named, columns=listed))

    def _assign(self) -> None:
        candidates: list[tuple[float, int, str, str]] = []
        for column in sorted(self.usable):
            header = self.headers[column]
            for field in SYNONYMS:
                if field in self.fields:
                    continue
                value = score(header, field)
                if value >= THRESHOLD:
                    candidates.append((value, column, field, recipient_side(header, field)))
        # Shipping words win: a recipient field with a shipping-worded candidate drops bare ones.
        shipped = {f for _, _, f, s in candidates if s == "ship"}
        candidates = [c for c in candidates if c[3] == "ship" or c[2] not in shipped]
        chosen: dict[str, list[tuple[float, int]]] = {}
        for value, column, field, _ in sorted(candidates, key=lambda c: (-c[0], c[1])):
            if column in self.taken:
                continue
            if field in chosen and (
                field not in _MULTI_COLUMN or value < chosen[field][0][0] - _FALLBACK_GAP
            ):
                continue
            chosen.setdefault(field, []).append((value, column))
            self.taken.add(column)
            self.usable.discard(column)
        for field, picks in chosen.items():
            self.fields[field] = Column(tuple(self.headers[c] for _, c in picks))
            self.confidence[field] = round(max(v for v, _ in picks), 2)

    def _join_address(self) -> None:
        spec = self.fields.get("address")
        if not isinstance(spec, Column) or len(spec.headers) != 1:
            return
        street = next(c for c in range(len(self.headers)) if self.headers[c] == spec.headers[0])
        join = address_parts(self.headers, self.usable, street)
        if join is not None:
            del self.fields["address"]
            self._take_join(attrs.evolve(join, confidence=self.confidence["address"]))

    def _fallbacks(self) -> None:
        total = self.fields.get("total_amount")
        if "paid_amount" not in self.fields and isinstance(total, Column):
            self.fields["paid_amount"] = total
            self.confidence["paid_amount"] = round(self.confidence["total_amount"] - 0.1, 2)
            header = ", ".join(repr(h) for h in total.headers)
            self.notes.append(note("paid_from_total", self.locale, header=header))
        self._option_code()
        usable = [h for h in self.headers[:MAX_COLUMNS] if h and not _too_long(h)]
        evidence = japan_evidence(usable)
        country = self.fields.get("country")
        if country is None and evidence is not None:
            self.fields["country"] = Constant("JP")
            self.confidence["country"] = _JAPAN_GUESS
            if evidence:
                self.notes.append(note("japan_prefecture", self.locale, header=repr(evidence)))
            else:
                self.notes.append(note("japan", self.locale))
        elif isinstance(country, Column):
            named = country_with_names(country, evidence is not None)
            if named is not None:
                self.fields["country"] = named
                key = "country_names_japan" if named.default == "JP" else "country_names"
                self.notes.append(note(key, self.locale, header=repr(country.headers[0])))
        destination = self.fields.get("country")
        japan = evidence is not None or destination == Constant("JP")
        if japan and "product_url" not in self.fields:
            self.notes.append(note("url_for_japan", self.locale))

    def _option_code(self) -> None:
        sku = self.fields.get("sku")
        found = (
            option_code_first(self.headers, self.usable, sku) if isinstance(sku, Column) else None
        )
        if found is not None:
            self.fields["sku"], column = found
            self.usable.discard(column)
            self.taken.add(column)
            listed = ", ".join(repr(h) for h in self.fields["sku"].headers)
            self.notes.append(note("option_code", self.locale, columns=listed))


def _too_long(header: str) -> bool:
    return len(unicodedata.normalize("NFKC", header)) > MAX_HEADER_CHARS


def _seeded_index(sheet: Sheet, seed: Template) -> int:
    """The header row: where the seed's headers are, else where the suggester finds one."""
    from orderkit.templates.mapper import find_header

    index = find_header(sheet, attrs.evolve(seed, header_row=None))
    wanted = {header_key(h) for h in seed.headers}
    found = {header_key(c) for c in sheet.row(index)[0] if c}
    return index if wanted & found else _header_index(sheet)[0]


def _kept(
    seed: Template, headers: Sequence[str], renamed: Mapping[str, str]
) -> tuple[dict[str, FieldSpec], set[int]]:
    """The seed's fields whose columns are all still there (following renames)."""
    where = {header_key(h): column for column, h in enumerate(headers) if h}
    follow = {header_key(old): new for old, new in renamed.items()}
    kept: dict[str, FieldSpec] = {}
    taken: set[int] = set()
    for field, spec in seed.fields.items():
        if isinstance(spec, Constant):
            kept[field] = spec
            continue
        moved = tuple(follow.get(header_key(h), h) for h in spec.headers)
        present = [where[header_key(h)] for h in moved if header_key(h) in where]
        if not present or (isinstance(spec, Joined) and len(present) < len(moved)):
            continue
        kept[field] = attrs.evolve(spec, headers=moved)
        taken.update(present)
    return kept, taken

"""Field specs: how one canonical field is read from a seller's columns.

A :class:`Column` reads one column (or the first non-empty of several) and may clean the
text with a ``pattern`` and a ``map``; :class:`Joined` joins several columns; a
:class:`Constant` gives every row the same value. :func:`spec_to_data` writes a spec back as
the plain data :func:`orderkit.load_template` reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from orderkit.model.columns import column_letters
from orderkit.model.errors import TemplateError
from orderkit.rules.patterns import PatternBudget, check_pattern, compile_pattern, run_pattern

if TYPE_CHECKING:
    import regex

__all__ = ["Column", "Constant", "FieldSpec", "Joined", "spec_to_data"]


@attrs.frozen
class Column:
    """One column, or several of which the first non-empty one counts.

    Where the header row holds a header more than once, ``occurrence`` (1-based, counted
    from the left) or ``position`` (the 1-based column number, ``"E"`` in TOML) says which
    one to read; without them a repeated header is a ``duplicate_column`` error.
    """

    headers: tuple[str, ...]
    default: str | None = None
    map: Mapping[str, str] | None = None
    pattern: str | None = None
    occurrence: int | None = attrs.field(default=None, kw_only=True)
    position: int | None = attrs.field(default=None, kw_only=True)
    _regex: regex.Pattern[str] | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        compiled = None
        if self.pattern is not None:
            errors: list[str] = []
            check_pattern("pattern", self.pattern, errors)
            if errors:
                raise TemplateError(
                    "template is not well formed:\n" + "\n".join(f"- {e}" for e in errors),
                    ko="템플릿 형식이 올바르지 않습니다:\n" + "\n".join(f"- {e}" for e in errors),
                )
            compiled = compile_pattern(self.pattern)
        object.__setattr__(self, "_regex", compiled)

    def transform(self, text: str) -> str:
        """The pattern and the map applied to a non-empty cell's text."""
        return self.transform_all([text], field="?", rows=())[0]

    def transform_all(
        self,
        texts: Sequence[str],
        *,
        field: str,
        rows: Sequence[int],
        budget: PatternBudget | None = None,
    ) -> list[str]:
        """The pattern and the map applied to each non-empty text, in time bounds
        (``budget``: the time left for all the patterns of the file).

        Raises:
            TemplateError: the pattern takes too long on a cell (named by ``rows``).
        """
        out = list(texts)
        if self._regex is not None:
            matches = run_pattern(self._regex, texts, field=field, rows=rows, budget=budget)
            for position, match in enumerate(matches):
                if match is not None and match.group("value") is not None:
                    out[position] = match.group("value").strip()
        if self.map is not None:
            out = [self.map.get(t, t) if t else t for t in out]
        return out


@attrs.frozen
class Joined:
    """Several columns joined into one value (empty cells left out)."""

    headers: tuple[str, ...]
    join: str = " "

    def value(self, cells: tuple[str, ...]) -> str:
        """The value for a row, given this spec's cells in ``headers`` order."""
        return self.join.join(cell for cell in cells if cell)


@attrs.frozen
class Constant:
    """The same value for every row."""

    constant: str
    headers: tuple[str, ...] = ()


FieldSpec = Column | Joined | Constant


def spec_to_data(spec: FieldSpec) -> Any:
    """A field spec as the plain data a template file holds (the shortest form that reads
    back the same)."""
    if isinstance(spec, Constant):
        return {"value": spec.constant}
    if isinstance(spec, Joined):
        return {"columns": list(spec.headers), "join": spec.join}
    column: Any = spec.headers[0] if len(spec.headers) == 1 else list(spec.headers)
    given = {"default": spec.default, "map": spec.map, "pattern": spec.pattern}
    options: dict[str, Any] = {
        k: (dict(v) if isinstance(v, Mapping) else v) for k, v in given.items() if v
    }
    if spec.occurrence is not None:
        options["occurrence"] = spec.occurrence
    if spec.position is not None:
        options["position"] = column_letters(spec.position)
    if not options:
        return column
    return {"column": column, **options}

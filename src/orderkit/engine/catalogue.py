"""The product catalogue (연결 SKU): seller product codes and options → warehouse SKUs.

A seller's sheet names its own product code and option text; the warehouse ships SKUs. One
product may be a bundle (2 × A + 1 × B). An option left empty in the catalogue matches any
option of that product.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from orderkit.model.error_texts import error
from orderkit.model.errors import EmptyFile, InvalidArgument, NotASpreadsheet, UnreadableFile

__all__ = ["Catalogue", "load_catalogue"]

Link = tuple[tuple[str, int], ...]


@attrs.frozen
class Catalogue:
    """``links[(product_code, option)]`` is the warehouse SKUs and multipliers it ships as."""

    links: Mapping[tuple[str, str], Link]

    def expand(self, product: str, option: str = "") -> Link | None:
        """The ``(sku, multiplier)`` pairs for a product and option; ``None`` if unlinked."""
        return self.links.get((product, option)) or self.links.get((product, ""))

    def __len__(self) -> int:
        return len(self.links)


_COLUMNS: Final = {
    "product_code": ("product_code", "product", "상품코드", "판매자 상품코드", "상품 코드"),
    "option": ("option", "옵션", "옵션정보"),
    "sku": ("sku", "warehouse_sku", "창고 sku", "연결 sku"),
    "multiplier": ("multiplier", "quantity", "배수", "수량"),
}


# A line ships at most 1,000,000 units (SPEC §1), so no link multiplies by more.
_MAX_MULTIPLIER: Final = 1_000_000
_MULTIPLIER_DIGITS: Final = len(str(_MAX_MULTIPLIER))
_EXPECTED_EN: Final = "product_code, option, sku and multiplier (or 상품코드, 옵션, 연결 SKU, 수량)"
_EXPECTED_KO: Final = "상품코드, 옵션, 연결 SKU, 수량 (또는 product_code, option, sku, multiplier)"


def load_catalogue(source: Catalogue | Mapping[Any, Any] | str | Path) -> Catalogue:
    """A catalogue from a CSV/xlsx file or a mapping.

    The file has columns ``product_code``, ``option`` (may be empty), ``sku`` and
    ``multiplier`` (default 1), or their Korean names (상품코드, 옵션, 연결 SKU, 수량);
    several rows for one product make a bundle. A mapping takes ``code`` or
    ``(code, option)`` keys and a SKU, a list of ``(sku, multiplier)`` or a ``{sku:
    multiplier}`` dict as values.
    """
    if isinstance(source, Catalogue):
        return source
    if isinstance(source, Mapping):
        return Catalogue({_key(k): _link(k, v) for k, v in source.items()})
    return _from_file(Path(source))


def _key(key: object) -> tuple[str, str]:
    if isinstance(key, str):
        return (key.strip(), "")
    if isinstance(key, tuple) and len(key) == 2 and all(isinstance(part, str) for part in key):
        return (key[0].strip(), key[1].strip())
    raise error(InvalidArgument, "catalogue_key", key=repr(key))


def _link(key: object, value: object) -> Link:
    pairs: list[tuple[object, object]]
    if isinstance(value, str):
        pairs = [(value, 1)]
    elif isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, Sequence) and all(
        isinstance(p, Sequence) and not isinstance(p, str) and len(p) == 2 for p in value
    ):
        pairs = [(p[0], p[1]) for p in value]
    else:
        raise error(InvalidArgument, "catalogue_skus", key=repr(key), value=repr(value))
    link = []
    for sku, multiplier in pairs:
        if not isinstance(sku, str) or not sku.strip():
            raise error(InvalidArgument, "catalogue_sku_text", key=repr(key), sku=repr(sku))
        if type(multiplier) is not int or multiplier < 1:
            raise error(
                InvalidArgument, "catalogue_multiplier", key=repr(key), multiplier=repr(multiplier)
            )
        link.append((sku.strip(), multiplier))
    if not link:
        raise error(InvalidArgument, "catalogue_no_sku", key=repr(key))
    return tuple(link)


def _from_file(path: Path) -> Catalogue:
    from orderkit.files.reader import read_sheet
    from orderkit.templates.mapper import header_key

    try:
        sheet = read_sheet(path)
    except NotASpreadsheet:
        # The reader's own words advise uploading the order sheet: say what a catalogue is.
        raise error(NotASpreadsheet, "catalogue_not_a_table", file=path.name) from None
    except EmptyFile:
        raise error(EmptyFile, "catalogue_empty_file", file=path.name) from None
    if not sheet.rows:
        raise UnreadableFile(
            f"catalogue {path.name} is empty", ko=f"{path.name} 파일이 비었습니다."
        )
    header = [header_key(c) for c in sheet.rows[0]]
    where: dict[str, int] = {}
    for name, synonyms in _COLUMNS.items():
        for synonym in synonyms:
            if synonym in header:
                where[name] = header.index(synonym)
                break
    missing = [name for name in ("product_code", "sku") if name not in where]
    if missing:
        # Name what is expected, never what the first row holds: a path may lead anywhere
        # (a link to a system file), and its first line is nobody's business.
        raise UnreadableFile(
            f"{path.name} is not a product catalogue: its first row has no "
            f"{' or '.join(missing)} column; a catalogue's first row names the columns "
            f"{_EXPECTED_EN}",
            ko=f"{path.name} 파일은 상품 연결 파일이 아닙니다. 첫 행에 "
            f"{', '.join(missing)} 열이 없습니다. 첫 행에 {_EXPECTED_KO} 열 이름이 있어야 합니다.",
        )
    links: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for index, cells in sheet.data_rows(0):

        def cell(name: str, cells: tuple[str, ...] = cells) -> str:
            column = where.get(name)
            return cells[column] if column is not None and column < len(cells) else ""

        product, sku, multiplier = cell("product_code"), cell("sku"), cell("multiplier") or "1"
        # The length first: turning thousands of digits into a number is itself refused.
        whole = len(multiplier) <= _MULTIPLIER_DIGITS and multiplier.isdigit()
        if not product or not sku or not whole or not 1 <= int(multiplier) <= _MAX_MULTIPLIER:
            raise UnreadableFile(
                f"catalogue {path.name}, row {index + 1}: needs a product code, a SKU and a "
                f"whole multiplier from 1 to {_MAX_MULTIPLIER:,}",
                ko=f"상품 연결 파일 {path.name} {index + 1}행: 상품코드, SKU, 1부터 "
                f"{_MAX_MULTIPLIER:,}까지의 정수 수량이 필요합니다.",
            )
        links.setdefault((product, cell("option")), []).append((sku, int(multiplier)))
    if not links:
        # A header with nothing under it would pass every line as unknown_sku: refuse it.
        raise error(UnreadableFile, "catalogue_no_rows", file=path.name)
    return Catalogue({key: tuple(value) for key, value in links.items()})

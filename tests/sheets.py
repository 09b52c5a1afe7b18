"""Writing real xlsx and CSV files for tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

STANDARD_HEADER = [
    "주문번호", "수취인명", "전화번호", "우편번호", "기본주소", "상세주소", "배송메세지",
    "SKU", "수량", "주문금액", "총결제금액", "상품URL", "국가코드", "결제금액",
]  # fmt: skip


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "Sheet1") -> Path:
    """An xlsx whose row i (0-based) is Excel row i + 1; ``None`` leaves a cell empty.

    Python numbers become number cells, text becomes text cells (``"=1+1"`` stays text).
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text looks like
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def standard_row(
    order_number: str = "A-1",
    *,
    sku: str = "SKU-1",
    quantity: Any = 1,
    name: str = "홍길동",
    phone: str = "010-1234-5678",
    postal: Any = "04524",
    address: str = "서울특별시 중구 세종대로 110",
    **extra: Any,
) -> list[Any]:
    values = {
        "주문번호": order_number,
        "수취인명": name,
        "전화번호": phone,
        "우편번호": postal,
        "기본주소": address,
        "SKU": sku,
        "수량": quantity,
    }
    values.update(extra)
    return [values.get(header, "") for header in STANDARD_HEADER]


def junk_around(junk: Any, *clean: str) -> Any:
    """A hypothesis strategy of values: one of ``clean`` (two times in three), or one of them
    with a text from the strategy ``junk`` before or after it."""
    from hypothesis import strategies as st

    return st.one_of(
        st.sampled_from(clean),
        st.sampled_from(clean),
        st.tuples(st.sampled_from(clean), junk, st.booleans()).map(
            lambda t: t[0] + t[1] if t[2] else t[1] + t[0]
        ),
    )

"""Deterministic benchmark data: order sheets (xlsx, CSV in UTF-8 and CP949) and records.

About 2 % of rows are bad, each in one known way, so every validator can be checked to flag
exactly the same rows.
"""

from __future__ import annotations

import csv
import heapq
import io
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import orderkit

HEADER: Final = list(orderkit.standard_template().headers)
FIELD_OF: Final = {
    spec.headers[0]: field for field, spec in orderkit.standard_template().fields.items()
}
NAMES: Final = ["김하늘", "이도윤", "박서연", "최민준", "정우진", "강지우", "조서준", "윤하은"]
BAD_KINDS: Final = ("name", "phone", "postal", "quantity", "country", "url")


def rows(
    count: int | None = None,
    *,
    orders: int | None = None,
    seed: int = 20261126,
    lines: bool = True,
) -> Iterator[dict[str, Any]]:
    """Sheet rows by header: ``count`` rows, or ``orders`` orders of 1-3 rows (with ``lines``;
    later rows of an order leave the order's fields blank).

    Every row carries ``_bad`` (``None`` or the kind of mistake in it) and ``_size`` (how
    many rows its order has).
    """
    rng = random.Random(seed)
    count = count if count is not None else 10**12
    produced = 0
    number = 0
    while produced < count and (orders is None or number < orders):
        number += 1
        japan = rng.random() < 0.15
        size = min(rng.choice((1, 1, 1, 2, 3)) if lines else 1, count - produced)
        for line in range(size):
            row: dict[str, Any] = {
                "주문번호": f"2026-{number:07d}",
                "SKU": f"SKU-{rng.randrange(2000):04d}",
                "수량": str(rng.randint(1, 5)),
                "_bad": None,
                "_size": size,
            }
            if line == 0:
                row |= {
                    "수취인명": rng.choice(NAMES),
                    "전화번호": f"010-{rng.randrange(10000):04d}-{rng.randrange(10000):04d}",
                    "우편번호": f"{rng.randint(1, 63):02d}{rng.randrange(1000):03d}",
                    "기본주소": "서울특별시 중구 세종대로 110",
                    "상세주소": f"{rng.randint(1, 30)}층",
                    "주문금액": f"{rng.randrange(1, 300) * 1000:,}",
                }
                if japan:
                    row |= {
                        "수취인명": "山田 太郎",
                        "전화번호": f"090-{rng.randrange(1000, 10000)}-{rng.randrange(10000):04d}",
                        "우편번호": f"{rng.randrange(1000):03d}-{rng.randrange(10000):04d}",
                        "기본주소": "東京都千代田区千代田1-1",
                        "상품URL": f"https://shop.example.jp/items/{rng.randrange(10000)}",
                        "국가코드": "JP",
                        "결제금액": f"{rng.randrange(1, 50) * 100:,}",
                    }
                if rng.random() < 0.02:
                    _spoil(row, rng.choice(BAD_KINDS), japan)
            elif rng.random() < 0.01:
                _spoil(row, "quantity", japan)
            produced += 1
            yield row


def _spoil(row: dict[str, Any], kind: str, japan: bool) -> None:
    if kind == "name":
        row["수취인명"] = "가" * 21
    elif kind == "phone":
        row["전화번호"] = "010 1234 5678"
    elif kind == "postal":
        # Eight digits: no country's code, and too long to be one that lost a leading zero.
        row["우편번호"] = "99999999"
    elif kind == "quantity":
        row["수량"] = "0"
    elif kind == "country":
        row["국가코드"] = "Japan"
    elif kind == "url" and japan:
        row["상품URL"] = ""
    else:
        row["수량"] = "1000001"
        kind = "quantity"
    row["_bad"] = kind


def write_xlsx(path: Path, orders: int) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("주문서")
    sheet.append(HEADER)
    for row in rows(orders=orders):
        sheet.append([row.get(h) for h in HEADER])
    workbook.save(path)
    return path


# CP949 has no Japanese kana nor every kanji: Japan-bound rows of a CP949 file are written
# the way a Korean seller would, in Hangul.
_IN_HANGUL: Final = {
    "山田 太郎": "야마다 타로",
    "東京都千代田区千代田1-1": "도쿄도 지요다구 지요다 1-1",
}


def write_csv(path: Path, count: int, encoding: str) -> Path:
    hangul = encoding.lower() in ("cp949", "euc-kr")
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        buffer: list[list[Any]] = []
        for row in rows(count, lines=False):
            cells = [row.get(h, "") for h in HEADER]
            buffer.append([_IN_HANGUL.get(c, c) for c in cells] if hangul else cells)
            if len(buffer) == 10_000:
                writer.writerows(buffer)
                buffer.clear()
        writer.writerows(buffer)
    return path


def write_scattered_csv(path: Path, count: int, *, share: float = 0.02, seed: int = 15) -> int:
    """A UTF-8 CSV of ``count`` rows of multi-line orders in which about ``share`` of the
    rows sit far from the rest of their order: each is held back and written 100,000 to
    400,000 rows later (at the end when the file ends first), the way merged or re-sorted
    exports scatter an order. Returns how many rows were moved.

    Only rows of orders with several rows move, so every moved row leaves its order split
    across the file: a streaming validator must bring the order together to check it.
    """
    rng = random.Random(seed)
    # 5 of 8 rows belong to orders of two or three rows (sizes 1, 1, 1, 2, 3).
    chance = share * 8 / 5
    held: list[tuple[int, int, list[Any]]] = []  # (row to write it after, tie, cells)
    moved = written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        buffer: list[list[Any]] = []
        for row in rows(count):
            cells = [row.get(h, "") for h in HEADER]
            if row["_size"] > 1 and rng.random() < chance:
                heapq.heappush(held, (written + rng.randint(100_000, 400_000), moved, cells))
                moved += 1
                continue
            buffer.append(cells)
            written += 1
            while held and held[0][0] <= written:
                buffer.append(heapq.heappop(held)[2])
                written += 1
            if len(buffer) >= 10_000:
                writer.writerows(buffer)
                buffer.clear()
        buffer += [cells for _, _, cells in sorted(held)]
        writer.writerows(buffer)
    return moved


def records(count: int) -> list[dict[str, Any]]:
    """One row per record with canonical field names: what the rule benchmarks check."""
    out = []
    for row in rows(count, lines=False):
        record = {FIELD_OF[h]: v for h, v in row.items() if h in FIELD_OF}
        record["_bad"] = row["_bad"]
        out.append(record)
    return out


def csv_text(count: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows([row.get(h, "") for h in HEADER] for row in rows(count, lines=False))
    return buffer.getvalue()

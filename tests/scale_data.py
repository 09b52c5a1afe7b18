"""Order files for the frame, Spark and Dask tests: one seller layout with Korean and
Japanese headers, multi-line orders, mistakes of every kind, and rows of some orders
scattered far from the rest of their order."""

from __future__ import annotations

import csv
import functools
import random
import tempfile
from pathlib import Path
from typing import Any, Final

import orderkit

# A hand-made layout of a seller shipping to Korea and Japan: the headers mix both languages.
TEMPLATE: Final[dict[str, Any]] = {
    "name": "kr-jp-mixed",
    "header_row": 1,
    "fields": {
        "order_number": "주문번호",
        "recipient_name": "受取人名",
        "phone": ["電話番号", "휴대전화"],
        "postal_code": "郵便番号",
        "address": {"columns": ["住所", "상세주소"], "join": " "},
        "country": {"column": "国", "map": {"日本": "JP", "일본": "JP"}, "default": "KR"},
        "product_url": "商品URL",
        "paid_amount": "決済金額",
        "order_amount": "주문금액",
        "delivery_message": "配送メッセージ",
        "sku": "상품코드",
        "option": "옵션",
        "quantity": "数量",
    },
}
HEADER: Final = [
    "주문번호", "受取人名", "電話番号", "휴대전화", "郵便番号", "住所", "상세주소", "国",
    "商品URL", "決済金額", "주문금액", "配送メッセージ", "상품코드", "옵션", "数量", "メモ",
]  # fmt: skip
CATALOGUE: Final = {
    "P-1": "SKU-A",
    ("P-2", "빨강"): [("SKU-B", 1), ("SKU-C", 2)],
    ("P-2", "파랑"): "SKU-D",
    "P-3": {"SKU-E": 3},
}
_NAMES: Final = ["김하늘", "이도윤", "박서연", "山田 太郎", "佐藤 花子", "최민준", "정우진"]
_PRODUCTS: Final = ["P-1", "P-2", "P-3"]


def rows(count: int, *, seed: int = 17, scatter: float = 0.03) -> list[dict[str, str]]:
    """``count`` rows by header; about ``scatter`` of the later rows of multi-line orders are
    moved to a random place in the file, far from the rest of their order."""
    rng = random.Random(seed)
    ordered: list[dict[str, str]] = []
    number = 0
    while len(ordered) < count:
        number += 1
        ordered.extend(_order(rng, number, rng.choice((1, 1, 1, 2, 2, 3))))
    ordered = ordered[:count]
    scattered = [r for r in ordered if r.pop("_later", "") and rng.random() < scatter]
    moved = {id(r) for r in scattered}
    kept = [r for r in ordered if id(r) not in moved]
    for row in scattered:
        kept.insert(rng.randrange(len(kept) + 1), row)
    for row in kept:
        row.pop("_later", None)
    return kept


def _order(rng: random.Random, number: int, size: int) -> list[dict[str, str]]:
    japan = rng.random() < 0.2
    head = {
        "주문번호": f"A{number:08d}" if rng.random() > 0.002 else "",
        "受取人名": rng.choice(_NAMES),
        "電話番号": f"090-{rng.randrange(1000, 10000)}-{rng.randrange(10000):04d}" if japan else "",
        "휴대전화": "" if japan else f"010-{rng.randrange(10000):04d}-{rng.randrange(10000):04d}",
        "郵便番号": (
            f"{rng.randrange(1000):03d}-{rng.randrange(10000):04d}"
            if japan
            else f"{rng.randint(1, 63):02d}{rng.randrange(1000):03d}"
        ),
        "住所": "東京都千代田区千代田1-1" if japan else "서울특별시 중구 세종대로 110",
        "상세주소": f"{rng.randint(1, 30)}층",
        "国": rng.choice(("日本", "일본", "JP")) if japan else rng.choice(("", "", "KR")),
        "商品URL": f"https://shop.example.jp/items/{rng.randrange(10000)}" if japan else "",
        "決済金額": rng.choice(("¥", "", "")) + f"{rng.randrange(1, 50) * 100:,}" if japan else "",
        "주문금액": f"{rng.randrange(1, 300) * 1000:,}",
        "配送メッセージ": rng.choice(("", "문 앞에 놓아 주세요", "置き配希望, 玄関前")),
        "メモ": rng.choice(("", "gift", "ギフト")),
    }
    if rng.random() < 0.03:
        _spoil(rng, head, japan)
    lines = []
    for line in range(size):
        product = rng.choice(_PRODUCTS)
        row = dict(head) if line == 0 or rng.random() < 0.5 else {"주문번호": head["주문번호"]}
        row |= {
            "상품코드": product if rng.random() > 0.01 else "P-9",
            "옵션": rng.choice(("빨강", "파랑")) if product == "P-2" else "",
            "数量": rng.choice(("1", "2", "3", "２", "1,000", "0", "x"))
            if rng.random() < 0.02
            else str(rng.randint(1, 5)),
        }
        if line and rng.random() < 0.02:
            row["受取人名"] = "다른 사람"  # rows of one order that disagree
        if line:
            row["_later"] = "yes"
        lines.append(row)
    return lines


def _spoil(rng: random.Random, row: dict[str, str], japan: bool) -> None:
    kind = rng.choice(("name", "phone", "postal", "country", "url", "amount", "address"))
    if kind == "name":
        row["受取人名"] = "가" * 21
    elif kind == "phone":
        row["電話番号" if japan else "휴대전화"] = "010 1234 5678"
    elif kind == "postal":
        row["郵便番号"] = "999999" if rng.random() < 0.5 else "4524"
    elif kind == "country":
        row["国"] = "Japan"
    elif kind == "url":
        row["商品URL"] = "" if japan else "ftp://example.com"
    elif kind == "amount":
        row["決済金額"] = "1,200원" if japan else "-5"
    else:
        row["住所"] = ""


def write_csv(path: Path, count: int, **options: Any) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([row.get(h, "") for h in HEADER] for row in rows(count, **options))
    return path


@functools.cache
def large_case() -> tuple[Path, frozenset[tuple[Any, ...]]]:
    """The 200,000-row file (written once per test run) and what ``validate_file`` finds in
    it, as a set of (row, field, code, severity, message)."""
    folder = Path(tempfile.mkdtemp(prefix="orderkit-scale-"))
    path = write_csv(folder / "orders-200k.csv", 200_000)
    report = orderkit.validate_file(path, TEMPLATE, platform="P", catalogue=CATALOGUE)
    # Problems of rows and orders: a limit on the whole file (an upload's order count) is
    # no row's problem, and no partition of an engine can know it.
    return path, problem_set([p for p in report.problems if p.row is not None])


def problem_set(problems: Any) -> frozenset[tuple[Any, ...]]:
    """(row, field, code, severity, message) of problems, an Arrow table or pandas frame."""
    if isinstance(problems, tuple | list):
        return frozenset(
            (p.row, p.field, str(p.code), str(p.severity), p.message) for p in problems
        )
    if hasattr(problems, "to_pylist"):
        records = problems.to_pylist()
    else:
        records = problems.to_dict("records")
    return frozenset(
        (int(r["row"]), r["field"], r["code"], r["severity"], r["message"]) for r in records
    )

"""Seller accounts, versioned template matching and drift, on both stores (a real SQLite
file and a real PostgreSQL server: the ``store`` fixture of ``conftest.py``)."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import orderkit
from orderkit import Code

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

NAVER_V1 = ["상품주문번호", "주문번호", "구매자명", "수취인명", "수량", "옵션관리코드",
            "수취인연락처1", "기본배송지", "우편번호", "배송메세지"]  # fmt: skip
# The marketplace renamed a column, dropped one, added one and moved another.
NAVER_V2 = ["주문번호", "상품주문번호", "구매자명", "수취인 이름", "수량", "옵션관리코드",
            "수취인연락처1", "기본배송지", "우편번호", "정산예정금액"]  # fmt: skip
TEMPLATE_V1: dict[str, Any] = {
    "name": "haru",
    "fields": {
        "order_number": "주문번호",
        "recipient_name": "수취인명",
        "phone": "수취인연락처1",
        "postal_code": "우편번호",
        "address": "기본배송지",
        "delivery_message": "배송메세지",
        "sku": "옵션관리코드",
        "quantity": "수량",
    },
}


def naver_row(header: list[str], number: str, **values: Any) -> list[Any]:
    cells = {
        "주문번호": number, "상품주문번호": f"{number}-1", "구매자명": "김구매",
        "수취인명": "김하늘", "수취인 이름": "김하늘", "수량": 1, "옵션관리코드": "WH-1",
        "수취인연락처1": "010-1234-5678", "기본배송지": "서울특별시 중구 세종대로 110",
        "우편번호": "04524", "배송메세지": "", "정산예정금액": "10000",
    } | values  # fmt: skip
    return [cells.get(h, "") for h in header]


def test_an_account_is_registered_once(store: orderkit.Store) -> None:
    account = store.register_account("네이버", "haru-main", brand="하루상점")
    assert account == orderkit.SellerAccount("네이버", "haru-main", "하루상점")
    with pytest.raises(orderkit.AccountExists) as caught:
        store.register_account("네이버", "haru-main", brand="하루상점")
    assert "이미 등록" in caught.value.localized("ko")
    store.register_account("쿠팡", "haru-main", brand="하루상점")
    assert len(store.accounts()) == 2
    with pytest.raises(orderkit.AmbiguousAccount, match="several seller accounts") as ambiguous:
        store.account("haru-main")
    assert set(ambiguous.value.candidates) == set(store.accounts())
    for locale in ("ko", "en"):
        assert "--platform" in ambiguous.value.localized(locale)
        assert "haru-main (쿠팡 / 하루상점)" in ambiguous.value.localized(locale)
    assert isinstance(ambiguous.value, orderkit.InvalidArgument)
    assert store.account("haru-main", platform="쿠팡").platform == "쿠팡"
    with pytest.raises(orderkit.AccountNotFound):
        store.account("nobody")
    with pytest.raises(orderkit.InvalidArgument):
        store.register_account("", "x")


def test_matching_keeps_every_version_and_the_newest_is_active(
    store: orderkit.Store, tmp_path: Path
) -> None:
    account = store.register_account("네이버", "haru")
    sample = write_xlsx(tmp_path / "v1.xlsx", [NAVER_V1, naver_row(NAVER_V1, "N-1")])
    first = store.match_template(account, TEMPLATE_V1, sample=sample, actor="kim")
    assert (first.version, first.actor, first.headers) == (1, "kim", tuple(NAVER_V1))
    second = store.match_template(account, "naver-smartstore")
    assert second.version == 2
    assert second.headers == orderkit.load_template("naver-smartstore").headers
    assert second.fingerprint != first.fingerprint
    history = store.template_history(account)
    assert [v.version for v in history] == [1, 2]
    assert history[0].template == orderkit.load_template(TEMPLATE_V1)
    assert store.active_template(account).version == 2


def test_a_template_that_does_not_fit_its_sample_is_refused(
    store: orderkit.Store, tmp_path: Path
) -> None:
    account = store.register_account("네이버", "haru")
    sample = write_xlsx(tmp_path / "v2.xlsx", [NAVER_V2, naver_row(NAVER_V2, "N-1")])
    with pytest.raises(orderkit.TemplateMismatch):
        store.match_template(account, TEMPLATE_V1, sample=sample)
    assert store.template_history(account) == []


def test_an_upload_by_account_uses_and_records_the_active_version(
    store: orderkit.Store, tmp_path: Path
) -> None:
    account = store.register_account("네이버", "haru", brand="하루상점")
    store.match_template(account, TEMPLATE_V1)
    path = write_xlsx(tmp_path / "o.xlsx", [NAVER_V1, naver_row(NAVER_V1, "N-1")])
    result = orderkit.upload_file(path, store, account="haru")
    assert result.ok
    (order,) = store.orders()
    assert (order.platform, order.brand) == ("네이버", "하루상점")
    assert result.upload_id is not None
    assert store.upload_template(result.upload_id) == (account, 1)


def test_drift_is_explained_and_a_draft_rematch_keeps_unchanged_columns(
    store: orderkit.Store, tmp_path: Path
) -> None:
    account = store.register_account("네이버", "haru")
    old = write_xlsx(tmp_path / "v1.xlsx", [NAVER_V1, naver_row(NAVER_V1, "N-1")])
    store.match_template(account, TEMPLATE_V1, sample=old)
    new = write_xlsx(tmp_path / "v2.xlsx", [NAVER_V2, naver_row(NAVER_V2, "N-2")])
    with pytest.raises(orderkit.TemplateMismatch) as caught:
        orderkit.upload_file(new, store, account=account)
    mismatch = caught.value
    assert [(p.field, p.value, p.code) for p in mismatch.problems] == [
        ("recipient_name", "수취인명", Code.MISSING_COLUMN),
        ("delivery_message", "배송메세지", Code.MISSING_COLUMN),
    ]
    drift = mismatch.drift
    assert drift is not None
    assert drift.renamed == (("수취인명", "수취인 이름"),)
    assert drift.removed == ("배송메세지",)
    assert drift.added == ("정산예정금액",)
    assert set(drift.moved) >= {"주문번호", "상품주문번호"}
    assert "수취인 이름" in mismatch.localized("ko")

    draft = mismatch.draft
    assert draft is not None
    assert draft.fields["recipient_name"].headers == ("수취인 이름",)
    for field in ("order_number", "phone", "postal_code", "address", "sku", "quantity"):
        assert draft.fields[field] == orderkit.load_template(TEMPLATE_V1).fields[field]
    assert "delivery_message" not in draft.fields
    store.match_template(account, orderkit.load_template(draft.to_toml()), sample=new)
    assert orderkit.upload_file(new, store, account=account).ok


def test_a_failure_file_is_accepted_by_its_version_after_a_rematch(
    store: orderkit.Store, tmp_path: Path
) -> None:
    account = store.register_account("네이버", "haru")
    store.match_template(account, TEMPLATE_V1)
    rows = [NAVER_V1, naver_row(NAVER_V1, "N-1"), naver_row(NAVER_V1, "N-2", 수량=0)]
    first = orderkit.upload_file(write_xlsx(tmp_path / "o.xlsx", rows), store, account=account)
    failures = first.write_failure_file(tmp_path / "failed.xlsx")

    renamed = {**TEMPLATE_V1, "fields": {**TEMPLATE_V1["fields"], "recipient_name": "수취인 이름"}}
    store.match_template(account, renamed, actor="kim")
    again = orderkit.upload_file(failures, store, account=account)
    assert again.upload_id is not None
    assert store.upload_template(again.upload_id) == (account, 1)
    assert again.rows == 2

    with pytest.raises(orderkit.TemplateMismatch):  # an ordinary old-layout file is not
        orderkit.upload_file(write_xlsx(tmp_path / "old.xlsx", rows), store, account=account)


def test_uploads_need_a_template_or_an_account_but_not_both(
    store: orderkit.Store, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row()])
    account = store.register_account("네이버", "haru")
    with pytest.raises(orderkit.InvalidArgument, match="template"):
        orderkit.upload_file(path, store)
    with pytest.raises(orderkit.InvalidArgument, match="not both"):
        orderkit.upload_file(path, store, template="standard", account=account)
    with pytest.raises(orderkit.AccountNotFound, match="no template"):
        orderkit.upload_file(path, store, account=account)
    with pytest.raises(orderkit.InvalidArgument, match="keeps accounts"):
        orderkit.upload_file(path, ListSink(), account=account)


class ListSink:
    """A sink of one's own: it keeps orders, not accounts."""

    def __init__(self) -> None:
        self.orders: list[orderkit.Order] = []

    def start_upload(self, source: str, *, orders: int, rows: int) -> int:
        return 1

    def commit(self, upload_id: int, group: int, orders: Any) -> orderkit.CommitResult:
        self.orders.extend(orders)
        return orderkit.CommitResult(registered=tuple(o.key for o in orders))

    def finish_upload(self, upload_id: int, failures: Any, *, committed: int, failed: int) -> None:
        return None


def test_a_sink_of_ones_own_takes_uploads(tmp_path: Path) -> None:
    sink = ListSink()
    assert isinstance(sink, orderkit.Sink)
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row()])
    result = orderkit.upload_file(path, sink, template="standard", platform="P")
    assert result.committed == 1
    assert [o.order_number for o in sink.orders] == ["A-1"]


def test_platform_and_name_identify_an_account_and_the_brand_does_not(
    store: orderkit.Store,
) -> None:
    store.register_account("네이버", "haru", brand="하루상점")
    with pytest.raises(orderkit.AccountExists) as caught:
        store.register_account("네이버", "haru")  # the same account without its brand
    assert "하루상점" in caught.value.localized("ko")
    with pytest.raises(orderkit.AccountExists):
        store.register_account(" 네이버 ", "haru ", brand="다른브랜드")
    assert store.accounts() == [orderkit.SellerAccount("네이버", "haru", "하루상점")]
    assert store.account("haru", brand="하루상점").brand == "하루상점"
    with pytest.raises(orderkit.AccountNotFound) as missing:
        store.account("haru", brand="없는브랜드")
    assert "haru (네이버 / 하루상점)" in missing.value.localized("ko"), "names what exists"


def test_an_upload_by_account_name_is_resolved_with_platform_and_brand(
    store: orderkit.Store, tmp_path: Path
) -> None:
    naver = store.register_account("네이버", "haru", brand="하루상점")
    coupang = store.register_account("쿠팡", "haru", brand="하루상점")
    store.match_template(naver, TEMPLATE_V1)
    store.match_template(coupang, TEMPLATE_V1)
    path = write_xlsx(tmp_path / "o.xlsx", [NAVER_V1, naver_row(NAVER_V1, "N-1")])
    with pytest.raises(orderkit.AmbiguousAccount):
        orderkit.upload_file(path, store, account="haru")
    result = orderkit.upload_file(path, store, account="haru", platform="쿠팡")
    assert result.ok
    assert result.upload_id is not None
    assert store.upload_template(result.upload_id) == (coupang, 1)
    assert [o.platform for o in store.orders()] == ["쿠팡"]


def test_concurrent_matches_of_one_account_number_versions_without_gaps(
    store_target: Any,
) -> None:
    with store_target.open() as first:
        account = first.register_account("네이버", "haru")

    def match_three(worker: int) -> list[int]:
        with store_target.open() as own:
            return [
                own.match_template(account, TEMPLATE_V1, actor=f"w{worker}").version
                for _ in range(3)
            ]

    with ThreadPoolExecutor(4) as pool:
        numbers = sorted(n for got in pool.map(match_three, range(4)) for n in got)
    assert numbers == list(range(1, 13))
    with store_target.open() as check:
        history = check.template_history(account)
    assert [v.version for v in history] == list(range(1, 13))
    assert sorted(v.actor or "" for v in history) == sorted(
        f"w{w}" for w in range(4) for _ in "abc"
    )


def test_a_version_2_store_with_same_named_accounts_is_migrated_by_renaming(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v2.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE accounts (id INTEGER PRIMARY KEY AUTOINCREMENT, platform TEXT NOT NULL,"
        " brand TEXT NOT NULL, name TEXT NOT NULL, created_at TEXT NOT NULL,"
        " UNIQUE (platform, brand, name));"
        "INSERT INTO accounts (platform, brand, name, created_at) VALUES"
        " ('네이버', '하루상점', 'haru', 'now'), ('네이버', '', 'haru', 'now'),"
        " ('네이버', '달상점', 'haru', 'now'), ('쿠팡', '', 'haru', 'now');"
        "PRAGMA user_version = 2;"
    )
    db.close()
    with pytest.warns(UserWarning, match="renamed") as warned:
        store = orderkit.SqliteSink(path)
    assert "haru (네이버)" in str(warned[0].message)
    with store:
        assert store.accounts() == [
            orderkit.SellerAccount("네이버", "haru", "하루상점"),
            orderkit.SellerAccount("네이버", "haru #2", ""),
            orderkit.SellerAccount("네이버", "haru (달상점)", "달상점"),
            orderkit.SellerAccount("쿠팡", "haru", ""),
        ]
        assert store.account("haru", platform="네이버").brand == "하루상점"
        with pytest.raises(orderkit.AccountExists):
            store.register_account("네이버", "haru (달상점)")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (3,)
    orderkit.SqliteSink(path).close()  # opened again: nothing more to migrate, no warning


def test_a_version_1_store_gains_accounts_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE uploads (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL,"
        " started_at TEXT NOT NULL, finished_at TEXT, orders INTEGER NOT NULL,"
        " rows INTEGER NOT NULL, committed INTEGER, failed INTEGER, failure_file TEXT);"
        "INSERT INTO uploads (source, started_at, orders, rows) VALUES ('x', 'now', 1, 1);"
        "PRAGMA user_version = 1;"
    )
    db.close()
    with orderkit.SqliteSink(path) as store:
        store.register_account("네이버", "haru")
        columns = {row[1] for row in store._connection.execute("PRAGMA table_info(uploads)")}
    assert {"account_id", "template_version"} <= columns
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (3,)

"""``upload_file(path, store, *, template=… | account=…)``, the deprecated older shapes, and
what an upload says about orders that are already there (registered or cancelled)."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest

import orderkit
from orderkit import Code, Severity

from .sheets import STANDARD_HEADER, standard_row, write_xlsx


def two_orders(tmp_path: Path) -> Path:
    rows = [STANDARD_HEADER, standard_row("A-1"), standard_row("A-2")]
    return write_xlsx(tmp_path / "orders.xlsx", rows)


def test_the_current_shape_takes_the_store_then_a_template_by_keyword(tmp_path: Path) -> None:
    with orderkit.SqliteSink(tmp_path / "o.db") as store, warnings.catch_warnings():
        warnings.simplefilter("error")
        result = orderkit.upload_file(
            two_orders(tmp_path), store, template="standard", platform="P"
        )
        assert result.committed == 2
        assert store.count() == 2


@pytest.mark.parametrize("shape", ["positional", "sink-keyword", "template-and-sink-keywords"])
def test_the_old_shapes_still_work_with_a_deprecation_warning(tmp_path: Path, shape: str) -> None:
    path = two_orders(tmp_path)
    calls = {
        "positional": lambda store: orderkit.upload_file(path, "standard", store, platform="P"),
        "sink-keyword": lambda store: orderkit.upload_file(
            path, "standard", sink=store, platform="P"
        ),
        "template-and-sink-keywords": lambda store: orderkit.upload_file(
            path, template="standard", sink=store, platform="P"
        ),
    }
    with orderkit.SqliteSink(tmp_path / "o.db") as store:
        with pytest.warns(DeprecationWarning, match=r"upload_file\(path, store, template=") as w:
            result = calls[shape](store)
        assert w[0].filename == __file__, "the warning points at the caller's line"
        assert result.committed == 2


def test_a_call_without_a_store_or_without_a_template_says_what_to_give(tmp_path: Path) -> None:
    path = two_orders(tmp_path)
    with pytest.raises(orderkit.InvalidArgument, match="needs a store") as caught:
        orderkit.upload_file(path, template="standard")
    assert "저장소" in caught.value.localized("ko")
    with orderkit.MemorySink() as store:
        with pytest.raises(orderkit.InvalidArgument, match="template=") as missing:
            orderkit.upload_file(path, store)
        assert "템플릿" in missing.value.localized("ko")
        with (
            pytest.raises(orderkit.InvalidArgument, match="once"),
            pytest.warns(DeprecationWarning, match="deprecated"),
        ):
            orderkit.upload_file(path, "standard", store, template="standard")


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_reuploading_a_cancelled_order_says_it_is_cancelled_and_when(
    store: orderkit.Store, tmp_path: Path, locale: str
) -> None:
    path = two_orders(tmp_path)
    first = orderkit.upload_file(path, store, template="standard", platform="수기")
    assert first.committed == 2
    store.cancel("수기", "A-1", at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    again = orderkit.upload_file(path, store, template="standard", platform="수기", locale=locale)
    assert again.ok
    by_code = {p.code: p for p in again.problems}
    assert set(by_code) == {Code.ALREADY_CANCELLED, Code.ALREADY_REGISTERED}
    cancelled = by_code[Code.ALREADY_CANCELLED]
    assert (cancelled.row, cancelled.value, cancelled.severity) == (2, "A-1", Severity.WARNING)
    when = "2026-11-20 18:30:00 (한국 시간)" if locale == "ko" else "2026-11-20 09:30:00 UTC"
    assert when in cancelled.message
    assert ("취소" if locale == "ko" else "cancelled") in cancelled.message
    assert by_code[Code.ALREADY_REGISTERED].value == "A-2"
    assert (again.committed, again.skipped) == (0, 2)
    stored = store.get("수기", "A-1")
    assert stored is not None
    assert stored.status is orderkit.OrderStatus.CANCELLED

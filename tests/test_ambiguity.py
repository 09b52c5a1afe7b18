"""Never quietly wrong: one spelling per marketplace, joined parts, every error in one
round, and what a re-upload says about orders the store already holds."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orderkit
from orderkit import Code

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

fixture_ok = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def codes(problems: Any) -> list[str]:
    return [str(p.code) for p in problems]


# 1. platform and brand ----------------------------------------------------------------------


SPELLINGS = ["Qoo10 ", " Qoo10", "Ｑｏｏ１０", "Qoo10\u200b", "\ufeffQoo10"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_platform_spelled_another_way_does_not_register_the_order_again(
    tmp_path: Path, spelling: str
) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("Q-1")])
    with orderkit.SqliteSink(tmp_path / "o.db") as store:
        first = orderkit.upload_file(path, store, template="standard", platform="Qoo10")
        assert first.committed == 1
        again = orderkit.upload_file(path, store, template="standard", platform=spelling)
        assert again.committed == 0
        assert store.count() == 1
        assert store.get("Qoo10", "Q-1") is not None
        assert Code.ALREADY_REGISTERED in codes(again.problems)


@pytest.mark.parametrize(
    ("spelling", "message_id"),
    [("Ｑｏｏ１０", "identity_width"), ("楽天\u200b", "identity_invisible")],
)
def test_a_visible_change_to_a_platform_is_a_warning_that_shows_both(
    tmp_path: Path, spelling: str, message_id: str
) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("Q-1")])
    for locale in ("ko", "en"):
        report = orderkit.validate_file(path, "standard", platform=spelling, locale=locale)
        assert report.ok
        (warning,) = [p for p in report.problems if p.code == Code.NORMALIZED_NAME]
        expected = unicodedata.normalize("NFKC", spelling.replace("\u200b", ""))
        assert warning.value == expected
        assert warning.field == "platform"
        assert report.orders[0].platform == expected
        if message_id == "identity_invisible":
            assert "<U+200B>" in warning.message
        else:
            assert spelling in warning.message
            assert expected in warning.message


@pytest.mark.parametrize("blank", [" ", "\u3000", "\u200b", " \u200b "])
def test_a_blank_platform_argument_is_missing(tmp_path: Path, blank: str) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("Q-1")])
    report = orderkit.validate_file(path, "standard", platform=blank)
    assert not report.ok
    assert [(p.field, p.code) for p in report.problems] == [("platform", Code.MISSING)]


def test_a_brand_with_spaces_is_the_brand_without_them(
    tmp_path: Path, store: orderkit.Store
) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("B-1")])
    kw: dict[str, Any] = {"template": "standard", "platform": "수기"}
    first = orderkit.upload_file(path, store, brand=" 하루 ", **kw)
    assert first.committed == 1
    stored = store.get("수기", "B-1")
    assert stored is not None
    assert stored.brand == "하루"
    again = orderkit.upload_file(path, store, brand="하루", **kw)
    assert codes(again.problems) == [Code.ALREADY_REGISTERED]


def test_platform_and_brand_columns_and_records_are_normalised_too(tmp_path: Path) -> None:
    header = [*STANDARD_HEADER, "판매처", "브랜드"]
    rows = [
        header,
        [*standard_row("A-1", sku="S-1"), "Qoo10", "하루"],
        [*standard_row("A-1", sku="S-2"), "Ｑｏｏ１０ ", " 하루"],
    ]
    path = write_csv(tmp_path / "o.csv", rows)
    template = {
        "fields": {
            **orderkit.load_template("standard").to_dict()["fields"],
            "platform": {"column": "판매처"},
            "brand": {"column": "브랜드"},
        }
    }
    report = orderkit.validate_file(path, template)
    assert report.counts.orders == 1, "one order, not two marketplaces"
    assert report.ok, report.problems
    assert codes(report.problems) == [Code.NORMALIZED_NAME]
    records = [
        {"platform": "楽天\u200b", "order_number": "R-1", "recipient_name": "鈴木",
         "phone": "03-1234-5678", "postal_code": "100-0001", "address": "東京都",
         "country": "JP", "sku": "S", "quantity": 1, "product_url": "https://x.jp/1",
         "paid_amount": 100, "brand": "\u3000하루"},
    ]  # fmt: skip
    record_report = orderkit.validate_records(records)
    assert record_report.ok, record_report.problems
    assert (record_report.orders[0].platform, record_report.orders[0].brand) == ("楽天", "하루")


def test_a_platform_in_another_case_is_kept_with_a_warning_naming_the_stored_one(
    tmp_path: Path,
    store: orderkit.Store,
) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("Q-1")])
    other = write_xlsx(tmp_path / "p.xlsx", [STANDARD_HEADER, standard_row("Q-2")])
    orderkit.upload_file(path, store, template="standard", platform="Qoo10")
    result = orderkit.upload_file(other, store, template="standard", platform="qoo10", locale="en")
    (warning,) = [p for p in result.problems if p.code == Code.SIMILAR_PLATFORM]
    assert "'Qoo10'" in warning.message
    assert warning.value == "qoo10"
    assert result.committed == 1, "a warning: the seller decides"
    quiet = orderkit.upload_file(other, store, template="standard", platform="Qoo10")
    assert Code.SIMILAR_PLATFORM not in codes(quiet.problems)


@given(
    core=st.text(st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=8),
    left=st.text(" \t\u3000\u200b\ufeff", max_size=3),
    right=st.text(" \t\u3000\u200b\u2060", max_size=3),
)
def test_any_padding_of_a_platform_gives_one_spelling(core: str, left: str, right: str) -> None:
    from orderkit.rules.identity import normalize_identity

    plain, _ = normalize_identity(core)
    padded, _ = normalize_identity(left + core + right)
    assert padded == plain
    again, changes = normalize_identity(padded)
    assert (again, changes) == (padded, []), "normalising twice changes nothing"


# 2. joined fields -----------------------------------------------------------------------------

RAKUTEN_HEADER = [
    "受注番号", "姓", "名", "電話1", "電話2", "電話3", "郵便1", "郵便2", "住所", "SKU", "数",
]  # fmt: skip
RAKUTEN = {
    "platform": "라쿠텐",
    "fields": {
        "order_number": {"column": "受注番号"},
        "recipient_name": {"columns": ["姓", "名"], "join": " "},
        "phone": {"columns": ["電話1", "電話2", "電話3"], "join": "-"},
        "postal_code": {"columns": ["郵便1", "郵便2"], "join": "-"},
        "address": {"column": "住所"},
        "country": {"value": "JP"},
        "sku": {"column": "SKU"},
        "quantity": {"column": "数"},
        "product_url": {"value": "https://item.rakuten.co.jp/x/1"},
        "paid_amount": {"value": "1000"},
    },
}


def rakuten_row(
    phone: tuple[str, str, str], postal: tuple[str, str], name: str = "名"
) -> list[str]:
    return ["R-1", "鈴木", name, *phone, *postal, "東京都千代田区1-1", "S-1", "1"]


@pytest.mark.parametrize(
    ("phone", "empty"),
    [(("03", "1234", ""), "'電話3'"), (("", "1234", "5678"), "'電話1'"),
     (("03", "", ""), "'電話2', '電話3'")],
)  # fmt: skip
def test_a_phone_with_an_empty_part_is_an_error_naming_the_column(
    tmp_path: Path, phone: tuple[str, str, str], empty: str
) -> None:
    path = write_csv(tmp_path / "r.csv", [RAKUTEN_HEADER, rakuten_row(phone, ("100", "0001"))])
    for locale in ("ko", "en"):
        report = orderkit.validate_file(path, RAKUTEN, locale=locale)
        (problem,) = [p for p in report.problems if p.field == "phone" and p.is_error]
        assert problem.code == Code.PARTLY_EMPTY
        assert empty in problem.message


@pytest.mark.parametrize("phone", [("", "", "09012345678"), ("090-1234-5678", "", "")])
def test_a_whole_phone_in_one_of_its_columns_is_that_phone(
    tmp_path: Path, phone: tuple[str, str, str]
) -> None:
    path = write_csv(tmp_path / "r.csv", [RAKUTEN_HEADER, rakuten_row(phone, ("100", "0001"))])
    report = orderkit.validate_file(path, RAKUTEN)
    assert report.ok, report.problems
    assert report.orders[0].recipient.phone == "".join(phone)


def test_all_parts_empty_is_simply_missing_and_free_text_may_lack_a_part(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv", [RAKUTEN_HEADER, rakuten_row(("", "", ""), ("100", "0001"), name="")]
    )
    report = orderkit.validate_file(path, RAKUTEN)
    assert [(p.field, p.code) for p in report.problems] == [("phone", Code.MISSING)]


@pytest.mark.parametrize(
    ("parts", "restored"),
    [(("100", "1"), "100-0001"), (("60", "8588"), "060-8588"), (("1", "10"), "001-0010")],
)
def test_a_postal_code_whose_parts_lost_zeros_is_restored_with_a_warning(
    tmp_path: Path, parts: tuple[str, str], restored: str
) -> None:
    row = rakuten_row(("03", "1234", "5678"), parts)
    path = write_csv(tmp_path / "r.csv", [RAKUTEN_HEADER, row])
    report = orderkit.validate_file(path, RAKUTEN, locale="en")
    assert report.ok, report.problems
    (warning,) = report.problems
    assert warning.code == Code.RESTORED_LEADING_ZERO
    assert f"'{parts[0]}-{parts[1]}'" in warning.message
    assert restored in warning.message
    assert report.orders[0].recipient.address.postal_code == restored


@given(
    parts=st.lists(st.sampled_from(["", "03", "1234", "5678", "0312345678"]), min_size=3,
                   max_size=3),
)  # fmt: skip
def test_a_joined_phone_is_whole_or_flagged(parts: list[str]) -> None:
    from orderkit.templates.joining import join_column
    from orderkit.templates.template import Joined

    spec = Joined(("a", "b", "c"), "-")
    values, flaws = join_column("phone", spec, [[p] for p in parts])
    filled = [p for p in parts if p]
    assert values == ["-".join(filled)]
    whole = filled == ["0312345678"]
    flagged = 0 < len(filled) < 3 and not whole
    assert [f.code for _, f in flaws] == ([Code.PARTLY_EMPTY] if flagged else [])


# 3. one round of fixes ---------------------------------------------------------------------


def test_a_bad_quantity_does_not_hide_an_unknown_sku(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "o.xlsx",
        [STANDARD_HEADER, standard_row("A-1", sku="NOPE", quantity="abc"),
         standard_row("A-2", sku="KNOWN", quantity="abc")],
    )  # fmt: skip
    catalogue = {"KNOWN": "WH-1"}
    report = orderkit.validate_file(path, "standard", platform="수기", catalogue=catalogue)
    by_row = {(p.row, p.code) for p in report.problems}
    assert by_row == {(2, Code.BAD_NUMBER), (2, Code.UNKNOWN_SKU), (3, Code.BAD_NUMBER)}


# 4 and 5. what the store already holds -------------------------------------------------------


def test_a_failed_group_says_which_orders_are_already_registered(
    tmp_path: Path, store: orderkit.Store
) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(6)]
    rows.append(standard_row("O-bad", quantity=0))
    path = write_xlsx(tmp_path / "bulk.xlsx", rows)
    fixed = write_xlsx(tmp_path / "fixed.xlsx", rows[:-1])
    kw: dict[str, Any] = {"template": "standard", "platform": "수기"}
    orderkit.upload_file(fixed, store, **kw)
    assert store.count() == 6
    # The first three are changed on the re-upload: those are not "already registered".
    changed = write_xlsx(
        tmp_path / "changed.xlsx",
        [STANDARD_HEADER] + [standard_row(f"O-{n}", name="김철수") for n in range(3)]
        + rows[4:],
    )  # fmt: skip
    for locale in ("ko", "en"):
        result = orderkit.upload_file(path, store, locale=locale, **kw)
        (group,) = result.groups
        assert not group.ok
        assert codes(group.problems).count(Code.ALREADY_REGISTERED) == 6
        assert Code.GROUP_FAILED not in codes(group.problems)
        assert (result.skipped, group.skipped) == (6, 6)
        assert store.uploads()[-1].failed == 1, "the store records one failed order"
        assert result.failed == 1, "the result says so too"
        assert [r.row for r in result.failures.rows] == [8]
    result = orderkit.upload_file(changed, store, **kw)
    problems = result.groups[0].problems
    assert codes(problems).count(Code.ALREADY_REGISTERED) == 3
    assert codes(problems).count(Code.GROUP_FAILED) == 3


@pytest.mark.parametrize(
    ("change", "ko", "en"),
    [({"name": "김철수"}, "수취인", "recipient_name"),
     ({"phone": "010-9999-8888", "quantity": 2}, "전화번호", "phone, lines")],
)  # fmt: skip
def test_duplicate_order_names_the_fields_that_differ(
    tmp_path: Path, change: dict[str, Any], ko: str, en: str
) -> None:
    first = write_xlsx(tmp_path / "a.xlsx", [STANDARD_HEADER, standard_row("D-1")])
    second = write_xlsx(tmp_path / "b.xlsx", [STANDARD_HEADER, standard_row("D-1", **change)])
    kw: dict[str, Any] = {"template": "standard", "platform": "수기"}
    with orderkit.SqliteSink(tmp_path / "o.db") as store:
        orderkit.upload_file(first, store, **kw)
        for locale, expected in (("ko", ko), ("en", en)):
            result = orderkit.upload_file(second, store, locale=locale, **kw)
            (problem,) = result.problems
            assert problem.code == Code.DUPLICATE_ORDER
            assert expected in problem.message


def test_duplicate_order_names_a_brand_given_differently(
    tmp_path: Path, store: orderkit.Store
) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [STANDARD_HEADER, standard_row("D-1")])
    kw: dict[str, Any] = {"template": "standard", "platform": "수기"}
    orderkit.upload_file(path, store, brand="하루", **kw)
    result = orderkit.upload_file(path, store, brand="이틀", locale="en", **kw)
    (problem,) = result.problems
    assert problem.code == Code.DUPLICATE_ORDER
    assert "brand" in problem.message

"""Templates: strict loading, every field spec form, TOML round trips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit import Column, Constant, Joined, Template
from orderkit.templates.template import MAPPABLE_FIELDS

TOML = """
name = "my-shop"
platform = "네이버"
header_row = 2

[fields]
order_number   = "상품주문번호"
recipient_name = "수취인명"
phone          = ["수취인연락처1", "수취인연락처2"]
postal_code    = { column = "우편번호", pattern = "〒?(?P<value>[0-9-]+)" }
address        = { columns = ["기본배송지", "상세배송지"], join = " " }
sku            = "판매자 상품코드"
quantity       = "수량"
country        = { column = "국가", map = { "일본" = "JP" }, default = "KR" }
brand          = { value = "하루상점" }
"""


def test_a_toml_template_loads_every_spec_form() -> None:
    template = orderkit.load_template(TOML)
    assert template.name == "my-shop"
    assert template.platform == "네이버"
    assert template.header_row == 2
    assert template.fields["order_number"] == Column(("상품주문번호",))
    assert template.fields["phone"] == Column(("수취인연락처1", "수취인연락처2"))
    assert template.fields["address"] == Joined(("기본배송지", "상세배송지"), " ")
    assert template.fields["country"] == Column(("국가",), "KR", {"일본": "JP"})
    assert template.fields["brand"] == Constant("하루상점")


def test_a_template_loads_from_a_path_text_dict_and_name(tmp_path: Path) -> None:
    path = tmp_path / "shop.toml"
    path.write_text(TOML, encoding="utf-8")
    from_text = orderkit.load_template(TOML)
    assert orderkit.load_template(path) == from_text
    assert orderkit.load_template(str(path)) == from_text
    assert orderkit.load_template(from_text.to_dict()) == from_text
    assert orderkit.load_template("standard") == orderkit.standard_template()


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"fields": {"sku": "A"}, "hedaer_row": 2}, "unknown key 'hedaer_row'"),
        ({"fields": {"sku": {"colum": "A"}}}, "fields.sku: unknown key(s) 'colum'"),
        ({"fields": {"skew": "A"}}, "fields.skew: not a canonical field"),
        ({"fields": {"sku": 3}}, "fields.sku: must be a header"),
        ({"fields": {"sku": []}}, "fields.sku: must be a header"),
        ({"fields": {"sku": {"value": 1}}}, "fields.sku: a constant is"),
        ({"fields": {"sku": {"value": "A", "column": "B"}}}, "fields.sku: a constant is"),
        ({"fields": {"sku": {"columns": ["A"], "default": "x"}}}, "goes with 'join' only"),
        ({"fields": {"sku": {"column": "A", "join": "-"}}}, "'join' goes with 'columns'"),
        ({"fields": {"sku": {"default": "x"}}}, "needs 'column', 'columns' or 'value'"),
        ({"fields": {"sku": {"column": "A", "pattern": "("}}}, "not a regular expression"),
        ({"fields": {"sku": {"column": "A", "pattern": "x+"}}}, "(?P<value>...)"),
        ({"fields": {"sku": {"column": "A", "map": {"a": 1}}}}, "fields.sku.map"),
        ({"fields": {"sku": {"column": "A", "default": 1}}}, "fields.sku.default"),
        ({"fields": {"sku": "A"}, "header_row": 0}, "header_row"),
        ({"fields": {"sku": "A"}, "header_row": True}, "header_row"),
        ({"fields": {"sku": "A"}, "sheet": 0}, "sheet"),
        ({"fields": {"sku": "A"}, "platform": 3}, "platform: must be text"),
        ({"fields": {}}, "the template maps no fields"),
        ({}, "'fields' must be a table"),
    ],
)
def test_a_malformed_template_is_a_template_error_naming_it(
    data: dict[str, Any], named: str
) -> None:
    with pytest.raises(orderkit.TemplateError) as caught:
        orderkit.load_template(data)
    assert named in str(caught.value)


def test_every_error_is_named_at_once() -> None:
    with pytest.raises(orderkit.TemplateError) as caught:
        orderkit.load_template({"x": 1, "fields": {"a": "A", "sku": {"colum": "B"}}})
    message = str(caught.value)
    assert "'x'" in message
    assert "fields.a" in message
    assert "colum" in message


def test_bad_toml_and_unknown_names_are_template_errors(tmp_path: Path) -> None:
    with pytest.raises(orderkit.TemplateError, match="not valid TOML"):
        orderkit.load_template("fields = [")
    with pytest.raises(orderkit.TemplateError, match="no built-in template named 'navr'"):
        orderkit.load_template("navr")
    with pytest.raises(orderkit.TemplateError, match="is a folder, not a file"):
        orderkit.load_template(tmp_path)


def test_pattern_map_and_default_apply_in_that_order() -> None:
    spec = orderkit.load_template(
        {
            "fields": {
                "country": {
                    "column": "국가",
                    "pattern": r"\[(?P<value>.+)\]",
                    "map": {"일본": "JP"},
                }
            }
        }
    ).fields["country"]
    assert isinstance(spec, Column)
    assert spec.transform("[일본]") == "JP"
    assert spec.transform("일본") == "JP"
    assert spec.transform("KR") == "KR"


headers = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
        min_size=1,
        max_size=10,
    )
    .map(str.strip)
    .filter(bool)
)
specs = st.one_of(
    st.builds(lambda h: Column((h,)), headers),
    st.builds(lambda hs: Column(tuple(hs)), st.lists(headers, min_size=2, max_size=3)),
    st.builds(
        lambda h, d, m: Column((h,), d, m),
        headers,
        st.one_of(st.none(), headers),
        st.one_of(st.none(), st.dictionaries(headers, headers, min_size=1, max_size=2)),
    ),
    st.builds(
        lambda hs, j: Joined(tuple(hs), j),
        st.lists(headers, min_size=1, max_size=3),
        st.sampled_from([" ", ", ", "\t", '"']),
    ),
    st.builds(Constant, st.text(max_size=10)),
    st.builds(lambda h: Column((h,), pattern=r"(?P<value>\d+)"), headers),
)
templates = st.builds(
    Template,
    fields=st.dictionaries(st.sampled_from(MAPPABLE_FIELDS), specs, min_size=1),
    name=st.one_of(st.none(), headers),
    platform=st.one_of(st.none(), headers),
    brand=st.one_of(st.none(), headers),
    header_row=st.one_of(st.none(), st.integers(1, 50)),
    sheet=st.one_of(st.none(), headers, st.integers(1, 5)),
)


@given(templates)
def test_to_toml_writes_the_same_template_back(template: Template) -> None:
    assert orderkit.load_template(template.to_toml()) == template


def test_to_toml_shows_the_suggesters_confidence_as_comments() -> None:
    template = Template({"sku": Column(("SKU",))}, confidence={"sku": 0.875})
    assert 'sku = "SKU"  # confidence 0.88' in template.to_toml()

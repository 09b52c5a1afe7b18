"""The hand-written TOML writer, held to tomllib for any text a template can hold."""

from __future__ import annotations

import tomllib

from hypothesis import given
from hypothesis import strategies as st

import orderkit
from orderkit.templates.template import Column, Joined, Template
from orderkit.templates.tomlwriter import dumps

texts = st.text(st.characters(codec="utf-8"), max_size=30)
values = st.one_of(
    texts, st.integers(-(2**63), 2**63 - 1), st.booleans(), st.lists(texts, max_size=4)
)


@given(
    st.dictionaries(texts, values, max_size=4),
    st.dictionaries(texts, st.dictionaries(texts, values, max_size=4), max_size=3),
    st.lists(texts, max_size=4),
)
def test_what_is_written_reads_back_the_same(
    scalars: dict[str, object], tables: dict[str, dict[str, object]], preamble: list[str]
) -> None:
    data: dict[str, object] = {k: v for k, v in scalars.items() if k not in tables}
    data.update(tables)
    comments = {t: {k: k for k in content} for t, content in tables.items()}
    text = dumps(data, comments=comments, preamble=preamble)
    assert tomllib.loads(text) == data


@given(st.lists(texts.filter(str.strip), min_size=1, max_size=3), texts, texts)
def test_a_template_with_any_headers_and_notes_round_trips(
    headers: list[str], join: str, note: str
) -> None:
    template = Template(
        fields={
            "order_number": Column((headers[0],)),
            "address": Joined(tuple(h.strip() for h in headers), join),
        },
        notes=(note,),
    )
    text = template.to_toml()
    assert orderkit.load_template(text) == orderkit.load_template(template.to_dict())

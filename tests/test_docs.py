"""The documentation's examples are real."""

from __future__ import annotations

import re
from pathlib import Path

import orderkit

DOCS = Path(__file__).resolve().parent.parent / "docs"


def blocks(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_the_template_reference_example_loads() -> None:
    (example,) = blocks("templates.md", "toml")
    template = orderkit.load_template(example)
    assert template.header_row == 2
    assert set(template.fields) >= {"order_number", "phone", "address", "option", "country"}


def test_every_page_the_index_links_exists() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(([\w-]+\.md)\)", index):
        assert (DOCS / link).is_file(), link

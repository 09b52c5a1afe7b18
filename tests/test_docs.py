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


def test_every_page_is_in_the_table_of_contents() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    trees = re.findall(r"```\{toctree\}\n(.*?)```", index, flags=re.S)
    listed = {line for tree in trees for line in tree.splitlines() if re.fullmatch(r"[\w-]+", line)}
    pages = {p.stem for p in DOCS.glob("*.md")} - {"index"}
    assert pages == listed


def test_the_code_table_is_generated_from_the_catalogue() -> None:
    import sys

    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        from orderkit_docs import codes_markdown
    finally:
        sys.path.pop(0)
    table = codes_markdown()
    from orderkit.messages import CATALOGUE, DESCRIPTIONS

    for code in orderkit.Code:
        assert f"| `{code}` |" in table
        assert DESCRIPTIONS[code][0] in table
        assert DESCRIPTIONS[code][1] in table
    for message_id in CATALOGUE:
        assert f"`{message_id}`" in table


def test_every_command_is_in_the_cli_reference() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = ["validate", "upload", "template suggest", "template check", "template blank",
                "template list", "template match", "template history", "account add",
                "account list", "cancel", "history", "failures"]  # fmt: skip
    for command in commands:
        assert f"orderkit {command}" in reference, command

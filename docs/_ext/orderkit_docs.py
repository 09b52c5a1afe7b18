"""Builds pages from orderkit's own data at every docs build.

The problem-code table comes from the message catalogue; the exception tree is the one drawn
in ``orderkit.model.errors``'s docstring, so it is drawn once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orderkit.model import errors
from orderkit.model.messages import CATALOGUE, DESCRIPTIONS
from orderkit.model.problems import Code

GENERATED = Path(__file__).resolve().parent.parent / "_generated"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def codes_markdown() -> str:
    """The code table (when, in both languages) and every message of each code."""
    lines = [
        "| code | 언제 | when |",
        "|---|---|---|",
    ]
    for code in Code:
        ko, en = DESCRIPTIONS[code]
        lines.append(f"| `{code}` | {_cell(ko)} | {_cell(en)} |")
    lines += ["", "## Messages", ""]
    lines += [
        "Each code has one or more messages; `{label}` is the field's name, `{value}` the",
        "value, the rest are filled from the problem.",
        "",
        "| code | message id | 한국어 | English |",
        "|---|---|---|---|",
    ]
    for message_id, message in CATALOGUE.items():
        row = f"| `{message.code}` | `{message_id}` | {_cell(message.ko)} | {_cell(message.en)} |"
        lines.append(row.replace("{", "&#123;").replace("}", "&#125;"))
    return "\n".join(lines) + "\n"


def exception_tree() -> str:
    """The exception tree as drawn in ``orderkit.model.errors``'s docstring (the ``::`` block)."""
    doc = errors.__doc__ or ""
    block = doc.split("::\n", 1)[1]
    lines = []
    for line in block.splitlines()[1:]:
        if line and not line.startswith("    "):
            break
        lines.append(line[4:])
    return "\n".join(lines).strip("\n") + "\n"


def exceptions_markdown() -> str:
    return f"```\n{exception_tree()}```\n"


def _write(app: Any) -> None:
    GENERATED.mkdir(exist_ok=True)
    for name, text in (("codes.md", codes_markdown()), ("exceptions.md", exceptions_markdown())):
        target = GENERATED / name
        # Only rewrite on change, so Sphinx does not rebuild every page each time.
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Bounding a template's TOML before :mod:`tomllib` parses it.

tomllib recurses once per level of nested arrays and inline tables (deep nesting raises
``RecursionError``) and takes time quadratic in the parts of a dotted key (100,000 parts
take minutes and end in ``MemoryError``). A seller template is a few kilobytes, two or
three levels deep, with keys of one or two parts, so these limits refuse only hostile text,
in one linear pass, before the parser sees it.
"""

from __future__ import annotations

import re
from typing import Final

from orderkit.model.errors import TemplateError

__all__ = ["MAX_DEPTH", "MAX_KEY_PARTS", "MAX_TEMPLATE_CHARS", "check_toml_bounds"]

MAX_TEMPLATE_CHARS: Final = 256 * 1024
"""The longest template text read (a real one is a few kilobytes, a large ``map`` included)."""
MAX_DEPTH: Final = 16
"""The deepest nesting of arrays and inline tables."""
MAX_KEY_PARTS: Final = 16
"""The most dots outside strings on one line (the parts of a dotted key, roughly)."""

# Strings and comments are skipped whole (what is inside them is text, not structure); each
# alternative starts with a different character or cannot overlap, so the scan is linear.
_TOKEN: Final = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""'
    r"|'''(?:[^']|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\[\]{}\n.]"
)


def check_toml_bounds(text: str, where: str) -> None:
    """Refuse template text too large, too deeply nested or with too long dotted keys.

    Raises:
        TemplateError: saying which limit was passed; the text itself is never quoted.
    """
    if len(text) > MAX_TEMPLATE_CHARS:
        raise _refused(
            where,
            f"it holds {len(text):,} characters, more than the {MAX_TEMPLATE_CHARS:,} a "
            "template may have",
            f"글자 수가 {len(text):,}자로 템플릿에 허용된 {MAX_TEMPLATE_CHARS:,}자를 넘습니다",
        )
    depth = dots = line = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "\n":
            line, dots = line + 1, 0
        elif token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _refused(
                    where,
                    f"line {line + 1} nests arrays or tables more than {MAX_DEPTH} deep",
                    f"{line + 1}번째 줄에서 배열이나 표가 {MAX_DEPTH}단계보다 깊게 겹쳐 있습니다",
                )
        elif token in "]}":
            depth = max(0, depth - 1)
        elif token == ".":
            dots += 1
            if dots > MAX_KEY_PARTS:
                raise _refused(
                    where,
                    f"line {line + 1} has a key of more than {MAX_KEY_PARTS} dotted parts",
                    f"{line + 1}번째 줄의 키가 점(.)으로 {MAX_KEY_PARTS}단계보다 많이 "
                    "나뉘어 있습니다",
                )
        elif token[0] in "\"'":
            line += token.count("\n")


def _refused(where: str, en: str, ko: str) -> TemplateError:
    return TemplateError(
        f"{where} was refused as a template: {en}; a template is a small TOML file with a "
        "[fields] table (see docs/templates.md)",
        ko=f"{where}: 템플릿으로 읽지 않았습니다. {ko}. 템플릿은 [fields] 표가 있는 작은 "
        "TOML 파일입니다.",
    )

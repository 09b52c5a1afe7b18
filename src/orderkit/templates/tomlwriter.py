"""A small TOML writer for the shapes templates use: text, numbers, lists and tables.

Hand-written rather than tomli-w because drafts need comments (a confidence per field, the
notes of a suggested draft and a commented ``platform =`` line), which tomli-w does not
write; the shapes are few, and a property test holds every output to ``tomllib``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["comment", "dumps"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"


def _control(ch: str) -> bool:
    return ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u2028\u2029"


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _control(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def comment(text: str) -> str:
    """``text`` as one TOML comment line: control characters (a newline in a header that
    would end the comment and start TOML) are shown escaped instead."""
    safe = "".join(f"\\u{ord(ch):04x}" if _control(ch) and ch != "\t" else ch for ch in text)
    return f"# {safe}".rstrip()


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _value(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dumps(
    data: Mapping[str, Any],
    comments: Mapping[str, Mapping[str, str]] | None = None,
    preamble: Sequence[str] = (),
) -> str:
    """TOML for ``data``: scalars first, then one ``[table]`` per nested mapping.

    ``comments[table][key]`` is written as a trailing comment on that key's line, and each
    line of ``preamble`` as a comment line before everything else.
    """
    comments = comments or {}
    lines = [comment(line) for line in preamble]
    lines.extend(f"{_key(k)} = {_value(v)}" for k, v in data.items() if not isinstance(v, Mapping))
    for table, content in data.items():
        if not isinstance(content, Mapping):
            continue
        notes = comments.get(table, {})
        lines.extend(["", f"[{_key(table)}]"])
        for key, value in content.items():
            line = f"{_key(str(key))} = {_value(value)}"
            if key in notes:
                line += "  " + comment(notes[key])
            lines.append(line)
    return "\n".join(lines) + "\n"

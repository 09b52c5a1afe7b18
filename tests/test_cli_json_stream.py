"""``--format json`` writes its document as a stream: problems one at a time, never the
whole document (or every problem's record) in memory first, and the same text as
``json.dumps(document, ensure_ascii=False, indent=2)``."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from orderkit.cli.app import main
from orderkit.cli.output import EXIT_MEANINGS, Screen, json_document

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

# JSON values with every kind of text: C0 and C1 controls, line and paragraph separators,
# bidirectional overrides, quotes and backslashes.
_SPECIAL = '\x00\n\x1b\x7f\x85\x9b\u2028\u2029\u202b\u202e\u2067"\\'
_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from(_SPECIAL), max_size=12)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=12,
)
_HEAD = ("schema_version", "command", "ok", "exit_code", "exit_meaning")


def reference(command: str, exit_code: int, body: dict[str, Any]) -> str:
    """The document as one json.dumps call writes it, C1 controls escaped as output.py does."""
    document = {
        "schema_version": 1, "command": command, "ok": exit_code == 0, "exit_code": exit_code,
        "exit_meaning": EXIT_MEANINGS[exit_code], **body,
    }  # fmt: skip
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return "".join(f"\\u{ord(c):04x}" if _shown_escaped(c) else c for c in text)


def _shown_escaped(char: str) -> bool:
    """DEL, C1 controls, line and paragraph separators, bidirectional overrides."""
    code = ord(char)
    return (
        0x7F <= code <= 0x9F
        or code in (0x2028, 0x2029)
        or 0x202A <= code <= 0x202E
        or (0x2066 <= code <= 0x2069)
    )


@given(
    body=st.dictionaries(_TEXT, _VALUES, max_size=4),
    items=st.lists(_VALUES, max_size=4),
    command=_TEXT,
    exit_code=st.sampled_from(sorted(EXIT_MEANINGS)),
)
def test_the_streamed_document_is_the_text_json_dumps_writes(
    body: dict[str, Any], items: list[Any], command: str, exit_code: int
) -> None:
    body = {k: v for k, v in body.items() if k not in (*_HEAD, "problems")}
    expected = reference(command, exit_code, {**body, "problems": items})
    assert json_document(command, exit_code, **body, problems=iter(items)) == expected
    assert json_document(command, exit_code, **body, problems=items) == expected
    stream = io.StringIO()
    Screen(command, "en", "json", stream).document(exit_code, **body, problems=iter(items))
    assert stream.getvalue() == expected + "\n"
    assert json.loads(stream.getvalue())["problems"] == items


class _Watched(io.StringIO):
    """A stream that counts how many problem records it had been given."""

    def records(self) -> int:
        return self.getvalue().count('"code"')


def test_each_problem_is_written_before_the_next_is_made() -> None:
    stream = _Watched()
    seen: list[int] = []

    def problems() -> Iterator[dict[str, Any]]:
        for number in range(1, 6):
            seen.append(stream.records())  # how many were out when this one was asked for
            yield {"row": number, "code": "too_long"}

    Screen("validate", "ko", "json", stream).document(1, summary={}, problems=problems())
    assert seen == [0, 1, 2, 3, 4]
    assert [p["row"] for p in json.loads(stream.getvalue())["problems"]] == [1, 2, 3, 4, 5]


def test_validate_streams_a_document_equal_to_the_one_it_printed_before(
    tmp_path: Path, capsys: Any
) -> None:
    rows = [STANDARD_HEADER, *(standard_row(f"A-{i}", quantity=0) for i in range(30))]
    path = write_xlsx(tmp_path / "o.xlsx", rows)
    code = main(["validate", str(path), "-t", "standard", "--platform", "P", "--format", "json"])
    assert code == 1
    printed = capsys.readouterr().out
    document = json.loads(printed)
    assert len(document["problems"]) == 30
    body = {k: v for k, v in document.items() if k not in _HEAD}
    assert printed == json_document("validate", 1, **body) + "\n"


def test_no_problems_is_an_empty_array() -> None:
    stream = io.StringIO()
    Screen("validate", "ko", "json", stream).document(0, summary={"rows": 1}, problems=iter(()))
    assert '"problems": []' in stream.getvalue()
    assert json.loads(stream.getvalue())["problems"] == []
